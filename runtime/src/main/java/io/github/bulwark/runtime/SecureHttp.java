package io.github.bulwark.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An HTTP client that only talks TLS 1.2 or 1.3 to a server whose certificate chain and host
 * name were both verified, with bounded connect and request times.
 *
 * <p>Zero configuration is the secure configuration:
 *
 * <pre>{@code
 * HttpResponse<String> response = SecureHttp.client()
 *     .send(HttpRequest.newBuilder(URI.create("https://api.example.com/v1/items")).build(),
 *         BodyHandlers.ofString());
 * }</pre>
 *
 * <p>A private CA is trusted by naming it, never by trusting everything:
 *
 * <pre>{@code
 * SecureHttp http = SecureHttp.builder()
 *     .trustOnly(TrustAnchors.pem(Path.of("/etc/pki/internal-ca.pem")))
 *     .connectTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>{@link #request(URI)}, {@link #send} and {@link #sendAsync} refuse any URI that is not
 *       {@code https://} with an {@link InsecureTransportException} before a connection is opened;
 *       {@code http://} to {@code localhost}, 127.0.0.0/8 or {@code [::1]} only after
 *       {@link Builder#allowLoopbackHttp()}.
 *   <li>Only TLSv1.3 and TLSv1.2 are offered; hostname verification is always on: building fails
 *       while {@code jdk.internal.httpclient.disableHostnameVerification} is set, and a handshake
 *       on a connection without hostname verification fails.
 *   <li>Redirects follow {@link HttpClient.Redirect#NORMAL}, which never follows https to http: the
 *       3xx response itself is returned. With loopback http allowed, a response reached through a
 *       redirect to a refused URI is refused too.
 *   <li>Connect timeout 10 s and request timeout 30 s unless configured; requests sent through
 *       this object without a timeout get the default one.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; build one per trust configuration and share it.
 * The {@link HttpClient} from {@link #httpClient()} keeps the TLS guarantees but cannot check a
 * URI's scheme or add a timeout: prefer {@link #send}.
 */
public final class SecureHttp {

  /** Refused while set to anything but "false": an empty value already disables the check. */
  static final String DISABLE_HOSTNAME_VERIFICATION_PROPERTY =
      "jdk.internal.httpclient.disableHostnameVerification";

  private static final List<String> ALLOWED_PROTOCOLS =
      Collections.unmodifiableList(Arrays.asList("TLSv1.3", "TLSv1.2"));

  private final HttpClient httpClient;
  private final SSLContext sslContext;
  private final X509ExtendedTrustManager trustManager;
  private final String[] protocols;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final TransportPolicy policy;

  private SecureHttp(Builder builder) {
    refuseDisabledHostnameVerification();
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.policy = new TransportPolicy(builder.loopbackHttpAllowed);
    this.trustManager = pkixTrustManager(builder.trustStore());
    this.sslContext = tlsContext(trustManager);
    this.protocols = allowedProtocols(sslContext);
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(protocols.clone());
    this.httpClient = HttpClient.newBuilder()
        // The client's own context enforces hostname verification in its trust manager; the
        // exported sslContext() does not, because OkHttp and Apache check host names themselves.
        .sslContext(tlsContext(new HostnameEnforcingTrustManager(trustManager)))
        .sslParameters(parameters)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** A new client with the platform trust store and default timeouts; keep and share it. */
  public static SecureHttp client() {
    return builder().build();
  }

  /**
   * A client that trusts only the given CA certificate(s), e.g. an internal CA's root or a
   * self-signed server's own certificate; the platform trust store is not consulted.
   */
  public static SecureHttp trustingOnly(X509Certificate caCertificate, X509Certificate... more) {
    return builder().trustOnly(TrustAnchors.of(caCertificate, more)).build();
  }

  /** A builder starting from the secure defaults: platform trust, 10 s connect, 30 s request. */
  public static Builder builder() {
    return new Builder();
  }

  /** The underlying client; it keeps the TLS guarantees but not the URI and timeout checks. */
  public HttpClient httpClient() {
    return httpClient;
  }

  /**
   * A request builder for {@code uri} with the request timeout applied.
   *
   * @throws InsecureTransportException if {@code uri} is not https (or allowed loopback http)
   */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(policy.check(uri)).timeout(requestTimeout);
  }

  /**
   * Sends {@code request} after checking its URI, giving it the default timeout if it has none.
   *
   * @throws InsecureTransportException if the request URI, or a URI it was redirected to, is refused
   */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpRequest checked = prepare(request, handler);
    return checkRedirects(httpClient.send(checked, handler));
  }

  /**
   * Sends {@code request} asynchronously after the same checks as {@link #send}; a refused URI
   * throws at once, a refused redirect completes the future exceptionally.
   */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    HttpRequest checked = prepare(request, handler);
    return httpClient.sendAsync(checked, handler).thenApply(this::checkRedirects);
  }

  /**
   * An {@link SSLContext} with the same trust anchors, for clients that take one (Apache
   * HttpClient, gRPC, JDBC drivers). Those clients must verify host names themselves (their
   * defaults do); prefer {@link #sslSocketFactory()}, which also does it in the handshake.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /**
   * A socket factory with the same trust whose sockets offer only TLSv1.3/1.2 and verify the
   * server's host name during the handshake. For OkHttp:
   * {@code builder.sslSocketFactory(http.sslSocketFactory(), http.trustManager())}.
   */
  public SSLSocketFactory sslSocketFactory() {
    return new HardenedSocketFactory(sslContext.getSocketFactory(), protocols);
  }

  /** The trust manager checking chains against this instance's anchors (PKIX). */
  public X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  /** The TLS settings the client uses: a copy, so changing it changes nothing here. */
  public SSLParameters sslParameters() {
    return httpClient.sslParameters();
  }

  /** The time allowed to open a connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The time allowed for a request sent without its own timeout. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Whether plain http to a loopback address is allowed. */
  public boolean loopbackHttpAllowed() {
    return policy.loopbackHttpAllowed();
  }

  @Override
  public String toString() {
    return "SecureHttp[protocols=" + Arrays.toString(protocols) + ", connectTimeout="
        + connectTimeout + ", requestTimeout=" + requestTimeout + ", loopbackHttp="
        + policy.loopbackHttpAllowed() + "]";
  }

  private HttpRequest prepare(HttpRequest request, HttpResponse.BodyHandler<?> handler) {
    if (request == null) {
      throw new IllegalArgumentException("request must not be null");
    }
    if (handler == null) {
      throw new IllegalArgumentException("body handler must not be null");
    }
    policy.check(request.uri());
    return request.timeout().isPresent() ? request : withTimeout(request);
  }

  /** Java 11 has no copying request builder, so the request is rebuilt field by field. */
  private HttpRequest withTimeout(HttpRequest request) {
    HttpRequest.Builder copy = HttpRequest.newBuilder(request.uri())
        .expectContinue(request.expectContinue())
        .timeout(requestTimeout)
        .method(request.method(),
            request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
    request.version().ifPresent(copy::version);
    request.headers().map().forEach((name, values) -> values.forEach(v -> copy.header(name, v)));
    return copy.build();
  }

  /** Refuses a response if any hop of its redirect chain went to a refused URI. */
  private <T> HttpResponse<T> checkRedirects(HttpResponse<T> response) {
    for (Optional<? extends HttpResponse<?>> hop = Optional.of(response); hop.isPresent();
        hop = hop.get().previousResponse()) {
      policy.check(hop.get().uri());
    }
    return response;
  }

  private static void refuseDisabledHostnameVerification() {
    String value = System.getProperty(DISABLE_HOSTNAME_VERIFICATION_PROPERTY);
    if (value != null && !value.trim().equalsIgnoreCase("false")) {
      throw new IllegalStateException("Refusing to build an HTTP client: the system property "
          + DISABLE_HOSTNAME_VERIFICATION_PROPERTY + "=" + value + " turns off hostname"
          + " verification for every JDK HttpClient; remove it and trust the server's CA with"
          + " SecureHttp.builder().trustOnly(...) instead");
    }
  }

  private static X509ExtendedTrustManager pkixTrustManager(KeyStore trustStore) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(trustStore);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager) {
          return (X509ExtendedTrustManager) manager;
        }
      }
      throw new IllegalStateException("The PKIX trust manager factory returned no X509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot create a PKIX trust manager: " + e.getMessage(), e);
    }
  }

  private static SSLContext tlsContext(X509ExtendedTrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      // No key managers: this client presents no certificate of its own.
      context.init(null, new TrustManager[] {trustManager}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot create a TLS context: " + e.getMessage(), e);
    }
  }

  private static String[] allowedProtocols(SSLContext context) {
    List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
    List<String> allowed = new ArrayList<>();
    for (String protocol : ALLOWED_PROTOCOLS) {
      if (supported.contains(protocol)) {
        allowed.add(protocol);
      }
    }
    if (allowed.isEmpty()) {
      throw new IllegalStateException("This JDK supports none of " + ALLOWED_PROTOCOLS
          + " (it supports " + supported + ")");
    }
    return allowed.toArray(new String[0]);
  }

  /**
   * Collects the options of a {@link SecureHttp}; each setter validates its argument at once.
   * Not thread-safe; the {@link SecureHttp} it builds is.
   */
  public static final class Builder {

    /** Connect timeouts above this hide a dead server behind a hanging thread. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);
    /** Request timeouts above this are a stuck request, not a slow one. */
    public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofHours(1);

    private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

    private enum TrustMode { PLATFORM, ONLY, ALSO }

    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private boolean loopbackHttpAllowed;
    private TrustMode trustMode = TrustMode.PLATFORM;
    private final List<X509Certificate> anchors = new ArrayList<>();

    private Builder() {
    }

    /**
     * Trusts only these anchors (and those of other {@code trustOnly} calls): the platform trust
     * store is not consulted, so a public CA can no longer vouch for your internal servers.
     *
     * @throws IllegalStateException if {@link #trustAlso} was called on this builder
     */
    public Builder trustOnly(TrustAnchors trustAnchors) {
      return addAnchors(TrustMode.ONLY, trustAnchors);
    }

    /**
     * Trusts these anchors in addition to the platform trust store, for a client that talks to
     * both public and internal servers.
     *
     * @throws IllegalStateException if {@link #trustOnly} was called on this builder
     */
    public Builder trustAlso(TrustAnchors trustAnchors) {
      return addAnchors(TrustMode.ALSO, trustAnchors);
    }

    /** Sets the time allowed to open a connection: from 1 ms to {@link #MAX_CONNECT_TIMEOUT}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout("connectTimeout", timeout, MAX_CONNECT_TIMEOUT);
      return this;
    }

    /** Sets the default time for a whole request: from 1 ms to {@link #MAX_REQUEST_TIMEOUT}. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = checkTimeout("requestTimeout", timeout, MAX_REQUEST_TIMEOUT);
      return this;
    }

    /**
     * Allows plain {@code http://} to {@code localhost}, 127.0.0.0/8 and {@code [::1]} — for test
     * servers and local sidecars, where traffic never leaves the machine. Host names that merely
     * resolve to a loopback address are still refused.
     */
    public Builder allowLoopbackHttp() {
      this.loopbackHttpAllowed = true;
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if hostname verification is disabled by system property, or
     *     the JDK offers neither TLSv1.3 nor TLSv1.2
     */
    public SecureHttp build() {
      return new SecureHttp(this);
    }

    /** The trust store for PKIX, or null for the platform's own (the factory's default). */
    private KeyStore trustStore() {
      switch (trustMode) {
        case ONLY:
          return TrustAnchors.toKeyStore(anchors);
        case ALSO:
          List<X509Certificate> all = new ArrayList<>(TrustAnchors.platform().certificates());
          all.addAll(anchors);
          return TrustAnchors.toKeyStore(all);
        default:
          return null;
      }
    }

    private Builder addAnchors(TrustMode mode, TrustAnchors trustAnchors) {
      if (trustAnchors == null) {
        throw new IllegalArgumentException("trustAnchors must not be null");
      }
      if (trustMode != TrustMode.PLATFORM && trustMode != mode) {
        throw new IllegalStateException("trustOnly(...) and trustAlso(...) cannot be combined:"
            + " choose whether the platform trust store is consulted");
      }
      trustMode = mode;
      anchors.addAll(trustAnchors.certificates());
      return this;
    }

    private static Duration checkTimeout(String name, Duration timeout, Duration max) {
      if (timeout == null) {
        throw new IllegalArgumentException(name + " must not be null; allowed: "
            + MIN_TIMEOUT + " to " + max);
      }
      if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " is " + timeout + "; allowed: "
            + MIN_TIMEOUT + " to " + max);
      }
      return timeout;
    }
  }
}
