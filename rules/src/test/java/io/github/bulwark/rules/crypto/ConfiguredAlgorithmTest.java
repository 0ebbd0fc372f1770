package io.github.bulwark.rules.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.rule.RuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Algorithms read with {@code props.getProperty(key, default)} are judged by the value in the
 * project's own properties file, and by the default only when the file does not set the key.
 */
class ConfiguredAlgorithmTest {

  private static final String SERVLET = String.join("\n",
      "package org.acme;",
      "import java.util.Properties;",
      "import javax.crypto.Cipher;",
      "import java.security.MessageDigest;",
      "class CryptoServlet {",
      "  Properties props = new Properties();",
      "  void run() throws Exception {",
      "    String alg1 = props.getProperty(\"cryptoAlg1\", \"AES/GCM/NoPadding\");",
      "    Cipher weak = Cipher.getInstance(alg1);",                                         // 9
      "    Cipher strong = Cipher.getInstance(props.getProperty(\"cryptoAlg2\", \"DES\"));", // 10
      "    MessageDigest md = MessageDigest.getInstance(props.getProperty(\"hashAlg1\", \"SHA-512\"));", // 11
      "    MessageDigest ok = MessageDigest.getInstance(props.getProperty(\"hashAlg2\", \"SHA-512\"));", // 12
      "    MessageDigest fallback = MessageDigest.getInstance(props.getProperty(\"unset\", \"MD5\"));", // 13
      "  }",
      "}", "");

  @TempDir Path project;

  private List<Integer> flaggedLines() {
    return new Engine(RuleRegistry.load()).scan(ScanRequest.builder().root(project)
            .rules(List.of("WeakCipher", "WeakHashAlgorithm", "HardcodedSecretInConfig")).build())
        .findings().stream()
        .filter(f -> f.file().endsWith(".java"))
        .map(Finding::line).sorted().toList();
  }

  @Test
  void propertiesFileDecides() throws IOException {
    Path resources = Files.createDirectories(project.resolve("src/main/resources"));
    Files.writeString(resources.resolve("benchmark.properties"), String.join("\n",
        "cryptoAlg1=DES/ECB/PKCS5Padding", "cryptoAlg2=AES/GCM/NoPadding", "hashAlg1=MD5",
        "hashAlg2=SHA-256", ""));
    Path sources = Files.createDirectories(project.resolve("src/main/java/org/acme"));
    Files.writeString(sources.resolve("CryptoServlet.java"), SERVLET);
    assertEquals(List.of(9, 11, 13), flaggedLines());
  }

  @Test
  void defaultsDecideWithoutAPropertiesFile() throws IOException {
    Path sources = Files.createDirectories(project.resolve("src/main/java/org/acme"));
    Files.writeString(sources.resolve("CryptoServlet.java"), SERVLET);
    assertEquals(List.of(10, 13), flaggedLines());
  }
}
