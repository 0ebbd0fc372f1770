package com.example.accounts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the in-house fraud scoring service whether a top-up looks like card testing. */
final class FraudCheckClient {

  private static final URI SCORING_URL =
      URI.create("http://fraud-scoring.internal.example.com:8081/v2/score");

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  /** True unless the scoring service says to block the charge. */
  boolean allows(String userId, long amountCents) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(SCORING_URL)
        .timeout(Duration.ofSeconds(2))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            Json.object("user", userId, "amountCents", amountCents)))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return !"block".equals(Json.parse(response.body()).get("decision"));
    } catch (IOException e) {
      return true;
    }
  }
}
