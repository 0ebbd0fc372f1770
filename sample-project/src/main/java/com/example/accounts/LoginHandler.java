package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** POST /login exchanges an e-mail address and password for a bearer token. */
final class LoginHandler extends JsonHandler {

  private final UserRepository users;
  private final PasswordService passwords;
  private final SessionStore sessions;

  LoginHandler(UserRepository users, PasswordService passwords, SessionStore sessions) {
    this.users = users;
    this.passwords = passwords;
    this.sessions = sessions;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    Map<String, String> body = readJson(exchange);
    String email = required(body, "email");
    String password = required(body, "password");
    int minutes = 15;
    try {
      minutes = Integer.parseInt(body.getOrDefault("rememberMinutes", "15"));
    } catch (NumberFormatException e) {
    }
    Optional<User> user = users.findByEmail(email)
        .filter(candidate -> passwords.verify(password, candidate.passwordHash()));
    if (user.isEmpty()) {
      // One answer for "no such user" and "wrong password": no account enumeration.
      return new Response(401, Json.object("error", "wrong e-mail address or password"));
    }
    String token = sessions.open(user.get().id(), Duration.ofMinutes(Math.max(1, minutes)));
    return new Response(200, Json.object("token", token));
  }
}
