package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolves secrets from in-memory environments, properties and a temporary secrets directory. */
class SecretsTest {

  private static final String VALUE = "s3cr3t-Value!";

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();
  private final Properties props = new Properties();

  private Secrets secrets() {
    return Secrets.from(env, props, dir);
  }

  private void file(String name, String content) throws Exception {
    Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
  }

  // --- each source, and their order ---------------------------------------------------------

  @Test
  void readsTheEnvironment() {
    env.put("DB_PASSWORD", VALUE);
    Secret secret = secrets().get("DB_PASSWORD");
    assertEquals(VALUE, secret.reveal());
    assertEquals("environment variable DB_PASSWORD", secret.source());
  }

  @Test
  void readsASystemProperty() {
    props.setProperty("DB_PASSWORD", VALUE);
    Secret secret = secrets().get("DB_PASSWORD");
    assertEquals(VALUE, secret.reveal());
    assertEquals("system property DB_PASSWORD", secret.source());
  }

  @Test
  void readsAFileByExactThenLowerCaseName() throws Exception {
    file("db_password", "lower\n");
    assertEquals("lower", secrets().get("DB_PASSWORD").reveal());
    assertEquals("file " + dir.resolve("db_password"), secrets().get("DB_PASSWORD").source());

    file("DB_PASSWORD", "exact\n");
    assertEquals("exact", secrets().get("DB_PASSWORD").reveal());
  }

  @Test
  void environmentBeatsPropertyBeatsFile() throws Exception {
    file("API_TOKEN", "from-file");
    props.setProperty("API_TOKEN", "from-property");
    env.put("API_TOKEN", "from-env");
    assertEquals("from-env", secrets().get("API_TOKEN").reveal());

    env.remove("API_TOKEN");
    assertEquals("from-property", secrets().get("API_TOKEN").reveal());

    props.remove("API_TOKEN");
    assertEquals("from-file", secrets().get("API_TOKEN").reveal());
  }

  @Test
  void sourcesAreCopiedWhenBuilt() {
    Secrets snapshot = secrets();
    env.put("LATE", VALUE);
    props.setProperty("LATE", VALUE);
    assertEquals(Optional.empty(), snapshot.find("LATE"));
  }

  @Test
  void trailingLineBreaksOfAFileAreRemovedAndNothingElse() throws Exception {
    file("CRLF", "  padded value \r\n");
    file("LF", "multi\nline\n\n");
    assertEquals("  padded value ", secrets().get("CRLF").reveal());
    assertEquals("multi\nline", secrets().get("LF").reveal());
  }

  @Test
  void secretsDirectoryIsConfigurable() throws Exception {
    Path other = Files.createDirectory(dir.resolve("mounted"));
    Files.write(other.resolve("KEY"), "mounted-value".getBytes(StandardCharsets.UTF_8));
    Secrets moved = secrets().withSecretsDirectory(other);
    assertEquals(other, moved.secretsDirectory());
    assertEquals("mounted-value", moved.get("KEY").reveal());
    assertEquals(Secrets.DEFAULT_SECRETS_DIRECTORY, Secrets.system().secretsDirectory());
  }

  // --- missing, empty, blank ----------------------------------------------------------------

  @Test
  void missingSecretNamesEveryPlaceLookedIn() {
    MissingSecretException failure =
        assertThrows(MissingSecretException.class, () -> secrets().get("DB_PASSWORD"));

    String message = failure.getMessage();
    assertEquals("DB_PASSWORD", failure.secretName());
    assertTrue(message.contains("environment variable DB_PASSWORD (not set)"), message);
    assertTrue(message.contains("system property DB_PASSWORD (not set)"), message);
    assertTrue(message.contains("file " + dir.resolve("DB_PASSWORD") + " (not found)"), message);
    assertTrue(message.contains("file " + dir.resolve("db_password") + " (not found)"), message);
    assertEquals(Optional.empty(), secrets().find("DB_PASSWORD"));
  }

  @Test
  void emptyAndBlankValuesCountAsNotSet() throws Exception {
    env.put("TOKEN", "");
    props.setProperty("TOKEN", "  \t ");
    file("TOKEN", "\n");

    MissingSecretException failure =
        assertThrows(MissingSecretException.class, () -> secrets().get("TOKEN"));
    assertTrue(failure.getMessage().contains("environment variable TOKEN (empty)"),
        failure::getMessage);
    assertTrue(failure.getMessage().contains("system property TOKEN (blank)"), failure::getMessage);
    assertTrue(failure.getMessage().contains("file " + dir.resolve("TOKEN") + " (empty)"),
        failure::getMessage);
    assertEquals(Optional.empty(), secrets().find("TOKEN"));
  }

  @Test
  void blankEnvironmentFallsThroughToTheMountedFile() throws Exception {
    // docker compose often sets "TOKEN=" while the real value is mounted as a file.
    env.put("TOKEN", "");
    file("TOKEN", VALUE + "\n");
    assertEquals(VALUE, secrets().get("TOKEN").reveal());
  }

