package io.github.bulwark.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Creates sockets that speak only the allowed TLS versions and verify the server's host name
 * during the handshake, for clients (OkHttp, Apache, HttpsURLConnection, raw sockets) that take
 * an {@link SSLSocketFactory}; a raw {@code SSLSocket} otherwise checks no host name at all.
 */
final class HardenedSocketFactory extends SSLSocketFactory {

  private final SSLSocketFactory delegate;
  private final String[] protocols;

  HardenedSocketFactory(SSLSocketFactory delegate, String[] protocols) {
    this.delegate = delegate;
    this.protocols = protocols.clone();
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return harden(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return harden(delegate.createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose)
      throws IOException {
    return harden(delegate.createSocket(socket, consumed, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return harden(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return harden(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return harden(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return harden(delegate.createSocket(address, port, localAddress, localPort));
  }

  private Socket harden(Socket socket) {
    if (socket instanceof SSLSocket) {
      SSLSocket ssl = (SSLSocket) socket;
      SSLParameters parameters = ssl.getSSLParameters();
      parameters.setProtocols(protocols.clone());
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(parameters);
    }
    return socket;
  }
}
