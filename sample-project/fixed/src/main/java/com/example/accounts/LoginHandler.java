package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.LoginThrottle;
import io.github.bulwark.runtime.PasswordHasher;
import io.github.bulwark.runtime.RateLimiter;
import io.github.bulwark.runtime.SecureCookie;
import io.github.bulwark.runtime.SecureCookies;
import io.github.bulwark.runtime.SecurityLog;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * POST /login exchanges an e-mail address and password (and, with two-step login on, the
 * authenticator code) for a bearer token; the web dashboard gets it as a cookie too.
 */
final class LoginHandler extends JsonHandler {

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final SessionStore sessions;
  private final TwoFactorService twoFactor;
  private final LoginThrottle throttle = LoginThrottle.defaults();
  private final SecurityLog audit = SecurityLog.get();

  LoginHandler(UserRepository users, PasswordHasher hasher, SessionStore sessions,
      TwoFactorService twoFactor) {
    this.users = users;
    this.hasher = hasher;
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
    int minutes;
    try {
      minutes = Integer.parseInt(body.getOrDefault("rememberMinutes", "15"));
    } catch (NumberFormatException e) {
      throw new BadRequest("rememberMinutes must be a whole number of minutes");
    }
    String address = exchange.getRemoteAddress().getAddress().getHostAddress();
    RateLimiter.Decision decision = throttle.check(email, address);
    if (!decision.allowed()) {
      audit.rateLimited(address);
      return new Response(429, Json.object("error", "too many attempts, try again later",
          "retryAfterSeconds", Math.max(1, decision.retryAfter().toSeconds())));
    }
    Optional<User> user = users.findByEmail(email)
        .filter(candidate -> hasher.verify(password.toCharArray(), candidate.passwordHash()));
    if (user.isEmpty()) {
      throttle.recordFailure(email, address);
      audit.loginFailure(email, "bad credentials");
      // One answer for "no such user" and "wrong password": no account enumeration.
      return new Response(401, Json.object("error", "wrong e-mail address or password"));
    }
    String userId = user.get().id();
    if (twoFactor.enrolled(userId) && !twoFactor.verify(userId, body.get("code"))) {
      throttle.recordFailure(email, address);
      audit.mfaFailure(userId);
      return new Response(401, Json.object("error", "authenticator code required"));
    }
    throttle.recordSuccess(email);
    audit.loginSuccess(userId);
    String token = sessions.issueToken(userId, Duration.ofMinutes(Math.max(1, minutes)), false);
    // Secure; HttpOnly; SameSite=Strict; Path=/. SecureCookies refuses CR/LF and separators in
    // the value, which is a Tokens.urlSafe() session token, not request data.
    String cookie = SecureCookies.session("session", token).headerValue();
    // bulwark:ignore HeaderInjection -- a SecureCookies header value around a random session token
    exchange.getResponseHeaders().add(SecureCookie.HEADER, cookie);
    return new Response(200, Json.object("token", token));
  }
}
