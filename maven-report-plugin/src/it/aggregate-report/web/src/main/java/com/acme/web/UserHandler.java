package com.acme.web;

import com.acme.data.UserRepository;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.sql.SQLException;

/** Looks up the user named in the query string. */
public class UserHandler implements HttpHandler {

  private final UserRepository users;

  public UserHandler(UserRepository users) {
    this.users = users;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getQuery();
    try {
      users.findByName(name);
      exchange.sendResponseHeaders(204, -1);
    } catch (SQLException e) {
      throw new IOException("lookup failed", e);
    }
  }
}
