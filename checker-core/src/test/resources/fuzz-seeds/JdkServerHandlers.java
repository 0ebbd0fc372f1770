package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** JDK HttpServer handlers: no annotations, the class name says what they serve. */
final class SignInHandler implements HttpHandler {

  private final PasswordService passwords;
  private final SessionStore sessions;

  SignInHandler(PasswordService passwords, SessionStore sessions) {
    this.passwords = passwords;
    this.sessions = sessions;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException { // expect: MissingRateLimit
    Form form = Form.read(exchange);
    if (passwords.verify(form.password(), form.storedHash())) {
      exchange.getResponseHeaders().add("Authorization", sessions.open(form.email()));
      exchange.sendResponseHeaders(200, -1);
    } else {
      exchange.sendResponseHeaders(401, -1);
    }
  }
}

final class HealthHandler implements HttpHandler {

  @Override
  public void handle(HttpExchange exchange) throws IOException { // ok: a health probe checks no credential
    exchange.sendResponseHeaders(204, -1);
  }
}
