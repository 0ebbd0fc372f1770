package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.SecurityLog;
import java.util.Map;

/** POST /payments tops up the caller's balance by charging their card. */
final class PaymentsHandler extends JsonHandler {

  private static final long MAX_TOP_UP_CENTS = 100_000;

  private final UserRepository users;
  private final SessionStore sessions;
  private final PaymentClient payments;
  private final FraudCheckClient fraud;

  PaymentsHandler(UserRepository users, SessionStore sessions, PaymentClient payments,
      FraudCheckClient fraud) {
    this.users = users;
    this.sessions = sessions;
    this.payments = payments;
    this.fraud = fraud;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    String userId = sessions.userFor(exchange).orElse(null);
    if (userId == null) {
      SecurityLog.get().accessDenied("anonymous", "/payments");
      return new Response(401, Json.object("error", "log in first"));
    }
    Map<String, String> body = readJson(exchange);
    long amount;
    try {
      amount = Long.parseLong(required(body, "amountCents"));
    } catch (NumberFormatException e) {
      throw new BadRequest("amountCents must be a whole number of cents");
    }
    if (amount <= 0 || amount > MAX_TOP_UP_CENTS) {
      throw new BadRequest("amountCents must be between 1 and " + MAX_TOP_UP_CENTS);
    }
    User user = users.find(userId).orElseThrow(() -> new BadRequest("no such user"));
    try {
      if (!fraud.allows(user.id(), amount)) {
        return new Response(402, Json.object("error", "payment was declined"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the fraud check", e);
    }
    return payments.charge(user.id(), amount)
        .map(chargeId -> {
          users.save(user.withBalance(user.balanceCents() + amount));
          return new Response(201, Json.object("chargeId", chargeId,
              "balanceCents", user.balanceCents() + amount));
        })
        .orElseGet(() -> new Response(502, Json.object("error", "payment was declined")));
  }
}
