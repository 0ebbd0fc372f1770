package io.github.bulwark.runtime;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a server only when the connection asked for hostname verification, then lets the
 * PKIX trust manager check both the chain and the name.
 *
 * <p>Why: the JDK HttpClient skips hostname verification when the system property
 * {@code jdk.internal.httpclient.disableHostnameVerification} was set when its classes loaded,
 * and that choice is latched for the life of the JVM. {@link SecureHttp} refuses to build while
 * the property is set, and this check makes a handshake fail closed if it was set earlier.
 */
final class HostnameEnforcingTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager delegate;

  HostnameEnforcingTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    requireHostnameVerification(engine == null ? null : engine.getSSLParameters());
    delegate.checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    requireHostnameVerification(
        socket instanceof SSLSocket ? ((SSLSocket) socket).getSSLParameters() : null);
    delegate.checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    requireHostnameVerification(null); // no connection to read the expected host name from
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  private static void requireHostnameVerification(SSLParameters parameters)
      throws CertificateException {
    String algorithm = parameters == null ? null : parameters.getEndpointIdentificationAlgorithm();
    if (!"HTTPS".equalsIgnoreCase(algorithm)) {
      throw new CertificateException("Refusing the server: hostname verification is not enabled on"
          + " this connection (endpoint identification algorithm is " + algorithm + ", HTTPS required);"
          + " is jdk.internal.httpclient.disableHostnameVerification set?");
    }
  }
}
