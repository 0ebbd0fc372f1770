package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.PasswordHasher;
import io.github.bulwark.runtime.SecurityLog;
import java.util.Map;

/**
 * POST /users registers an account; GET /users/me shows the caller's own; POST /users/me/2fa
 * turns on two-step login and answers the otpauth:// URI for the authenticator app.
 */
final class UsersHandler extends JsonHandler {

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final SessionStore sessions;
  private final TwoFactorService twoFactor;

  UsersHandler(UserRepository users, PasswordHasher hasher, SessionStore sessions,
      TwoFactorService twoFactor) {
    this.users = users;
    this.hasher = hasher;
    this.sessions = sessions;
    this.twoFactor = twoFactor;
  }

  @Override
  Response respond(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    if (method.equals("POST") && path.equals("/users/me/2fa")) {
      return sessions.userFor(exchange).flatMap(users::find)
          .map(user -> new Response(201, Json.object("otpauth",
              twoFactor.enroll(user.id(), user.email()))))
          .orElseGet(UsersHandler::notLoggedIn);
    }
    if (method.equals("POST")) {
      Map<String, String> body = readJson(exchange);
      String email = required(body, "email");
      String password = required(body, "password");
      if (password.length() < 12) {
        throw new BadRequest("password must have at least 12 characters");
      }
      User user = users.create(email, hasher.hash(password.toCharArray()));
      return new Response(201, Json.object("id", user.id(), "email", user.email()));
    }
    if (method.equals("GET") && path.equals("/users/me")) {
      return sessions.userFor(exchange).flatMap(users::find)
          .map(user -> new Response(200, Json.object("id", user.id(), "email", user.email(),
              "balanceCents", user.balanceCents())))
          .orElseGet(UsersHandler::notLoggedIn);
    }
    return methodNotAllowed();
  }

  private static Response notLoggedIn() {
    SecurityLog.get().accessDenied("anonymous", "/users/me");
    return new Response(401, Json.object("error", "log in first"));
  }
}
