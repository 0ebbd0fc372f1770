package com.example.accounts;

import io.github.bulwark.runtime.SecureHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads the partner bank's daily camt.053 statement feed over TLS 1.2+ with the certificate
 * and host name verified (SecureHttp); the bank's gateway was upgraded and re-issued for
 * {@code feeds.partnerbank.example.com}.
 */
final class BankFeedClient {

  private final URI feedUrl;
  private final SecureHttp http = SecureHttp.builder()
      .connectTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofMinutes(1)).build();

  BankFeedClient(URI feedUrl) {
    this.feedUrl = feedUrl;
  }

  byte[] fetchDaily() {
    try {
      return http.send(http.request(feedUrl).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray()).body();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot download the bank feed from " + feedUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while downloading the bank feed", e);
    }
  }
}
