package io.github.bulwark.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away CA and a server certificate for {@code localhost} it signed, made with the running
 * JDK's keytool (no BouncyCastle needed). The server certificate has no IP address in its SAN, so
 * connecting to 127.0.0.1 is a host name mismatch.
 */
final class TestPki {

  private static final String PASSWORD = "test-only-password";

  final X509Certificate caCertificate;
  final Path caPem;
  final SSLContext serverContext;

  private TestPki(X509Certificate caCertificate, Path caPem, SSLContext serverContext) {
    this.caCertificate = caCertificate;
    this.caPem = caPem;
    this.serverContext = serverContext;
  }

  static TestPki create(Path dir) throws Exception {
    Path ca = dir.resolve("ca.p12");
    Path server = dir.resolve("server.p12");
    Path csr = dir.resolve("server.csr");
    Path leafPem = dir.resolve("server.pem");
    // The two key pairs are independent: generate them in parallel to keep the test run short.
    Process caKey = start("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=Bulwark Test CA", "-ext", "bc:c", "-validity", "2",
        "-keystore", ca.toString(), "-storetype", "PKCS12");
    Process serverKey = start("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=localhost", "-validity", "2",
        "-keystore", server.toString(), "-storetype", "PKCS12");
    finish(caKey);
    finish(serverKey);
    finish(start("-certreq", "-alias", "server", "-keystore", server.toString(),
        "-file", csr.toString()));
    finish(start("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
        "-outfile", leafPem.toString(), "-rfc", "-validity", "2",
        "-ext", "san=dns:localhost", "-ext", "ku:c=digitalSignature", "-ext", "eku=serverAuth"));

    KeyStore caStore = load(ca);
    X509Certificate caCertificate = (X509Certificate) caStore.getCertificate("ca");
    Path caPem = dir.resolve("ca.pem");
    Files.write(caPem, pem(caCertificate).getBytes(StandardCharsets.US_ASCII));

    X509Certificate leaf;
    try (InputStream in = Files.newInputStream(leafPem)) {
      leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore serverStore = load(server);
    PrivateKey key = (PrivateKey) serverStore.getKey("server", PASSWORD.toCharArray());
    serverStore.setKeyEntry("server", key, PASSWORD.toCharArray(),
        new Certificate[] {leaf, caCertificate});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(serverStore, PASSWORD.toCharArray());
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);
    return new TestPki(caCertificate, caPem, serverContext);
  }

  static String pem(X509Certificate certificate) throws GeneralSecurityException {
    String base64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(certificate.getEncoded());
    return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static Process start(String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(Arrays.asList(arguments));
    command.addAll(Arrays.asList("-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static void finish(Process process) throws IOException, InterruptedException {
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
