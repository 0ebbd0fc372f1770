package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.util.Map;

/** POST /users registers an account; GET /users/me shows the caller's own. */
final class UsersHandler extends JsonHandler {

  private final UserRepository users;
  private final PasswordService passwords;
  private final SessionStore sessions;

  UsersHandler(UserRepository users, PasswordService passwords, SessionStore sessions) {
    this.users = users;
    this.passwords = passwords;
    this.sessions = sessions;
  }

  @Override
  Response respond(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    if (method.equals("POST")) {
      Map<String, String> body = readJson(exchange);
      String email = required(body, "email");
      String password = required(body, "password");
      if (password.length() < 12) {
        throw new BadRequest("password must have at least 12 characters");
      }
      User user = users.create(email, passwords.hash(password));
      return new Response(201, Json.object("id", user.id(), "email", user.email()));
    }
    if (method.equals("GET") && exchange.getRequestURI().getPath().equals("/users/me")) {
      return sessions.userFor(exchange).flatMap(users::find)
          .map(user -> new Response(200, Json.object("id", user.id(), "email", user.email(),
              "balanceCents", user.balanceCents())))
          .orElseGet(() -> new Response(401, Json.object("error", "log in first")));
    }
    return methodNotAllowed();
  }
}
