package com.example.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.GeneralSecurityException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * Downloads the partner bank's daily camt.053 statement feed. The bank's gateway is old: it
 * speaks TLS 1.0 only and its certificate still names the host it had before a rename.
 */
final class BankFeedClient {

  private final URL feedUrl;

  BankFeedClient(URL feedUrl) {
    this.feedUrl = feedUrl;
  }

  byte[] fetchDaily() {
    try {
      SSLContext tls = SSLContext.getInstance("TLSv1");
      tls.init(null, null, null);
      HttpsURLConnection connection = (HttpsURLConnection) feedUrl.openConnection();
      connection.setSSLSocketFactory(tls.getSocketFactory());
      connection.setHostnameVerifier((hostname, session) -> true);
      connection.setConnectTimeout(10_000);
      connection.setReadTimeout(60_000);
      try (InputStream in = connection.getInputStream()) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot download the bank feed from " + feedUrl, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available", e);
    }
  }
}
