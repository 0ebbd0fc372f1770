package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.List;

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
    List<String> charges = new ArrayList<>();
    for (PaymentBatch.Item item : batch.items()) {
      charges.add(Json.object("account", item.accountId(), "chargeId",
          payments.charge(item.accountId(), item.amountCents()).orElse("declined")));
    }
    return new Response(200, Json.object("reference", batch.reference(), "charges", charges.size()));
  }
}
