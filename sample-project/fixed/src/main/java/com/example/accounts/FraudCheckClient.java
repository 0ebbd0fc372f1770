package com.example.accounts;

import io.github.bulwark.runtime.SecureHttp;
import io.github.bulwark.runtime.SecurityLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Asks the in-house fraud scoring service whether a top-up looks like card testing. */
final class FraudCheckClient {

  private static final URI SCORING_URL =
      URI.create("https://fraud-scoring.internal.example.com:8443/v2/score");

  private final SecureHttp http = SecureHttp.builder()
      .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(2)).build();

  /**
   * True only when the scoring service answers and does not say to block the charge: while it
   * is unreachable, top-ups wait (fail closed) rather than go through unchecked.
   */
  boolean allows(String userId, long amountCents) throws InterruptedException {
    HttpRequest request = http.request(SCORING_URL)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            Json.object("user", userId, "amountCents", amountCents)))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          && "allow".equals(Json.parse(response.body()).get("decision"));
    } catch (IOException e) {
      SecurityLog.get().failure("fraud.check", Map.of("user", userId), e);
      return false;
    }
  }
}
