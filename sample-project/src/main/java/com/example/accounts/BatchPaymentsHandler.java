package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.ObjectInputStream;

/**
 * POST /payments/batch: the treasury desktop client uploads a {@link PaymentBatch} as a
 * serialized Java object ({@code application/x-java-serialized-object}).
 */
final class BatchPaymentsHandler extends JsonHandler {

  private final SessionStore sessions;
  private final PaymentClient payments;

  BatchPaymentsHandler(SessionStore sessions, PaymentClient payments) {
    this.sessions = sessions;
    this.payments = payments;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (sessions.sessionFor(exchange).filter(SessionStore.Session::staff).isEmpty()) {
      return new Response(403, Json.object("error", "staff only"));
    }
    PaymentBatch batch;
    try (ObjectInputStream in = new ObjectInputStream(exchange.getRequestBody())) {
      batch = (PaymentBatch) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new BadRequest("not a payment batch");
    }
    int charged = 0;
    int failed = 0;
    for (PaymentBatch.Item item : batch.items()) {
      try {
        if (payments.charge(item.accountId(), item.amountCents()).isPresent()) {
          charged++;
        } else {
          failed++;
        }
      } catch (Exception e) {
        failed++;
      }
    }
    return new Response(200, Json.object("reference", batch.reference(), "charged", charged,
        "failed", failed));
  }
}
