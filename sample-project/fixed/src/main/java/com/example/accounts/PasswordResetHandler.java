package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.InputValidator;
import io.github.bulwark.runtime.PasswordHasher;
import io.github.bulwark.runtime.RateLimiter;
import io.github.bulwark.runtime.SecurityLog;
import io.github.bulwark.runtime.Tokens;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * POST /password-reset {"email"} mails a reset link; POST /password-reset/confirm
 * {"token", "newPassword"} sets the new password. At most three links per address an hour.
 */
final class PasswordResetHandler extends JsonHandler {

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final PasswordHistory history;
  private final Mailer mailer;
  private final RateLimiter linksPerAddress =
      RateLimiter.perKey().capacity(3).refillEvery(Duration.ofHours(1)).build();
  private final RateLimiter confirmationsPerClient = RateLimiter.perMinute(10);
  private final Map<String, String> userIdByToken = new ConcurrentHashMap<>();
  private final SecurityLog audit = SecurityLog.get();

  PasswordResetHandler(UserRepository users, PasswordHasher hasher, PasswordHistory history,
      Mailer mailer) {
    this.users = users;
    this.hasher = hasher;
    this.history = history;
    this.mailer = mailer;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    Map<String, String> body = readJson(exchange);
    String address = exchange.getRemoteAddress().getAddress().getHostAddress();
    if (exchange.getRequestURI().getPath().equals("/password-reset/confirm")) {
      if (!confirmationsPerClient.tryAcquire(address).allowed()) {
        audit.rateLimited(address);
        return new Response(429, Json.object("error", "too many attempts, try again later"));
      }
      return confirm(required(body, "token"), required(body, "newPassword"));
    }
    String email = InputValidator.email(required(body, "email"));
    if (!linksPerAddress.tryAcquire(email).allowed()) {
      audit.rateLimited(email);
      return new Response(429, Json.object("error", "too many reset requests"));
    }
    users.findByEmail(email).ifPresent(user -> {
      String resetToken = Tokens.urlSafe();
      userIdByToken.put(resetToken, user.id());
      mailer.send(email, "Reset your password",
          "https://accounts.example.com/reset?token=" + resetToken);
      audit.tokenIssued(user.id(), "password-reset");
    });
    // The same answer whether or not the address has an account.
    return new Response(202, Json.object("status", "if the address has an account, a link is on its way"));
  }

  private Response confirm(String token, String newPassword) {
    String userId = userIdByToken.remove(token);
    User user = userId == null ? null : users.find(userId).orElse(null);
    if (user == null) {
      audit.tokenRejected("unknown", "invalid or used reset token");
      throw new BadRequest("this reset link is invalid or was used already");
    }
    if (newPassword.length() < 12) {
      throw new BadRequest("password must have at least 12 characters");
    }
    String newHash = hasher.hash(newPassword.toCharArray());
    try {
      if (history.usedBefore(user.id(), newPassword.toCharArray())) {
        throw new BadRequest("choose a password you have not used before");
      }
      history.record(user.id(), newHash);
    } catch (SQLException e) {
      throw new IllegalStateException("password history unavailable", e);
    }
    users.save(user.withPasswordHash(newHash));
    audit.passwordChanged(user.id());
    return new Response(200, Json.object("status", "password changed"));
  }
}
