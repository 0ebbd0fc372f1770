package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * POST /login exchanges an e-mail address and password (and, with two-step login on, the
 * authenticator code) for a bearer token; the web dashboard gets it as a cookie too.
 */
final class LoginHandler extends JsonHandler {

  private final UserRepository users;
  private final PasswordService passwords;
  private final SessionStore sessions;
  private final TwoFactorService twoFactor;

  LoginHandler(UserRepository users, PasswordService passwords, SessionStore sessions,
      TwoFactorService twoFactor) {
    this.users = users;
    this.passwords = passwords;
    this.sessions = sessions;
    this.twoFactor = twoFactor;
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
    String userId = user.get().id();
    if (twoFactor.enrolled(userId) && !twoFactor.verify(userId, body.get("code"))) {
      return new Response(401, Json.object("error", "authenticator code required"));
    }
    String token = sessions.issueToken(userId, Duration.ofMinutes(Math.max(1, minutes)), false);
    exchange.getResponseHeaders().add("Set-Cookie",
        "session=" + token + "; Path=/; Max-Age=" + minutes * 60);
    return new Response(200, Json.object("token", token));
  }
}
