package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs {@link SecureHttp} against real HTTPS and HTTP servers on the loopback interface. */
class SecureHttpTest {

  @TempDir static Path dir;

  private static TestPki pki;
  private static ExecutorService serverThreads;
  private static HttpsServer https;
  private static HttpServer http;
  private static final AtomicInteger plainHits = new AtomicInteger();

  @BeforeAll
  static void startServers() throws Exception {
    pki = TestPki.create(dir);
    serverThreads = Executors.newCachedThreadPool();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");

    http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    http.createContext("/hello", exchange -> {
      plainHits.incrementAndGet();
      reply(exchange, 200, "plain hello");
    });
    // Linux and macOS route 0.0.0.0 to this machine, but it is no loopback address: refused.
    http.createContext("/to-any-address", exchange -> redirect(exchange,
        "http://0.0.0.0:" + http.getAddress().getPort() + "/hello"));
    http.setExecutor(serverThreads);
    http.start();

    https = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext));
    https.createContext("/hello", exchange -> reply(exchange, 200, "hello"));
    https.createContext("/slow", exchange -> {
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply(exchange, 200, "late");
    });
    https.createContext("/to-http", exchange -> redirect(exchange,
        "http://127.0.0.1:" + http.getAddress().getPort() + "/hello"));
    https.setExecutor(serverThreads);
    https.start();
  }

  @AfterAll
  static void stopServers() {
    https.stop(0);
    http.stop(0);
    serverThreads.shutdownNow();
  }

  // --- trust -------------------------------------------------------------------------------

  @Test
  void privateCaFromPemIsTrusted() throws Exception {
    SecureHttp client = SecureHttp.builder().trustOnly(TrustAnchors.pem(pki.caPem)).build();

    HttpResponse<String> response = client.send(get("localhost", "/hello"), BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals("hello", response.body());
  }

  @Test
  void privateCaCertificateIsTrusted() throws Exception {
    byte[] pem = TestPki.pem(pki.caCertificate).getBytes(StandardCharsets.US_ASCII);
    for (SecureHttp client : Arrays.asList(SecureHttp.trustingOnly(pki.caCertificate),
        SecureHttp.builder().trustOnly(TrustAnchors.pem(new ByteArrayInputStream(pem))).build())) {
      assertEquals("hello", client.send(get("localhost", "/hello"), BodyHandlers.ofString()).body());
    }
  }

  @Test
  void trustAlsoAddsTheCaToThePlatformAnchors() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("internal-ca", pki.caCertificate);
    SecureHttp also = SecureHttp.builder().trustAlso(TrustAnchors.keyStore(store)).build();
    SecureHttp only = SecureHttp.builder().trustOnly(TrustAnchors.keyStore(store)).build();

    assertEquals("hello", also.send(get("localhost", "/hello"), BodyHandlers.ofString()).body());
    int platform = SecureHttp.client().trustManager().getAcceptedIssuers().length;
    assertEquals(platform + 1, also.trustManager().getAcceptedIssuers().length);
    assertEquals(1, only.trustManager().getAcceptedIssuers().length);
  }

  @Test
  void unknownCertificateFailsTheHandshake() {
    // The platform trust store does not know the test CA: exactly what a trust-all hack "fixes".
    assertThrows(SSLHandshakeException.class,
        () -> SecureHttp.client().send(get("localhost", "/hello"), BodyHandlers.ofString()));
  }

  @Test
  void certificateForAnotherHostFailsTheHandshake() {
    // The certificate names localhost only; 127.0.0.1 reaches the same server but is not named.
    SecureHttp client = SecureHttp.trustingOnly(pki.caCertificate);

    SSLHandshakeException failure = assertThrows(SSLHandshakeException.class,
        () -> client.send(get("127.0.0.1", "/hello"), BodyHandlers.ofString()));
    assertTrue(String.valueOf(failure.getMessage()).contains("127.0.0.1"), failure::getMessage);
  }

  @Test
  void trustOnlyAndTrustAlsoCannotBeCombined() {
    TrustAnchors anchors = TrustAnchors.of(pki.caCertificate);
    assertThrows(IllegalStateException.class,
        () -> SecureHttp.builder().trustOnly(anchors).trustAlso(anchors));
    assertThrows(IllegalStateException.class,
        () -> SecureHttp.builder().trustAlso(anchors).trustOnly(anchors));
  }

  @Test
  void emptyOrKeyOnlyTrustSourcesAreRefused() throws Exception {
    Path empty = Files.write(dir.resolve("empty.pem"), new byte[0]);
    IllegalArgumentException noPem =
        assertThrows(IllegalArgumentException.class, () -> TrustAnchors.pem(empty));
    assertTrue(noPem.getMessage().contains(empty.toString()), noPem::getMessage);

    KeyStore keyOnly = KeyStore.getInstance("PKCS12");
    keyOnly.load(null, null);
    IllegalArgumentException noEntry =
        assertThrows(IllegalArgumentException.class, () -> TrustAnchors.keyStore(keyOnly));
    assertTrue(noEntry.getMessage().contains("no trusted"), noEntry::getMessage);
    assertThrows(IllegalArgumentException.class, () -> SecureHttp.builder().trustOnly(null));
  }

  // --- hostname verification ---------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"true", "", "TRUE"})
  void buildFailsWhileTheJdkHostnameVerificationSwitchIsSet(String value) {
    HttpClient.newHttpClient(); // load the JDK client classes first, so the switch is not latched
    String property = SecureHttp.DISABLE_HOSTNAME_VERIFICATION_PROPERTY;
    String before = System.getProperty(property);
    System.setProperty(property, value);
    try {
      IllegalStateException failure =
          assertThrows(IllegalStateException.class, SecureHttp::client);
      assertTrue(failure.getMessage().contains(property), failure::getMessage);
      System.setProperty(property, "false");
      SecureHttp.client();
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }

  @Test
  void handshakeWithoutHostnameVerificationFailsClosed() throws Exception {
    // What the JDK client does when the switch was latched on: a socket with no endpoint check.
    SecureHttp client = SecureHttp.trustingOnly(pki.caCertificate);
    try (SSLSocket socket = (SSLSocket) client.httpClient().sslContext().getSocketFactory()
        .createSocket("localhost", port(https))) {
      SSLHandshakeException failure =
          assertThrows(SSLHandshakeException.class, socket::startHandshake);
      assertTrue(causes(failure).contains("hostname verification is not enabled"),
          () -> causes(failure));
    }
  }

  @Test
  void exportedSocketFactoryVerifiesTheHostName() throws Exception {
    SecureHttp client = SecureHttp.trustingOnly(pki.caCertificate);
    try (SSLSocket good = (SSLSocket) client.sslSocketFactory().createSocket("localhost", port(https))) {
      good.startHandshake();
      assertTrue(Arrays.asList("TLSv1.3", "TLSv1.2").contains(good.getSession().getProtocol()));
    }
    try (SSLSocket wrong = (SSLSocket) client.sslSocketFactory().createSocket("127.0.0.1", port(https))) {
      assertThrows(SSLHandshakeException.class, wrong::startHandshake);
    }
  }

  // --- transport ---------------------------------------------------------------------------

  @Test
  void onlyTls12And13AreOffered() throws Exception {
    SecureHttp client = SecureHttp.client();
    assertEquals(Arrays.asList("TLSv1.3", "TLSv1.2"),
        Arrays.asList(client.sslParameters().getProtocols()));
    assertEquals(Arrays.asList("TLSv1.3", "TLSv1.2"),
        Arrays.asList(client.httpClient().sslParameters().getProtocols()));
    try (SSLSocket socket = (SSLSocket) client.sslSocketFactory().createSocket()) {
      assertEquals(Arrays.asList("TLSv1.3", "TLSv1.2"), Arrays.asList(socket.getEnabledProtocols()));
      assertEquals("HTTPS", socket.getSSLParameters().getEndpointIdentificationAlgorithm());
    }
  }

  @Test
  void plainHttpIsRefusedBeforeAnyConnection() {
    int before = plainHits.get();
    SecureHttp client = SecureHttp.client();
    URI local = URI.create("http://127.0.0.1:" + port(http) + "/hello");

    assertThrows(InsecureTransportException.class,
        () -> client.send(HttpRequest.newBuilder(local).build(), BodyHandlers.ofString()));
    assertThrows(InsecureTransportException.class,
        () -> client.sendAsync(HttpRequest.newBuilder(local).build(), BodyHandlers.ofString()));
    assertThrows(InsecureTransportException.class, () -> client.request(local));
    assertThrows(InsecureTransportException.class,
        () -> client.request(URI.create("ftp://example.com/file")));
    assertThrows(InsecureTransportException.class, () -> client.request(URI.create("/relative")));
    assertEquals(before, plainHits.get(), "no request may reach the plain server");
  }

  @Test
  void refusalNamesTheUriButNotItsCredentials() {
    InsecureTransportException failure = assertThrows(InsecureTransportException.class,
        () -> SecureHttp.client().request(
            URI.create("http://admin:hunter2@api.example.com:8080/v1/items?api_key=abc123")));

    String message = failure.getMessage();
    assertTrue(message.contains("http://api.example.com:8080/v1/items?…"), message);
    assertFalse(message.contains("hunter2"), message);
    assertFalse(message.contains("abc123"), message);
  }

  @Test
  void loopbackHttpOnlyWhenOptedIn() throws Exception {
    SecureHttp client = SecureHttp.builder().allowLoopbackHttp().build();

    HttpResponse<String> response = client.send(
        client.request(URI.create("http://127.0.0.1:" + port(http) + "/hello")).build(),
        BodyHandlers.ofString());

    assertEquals("plain hello", response.body());
    assertThrows(InsecureTransportException.class,
        () -> client.request(URI.create("http://example.com/")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.255.255.254", "[::1]",
      "[0:0:0:0:0:0:0:1]"})
  void loopbackLiteralsAreLoopback(String host) {
    assertTrue(TransportPolicy.isLoopback(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.1", "2130706433", "localhost.example.com", "127.0.0.1.nip.io",
      "128.0.0.1", "10.0.0.1", "[::2]", "[fe80::1%25eth0]", "0.0.0.0", ""})
  void otherHostsAreNotLoopback(String host) {
    // Names are never resolved: a DNS answer of 127.0.0.1 does not make a host local.
    assertFalse(TransportPolicy.isLoopback(host), host);
  }

  @Test
  void httpsToHttpRedirectIsNotFollowed() throws Exception {
    int before = plainHits.get();
    SecureHttp client = SecureHttp.builder().trustOnly(TrustAnchors.of(pki.caCertificate))
        .allowLoopbackHttp().build();

    HttpResponse<String> response = client.send(get("localhost", "/to-http"), BodyHandlers.ofString());

    assertEquals(302, response.statusCode(), "Redirect.NORMAL returns the redirect itself");
    assertEquals(before, plainHits.get(), "the downgraded URI is never requested");
  }

  @Test
  void redirectToARefusedUriIsRefused() {
    SecureHttp client = SecureHttp.builder().allowLoopbackHttp().build();
    URI start = URI.create("http://127.0.0.1:" + port(http) + "/to-any-address");

    Exception failure = assertThrows(Exception.class,
        () -> client.send(client.request(start).build(), BodyHandlers.ofString()));
    assumeFalse(failure instanceof ConnectException, "this OS does not route 0.0.0.0 locally");
    assertInstanceOf(InsecureTransportException.class, failure);
    assertTrue(failure.getMessage().contains("http://0.0.0.0:"), failure::getMessage);
  }

  // --- timeouts ----------------------------------------------------------------------------

  @Test
  void defaultsAreTenSecondConnectAndThirtySecondRequest() {
    SecureHttp client = SecureHttp.client();
    assertEquals(Duration.ofSeconds(10), client.connectTimeout());
    assertEquals(Duration.ofSeconds(10), client.httpClient().connectTimeout().orElseThrow());
    assertEquals(Duration.ofSeconds(30),
        client.request(URI.create("https://example.com/")).build().timeout().orElseThrow());
    assertEquals(HttpClient.Redirect.NORMAL, client.httpClient().followRedirects());
    assertFalse(client.loopbackHttpAllowed());
  }

  @Test
  void requestWithoutTimeoutGetsTheDefault() {
    SecureHttp client = SecureHttp.builder().trustOnly(TrustAnchors.of(pki.caCertificate))
        .requestTimeout(Duration.ofMillis(300)).build();
    HttpRequest noTimeout = HttpRequest.newBuilder(uri("localhost", "/slow"))
        .header("X-Trace", "kept").build();

    assertThrows(HttpTimeoutException.class, () -> client.send(noTimeout, BodyHandlers.ofString()));
  }

  @Test
  void builderRefusesTimeoutsOutsideTheRange() {
    SecureHttp.Builder builder = SecureHttp.builder();
    for (Duration bad : Arrays.asList(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(1),
        Duration.ofMinutes(6))) {
      IllegalArgumentException failure =
          assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(bad));
      assertTrue(failure.getMessage().contains(bad.toString()), failure::getMessage);
      assertTrue(failure.getMessage().contains("PT5M"), failure::getMessage);
    }
    assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(null));
    assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(Duration.ofHours(2)));
    assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(Duration.ZERO));
    SecureHttp edge = builder.connectTimeout(SecureHttp.Builder.MAX_CONNECT_TIMEOUT)
        .requestTimeout(Duration.ofMillis(1)).build();
    assertEquals(Duration.ofMinutes(5), edge.connectTimeout());
  }

  // --- concurrency -------------------------------------------------------------------------

  @Test
  void oneInstanceServesManyThreadsAtOnce() throws Exception {
    SecureHttp client = SecureHttp.trustingOnly(pki.caCertificate);
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 96; i++) {
        responses.add(callers.submit(
            () -> client.send(get("localhost", "/hello"), BodyHandlers.ofString())));
      }
      for (Future<HttpResponse<String>> response : responses) {
        assertEquals("hello", response.get().body());
      }
    } finally {
      callers.shutdownNow();
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private static HttpRequest get(String host, String path) {
    return HttpRequest.newBuilder(uri(host, path)).timeout(Duration.ofSeconds(10)).build();
  }

  private static URI uri(String host, String path) {
    return URI.create("https://" + host + ":" + port(https) + path);
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }

  private static String causes(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append(" <- ");
    }
    return text.toString();
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }
}
