package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.SecurityLog;
import io.github.bulwark.runtime.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POST /webhooks/payments: the payment provider reports refunds and chargebacks, signed with
 * HMAC-SHA256 over the body in the {@code X-Signature} header.
 */
final class ProviderWebhookHandler extends JsonHandler {

  private final UserRepository users;
  private final byte[] signingKey;

  ProviderWebhookHandler(UserRepository users, byte[] signingKey) {
    this.users = users;
    this.signingKey = signingKey.clone();
  }

  @Override
  Response respond(HttpExchange exchange) {
    byte[] payload;
    try (InputStream in = exchange.getRequestBody()) {
      payload = in.readNBytes(64 * 1024);
    } catch (IOException e) {
      throw new BadRequest("could not read the event");
    }
    String signature = exchange.getRequestHeaders().getFirst("X-Signature");
    String expectedSignature = hmacSha256Hex(payload);
    if (signature == null || !Tokens.equal(signature, expectedSignature)) {
      SecurityLog.get().tokenRejected("payment-provider", "bad webhook signature");
      return new Response(401, Json.object("error", "bad signature"));
    }
    Map<String, String> event = Json.parse(new String(payload, StandardCharsets.UTF_8));
    if ("charge.refunded".equals(event.get("type"))) {
      long refunded = Long.parseLong(required(event, "amountCents"));
      users.find(required(event, "account")).ifPresent(
          user -> users.save(user.withBalance(user.balanceCents() - refunded)));
    }
    return new Response(200, Json.object("status", "processed"));
  }

  private String hmacSha256Hex(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
