package com.example.accounts;

import io.github.bulwark.runtime.Secrets;
import io.github.bulwark.runtime.SecureHttp;
import io.github.bulwark.runtime.TrustAnchors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Charges cards through the payment provider's HTTPS API. */
final class PaymentClient {

  private final URI baseUrl;
  private final SecureHttp http;
  private final String apiKey;

  PaymentClient(URI baseUrl) {
    this.baseUrl = baseUrl;
    // Full certificate and host name validation; the provider's sandbox CA is trusted by name
    // (PAYMENTS_CA_FILE), never by accepting every certificate.
    String caFile = System.getenv("PAYMENTS_CA_FILE");
    this.http = caFile == null ? SecureHttp.client()
        : SecureHttp.builder().trustOnly(TrustAnchors.pem(Path.of(caFile)))
            .connectTimeout(Duration.ofSeconds(5)).build();
    this.apiKey = Secrets.require("PAYMENTS_API_KEY").reveal();
  }

  /** Asks the provider to charge the account; the provider's charge id, if it accepted. */
  Optional<String> charge(String accountId, long amountCents) {
    HttpRequest request = http.request(baseUrl.resolve("charges"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + apiKey)
        .POST(HttpRequest.BodyPublishers.ofString(
            Json.object("account", accountId, "amountCents", amountCents)))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201) {
        return Optional.ofNullable(Json.parse(response.body()).get("chargeId"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("payment provider unreachable at " + baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while charging " + accountId, e);
    }
    return Optional.empty();
  }
}
