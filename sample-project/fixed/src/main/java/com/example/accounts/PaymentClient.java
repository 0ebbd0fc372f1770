package com.example.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Charges cards through the payment provider's HTTPS API. */
final class PaymentClient {

  private final URI baseUrl;
  private final HttpClient http;

  PaymentClient(URI baseUrl) {
    this.baseUrl = baseUrl;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    String caFile = System.getenv("PAYMENTS_CA_FILE");
    if (caFile != null) {
      builder.sslContext(trusting(Path.of(caFile)));
    }
    this.http = builder.build();
  }

  /** Asks the provider to charge the account; the provider's charge id, if it accepted. */
  Optional<String> charge(String accountId, long amountCents) {
    HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("charges"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
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

  /**
   * Full certificate validation against one private CA (the provider's sandbox), instead of
   * trusting everyone. bulwark-runtime's SecureHttp.trusting(ca) does this in one call once the
   * sample depends on it.
   */
  private static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("payments-ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the payment provider's CA from " + caFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the CA in " + caFile, e);
    }
  }
}