  @Test
  void unreadableFilesFailLoudlyWithoutTheirContent() throws Exception {
    Files.createDirectory(dir.resolve("A_DIRECTORY"));
    assertThrows(UncheckedIOException.class, () -> secrets().get("A_DIRECTORY"));

    Files.write(dir.resolve("BIG"), new byte[Secrets.MAX_FILE_BYTES + 1]);
    UncheckedIOException big = assertThrows(UncheckedIOException.class, () -> secrets().get("BIG"));
    assertTrue(big.getMessage().contains(dir.resolve("BIG").toString()), big::getMessage);

    Files.write(dir.resolve("LATIN1"), new byte[] {'p', 'w', (byte) 0xE9, '!'});
    UncheckedIOException latin1 =
        assertThrows(UncheckedIOException.class, () -> secrets().get("LATIN1"));
    assertTrue(latin1.getMessage().contains("UTF-8"), latin1::getMessage);
  }

  // --- names ----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"../etc/passwd", "..", ".hidden", "a/b", "a\\b", "/abs", "a..b", "",
      " ", "DB PASSWORD", "name\nFORGED LOG LINE", "C:secret"})
  void namesThatCouldBePathsAreRefused(String name) {
    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> secrets().get(name));
    assertFalse(failure.getMessage().contains("\n"), "a refused name cannot forge log lines");
    assertThrows(IllegalArgumentException.class, () -> secrets().find(name));
  }

  @Test
  void validNamesAreAccepted() {
    env.put("my-app.db_password2", VALUE);
    assertEquals(VALUE, secrets().get("my-app.db_password2").reveal());
    assertThrows(IllegalArgumentException.class, () -> secrets().get(null));
    assertThrows(IllegalArgumentException.class,
        () -> secrets().get("A" + String.join("", Collections.nCopies(128, "B"))));
  }

  @Test
  void nullSourcesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Secrets.from(null, props, dir));
    assertThrows(IllegalArgumentException.class, () -> Secrets.from(env, null, dir));
    assertThrows(IllegalArgumentException.class, () -> Secrets.from(env, props, null));
    assertThrows(IllegalArgumentException.class, () -> secrets().withSecretsDirectory(null));
  }

  // --- the value never shows ------------------------------------------------------------------

  @Test
  void toStringIsMasked() {
    env.put("DB_PASSWORD", VALUE);
    Secret secret = secrets().get("DB_PASSWORD");
    assertEquals("Secret[DB_PASSWORD, ****]", secret.toString());
    assertEquals("Secret[DB_PASSWORD, ****]", String.valueOf(Optional.of(secret).get()));
    assertFalse(secrets().toString().contains(VALUE));
  }

  @Test
  void exceptionMessagesNeverContainTheValue() throws Exception {
    env.put("SPACES", "   ");
    props.setProperty("SPACES", " \t");
    MissingSecretException blank =
        assertThrows(MissingSecretException.class, () -> secrets().get("SPACES"));
    assertFalse(blank.getMessage().contains("   "), blank::getMessage);

    Files.write(dir.resolve("BAD"), ("hunter2" + '\u0000').getBytes(StandardCharsets.UTF_16));
    UncheckedIOException unreadable =
        assertThrows(UncheckedIOException.class, () -> secrets().get("BAD"));
    assertFalse(unreadable.getMessage().contains("hunter2"), unreadable::getMessage);
  }

  @Test
  void accessorsHandOutFreshCopies() {
    env.put("KEY", "päss");
    Secret secret = secrets().get("KEY");

    char[] chars = secret.chars();
    chars[0] = 'X';
    assertArrayEquals("päss".toCharArray(), secret.chars());
    byte[] utf8 = secret.utf8();
    assertArrayEquals("päss".getBytes(StandardCharsets.UTF_8), utf8);
    utf8[0] = 0;
    assertArrayEquals("päss".getBytes(StandardCharsets.UTF_8), secret.utf8());
    assertEquals("KEY", secret.name());
  }

  @Test
  void comparesInConstantTime() {
    env.put("API_KEY", VALUE);
    Secret secret = secrets().get("API_KEY");
    assertTrue(secret.equalsConstantTime(VALUE));
    assertTrue(secret.equalsConstantTime(new StringBuilder(VALUE)));
    assertFalse(secret.equalsConstantTime(VALUE + "x"));
    assertFalse(secret.equalsConstantTime(""));
    assertFalse(secret.equalsConstantTime(null));
  }

  @Test
  void oneInstanceIsSafeAcrossThreads() throws Exception {
    env.put("SHARED", VALUE);
    Secrets shared = secrets();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = IntStream.range(0, 200)
          .mapToObj(i -> (Callable<String>) () -> shared.get("SHARED").reveal())
          .collect(Collectors.toList());
      for (Future<String> result : threads.invokeAll(calls)) {
        assertEquals(VALUE, result.get());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void staticShortcutsUseTheRealEnvironment() {
    // PATH is set in every environment a build runs in; a random name is set in none.
    assertTrue(Secrets.optional("PATH").isPresent());
    assertEquals("environment variable PATH", Secrets.require("PATH").source());
    assertEquals(Optional.empty(), Secrets.optional("BULWARK_TEST_UNSET_7f3a9c"));
    assertThrows(MissingSecretException.class, () -> Secrets.require("BULWARK_TEST_UNSET_7f3a9c"));
  }
}
