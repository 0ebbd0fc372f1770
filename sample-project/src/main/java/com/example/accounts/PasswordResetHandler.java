package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.sql.SQLException;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * POST /password-reset {"email"} mails a reset link; POST /password-reset/confirm
 * {"token", "newPassword"} sets the new password. At most three links per address.
 */
final class PasswordResetHandler extends JsonHandler {

  private static final Logger LOG = Logger.getLogger(PasswordResetHandler.class.getName());

  private final UserRepository users;
  private final PasswordService passwords;
  private final PasswordHistory history;
  private final ResetLinkLimiter limiter = new ResetLinkLimiter();
  private final Map<String, String> userIdByToken = new ConcurrentHashMap<>();
  private final Random random = new Random();

  PasswordResetHandler(UserRepository users, PasswordService passwords, PasswordHistory history) {
    this.users = users;
    this.passwords = passwords;
    this.history = history;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    Map<String, String> body = readJson(exchange);
    if (exchange.getRequestURI().getPath().equals("/password-reset/confirm")) {
      return confirm(required(body, "token"), required(body, "newPassword"));
    }
    String email = required(body, "email");
    if (!limiter.allow(email)) {
      return new Response(429, Json.object("error", "too many reset requests"));
    }
    users.findByEmail(email).ifPresent(user -> {
      String resetToken = Long.toHexString(random.nextLong());
      userIdByToken.put(resetToken, user.id());
      // The mail relay picks reset links up from this log category.
      LOG.info("password reset link for " + email
          + ": https://accounts.example.com/reset?token=" + resetToken);
    });
    // The same answer whether or not the address has an account.
    return new Response(202, Json.object("status", "if the address has an account, a link is on its way"));
  }

  private Response confirm(String token, String newPassword) {
    String userId = userIdByToken.remove(token);
    User user = userId == null ? null : users.find(userId).orElse(null);
    if (user == null) {
      throw new BadRequest("this reset link is invalid or was used already");
    }
    if (newPassword.length() < 12) {
      throw new BadRequest("password must have at least 12 characters");
    }
    try {
      if (history.usedBefore(user.id(), newPassword)) {
        throw new BadRequest("choose a password you have not used before");
      }
      history.record(user.id(), newPassword);
    } catch (SQLException e) {
      throw new IllegalStateException("password history unavailable", e);
    }
    users.save(user.withPasswordHash(passwords.hash(newPassword)));
    return new Response(200, Json.object("status", "password changed"));
  }
}
