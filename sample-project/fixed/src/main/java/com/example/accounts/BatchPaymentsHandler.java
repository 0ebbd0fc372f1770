package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.SecurityLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * POST /payments/batch: the treasury desktop client uploads a {@link PaymentBatch} as CSV text
 * ({@code text/csv}), a format with a fixed shape instead of serialized Java objects.
 */
final class BatchPaymentsHandler extends JsonHandler {

  private static final int MAX_BATCH_BYTES = 64 * 1024;

  private final SessionStore sessions;
  private final PaymentClient payments;
  private final SecurityLog audit = SecurityLog.get();

  BatchPaymentsHandler(SessionStore sessions, PaymentClient payments) {
    this.sessions = sessions;
    this.payments = payments;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (sessions.sessionFor(exchange).filter(SessionStore.Session::staff).isEmpty()) {
      audit.accessDenied("anonymous", "/payments/batch");
      return new Response(403, Json.object("error", "staff only"));
    }
    PaymentBatch batch;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BATCH_BYTES + 1);
      if (bytes.length > MAX_BATCH_BYTES) {
        throw new BadRequest("a batch is at most " + MAX_BATCH_BYTES + " bytes");
      }
      batch = PaymentBatch.parseCsv(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new BadRequest("could not read the batch");
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
      } catch (UncheckedIOException e) {
        audit.failure("batch.charge", Map.of("reference", batch.reference(),
            "account", item.accountId()), e);
        failed++;
      }
    }
    return new Response(200, Json.object("reference", batch.reference(), "charged", charged,
        "failed", failed));
  }
}
