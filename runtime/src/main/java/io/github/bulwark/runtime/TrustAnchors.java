package io.github.bulwark.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A non-empty, immutable set of certificates that a TLS client accepts as the root of a server's
 * chain — the right way to trust a private CA, instead of trusting every certificate.
 *
 * <p>Pass it to {@link SecureHttp.Builder#trustOnly(TrustAnchors)} (these anchors replace the
 * platform's) or {@link SecureHttp.Builder#trustAlso(TrustAnchors)} (they are added to them).
 * Only certificates count: a key store's private-key entries are never taken as anchors.
 */
public final class TrustAnchors {

  private final List<X509Certificate> certificates;
  private final String source;

  private TrustAnchors(List<X509Certificate> certificates, String source) {
    this.certificates = Collections.unmodifiableList(new ArrayList<>(certificates));
    this.source = source;
  }

  /** Anchors from one or more certificates, typically a private CA's root. */
  public static TrustAnchors of(X509Certificate certificate, X509Certificate... more) {
    if (more == null) {
      throw new IllegalArgumentException("more certificates must not be a null array");
    }
    List<X509Certificate> all = new ArrayList<>();
    all.add(requireCertificate(certificate, 0));
    for (int i = 0; i < more.length; i++) {
      all.add(requireCertificate(more[i], i + 1));
    }
    return new TrustAnchors(all, all.size() + " certificate(s)");
  }

  /** Anchors from every certificate in a PEM file ({@code -----BEGIN CERTIFICATE-----} blocks). */
  public static TrustAnchors pem(Path pemFile) {
    if (pemFile == null) {
      throw new IllegalArgumentException("pemFile must not be null");
    }
    try (InputStream in = Files.newInputStream(pemFile)) {
      return parse(in, "PEM file " + pemFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the PEM file " + pemFile + ": " + e, e);
    }
  }

  /** Anchors from every certificate in a PEM stream; the stream is read to its end, not closed. */
  public static TrustAnchors pem(InputStream pem) {
    if (pem == null) {
      throw new IllegalArgumentException("pem stream must not be null");
    }
    return parse(pem, "PEM stream");
  }

  /** Anchors from the trusted-certificate entries of a loaded key store (e.g. a PKCS12 trust store). */
  public static TrustAnchors keyStore(KeyStore keyStore) {
    if (keyStore == null) {
      throw new IllegalArgumentException("keyStore must not be null");
    }
    List<X509Certificate> found = new ArrayList<>();
    try {
      for (Enumeration<String> aliases = keyStore.aliases(); aliases.hasMoreElements(); ) {
        String alias = aliases.nextElement();
        if (keyStore.isCertificateEntry(alias)
            && keyStore.getCertificate(alias) instanceof X509Certificate) {
          found.add((X509Certificate) keyStore.getCertificate(alias));
        }
      }
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException("The key store is not loaded: " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("The " + keyStore.getType() + " key store holds no trusted"
          + " X.509 certificate entry (private-key entries are never trust anchors)");
    }
    return new TrustAnchors(found, keyStore.getType() + " key store");
  }

  /** The certificates, in the order they were given. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** Where the anchors came from and how many there are; no certificate content. */
  @Override
  public String toString() {
    return "TrustAnchors[" + certificates.size() + " from " + source + "]";
  }

  /** The platform's default anchors (the JDK's cacerts, or what javax.net.ssl.trustStore names). */
  static TrustAnchors platform() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      List<X509Certificate> found = new ArrayList<>();
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager) {
          found.addAll(Arrays.asList(((X509TrustManager) manager).getAcceptedIssuers()));
        }
      }
      if (found.isEmpty()) {
        // An empty platform store would make every handshake fail with a confusing message later.
        throw new IllegalStateException("The platform trust store holds no certificate;"
            + " configure one (javax.net.ssl.trustStore) or use trustOnly(...)");
      }
      return new TrustAnchors(found, "the platform trust store");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the platform trust store: " + e.getMessage(), e);
    }
  }

  /** A new, in-memory PKCS12 key store holding {@code certificates} as trusted entries. */
  static KeyStore toKeyStore(List<X509Certificate> certificates) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int index = 0;
      for (X509Certificate certificate : certificates) {
        store.setCertificateEntry("anchor-" + index++, certificate);
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot build an in-memory trust store: " + e.getMessage(), e);
    }
  }

  private static TrustAnchors parse(InputStream in, String source) {
    List<X509Certificate> found = new ArrayList<>();
    try {
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        found.add((X509Certificate) certificate);
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("The " + source + " is not a valid PEM or DER certificate"
          + " list: " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("The " + source + " holds no certificate;"
          + " expected at least one -----BEGIN CERTIFICATE----- block");
    }
    return new TrustAnchors(found, source);
  }

  private static X509Certificate requireCertificate(X509Certificate certificate, int index) {
    if (certificate == null) {
      throw new IllegalArgumentException("certificate #" + index + " must not be null");
    }
    return certificate;
  }
}
