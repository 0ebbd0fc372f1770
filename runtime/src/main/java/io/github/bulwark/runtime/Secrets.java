package io.github.bulwark.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Resolves a named secret at run time — the fix for a credential written into the source code —
 * from, in this order, an environment variable, a system property, and a mounted secret file.
 *
 * <pre>{@code
 * Secret dbPassword = Secrets.require("DB_PASSWORD");
 * dataSource.setPassword(dbPassword.reveal());
 * }</pre>
 *
 * <p>For a name such as {@code DB_PASSWORD} the places are: the environment variable
 * {@code DB_PASSWORD}; the system property {@code DB_PASSWORD}; the files
 * {@code /run/secrets/DB_PASSWORD} and {@code /run/secrets/db_password} (Docker and Kubernetes
 * mount secrets there; the directory is configurable). The first place with a non-blank value
 * wins; trailing line breaks of a file are removed, nothing else is trimmed. A value that is
 * empty or only whitespace counts as not set, so a required secret never comes back blank.
 *
 * <p>Prefer the environment or a file: a system property given as {@code -D} on the command line
 * is visible to every user of the machine in the process list.
 *
 * <p>Names are 1 to 128 characters of letters, digits, {@code _ . -}, not starting with a dot
 * and without {@code ..}:
 * a name is never a path, so a lookup cannot escape the secrets directory. Values never appear in
 * messages or logs. Instances are immutable and thread-safe.
 */
public final class Secrets {

  /** Where Docker ({@code secrets:}) and most Kubernetes examples mount secret files. */
  public static final Path DEFAULT_SECRETS_DIRECTORY = Paths.get("/run/secrets");

  /** Secret files larger than this are refused rather than read in part. */
  public static final int MAX_FILE_BYTES = 64 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]{0,127}");

  private static final Secrets SYSTEM =
      new Secrets(System::getenv, System::getProperty, DEFAULT_SECRETS_DIRECTORY);

  private final UnaryOperator<String> environment;
  private final UnaryOperator<String> systemProperties;
  private final Path secretsDirectory;

  private Secrets(UnaryOperator<String> environment, UnaryOperator<String> systemProperties,
      Path secretsDirectory) {
    this.environment = environment;
    this.systemProperties = systemProperties;
    this.secretsDirectory = secretsDirectory;
  }

  /**
   * Looks {@code name} up in the process environment, the live system properties and
   * {@link #DEFAULT_SECRETS_DIRECTORY}.
   *
   * @throws MissingSecretException if no place holds a non-blank value; it names every place
   * @throws IllegalArgumentException if {@code name} is not a valid secret name
   */
  public static Secret require(String name) {
    return SYSTEM.get(name);
  }

  /** Like {@link #require(String)}, but empty when no place holds a non-blank value. */
  public static Optional<Secret> optional(String name) {
    return SYSTEM.find(name);
  }

  /** The real process environment, live system properties and {@link #DEFAULT_SECRETS_DIRECTORY}. */
  public static Secrets system() {
    return SYSTEM;
  }

  /**
   * Secrets from the given sources, copied now — for tests and for configuration that does not
   * come from this process's environment.
   */
  public static Secrets from(Map<String, String> environment, Properties systemProperties,
      Path secretsDirectory) {
    if (environment == null) {
      throw new IllegalArgumentException("environment must not be null; pass an empty map for none");
    }
    if (systemProperties == null) {
      throw new IllegalArgumentException(
          "systemProperties must not be null; pass empty Properties for none");
    }
    Map<String, String> env = Collections.unmodifiableMap(new HashMap<>(environment));
    Map<String, String> props = new HashMap<>();
    for (String key : systemProperties.stringPropertyNames()) {
      props.put(key, systemProperties.getProperty(key));
    }
    Map<String, String> frozenProps = Collections.unmodifiableMap(props);
    return new Secrets(env::get, frozenProps::get, checkDirectory(secretsDirectory));
  }

  /** The same sources, with secret files read from {@code directory} instead. */
  public Secrets withSecretsDirectory(Path directory) {
    return new Secrets(environment, systemProperties, checkDirectory(directory));
  }

  /** The directory secret files are read from. */
  public Path secretsDirectory() {
    return secretsDirectory;
  }

  /**
   * The secret called {@code name}, from the first place holding a non-blank value.
   *
   * @throws MissingSecretException if no place holds one; it names every place and what was there
   * @throws IllegalArgumentException if {@code name} is not a valid secret name
   * @throws UncheckedIOException if a secret file exists but cannot be read, is not a regular
   *     file, is larger than {@link #MAX_FILE_BYTES} or is not UTF-8 — a broken mount fails loudly
   */
  public Secret get(String name) {
    List<String> checked = new ArrayList<>();
    Optional<Secret> secret = lookup(name, checked);
    if (secret.isPresent()) {
      return secret.get();
    }
    throw new MissingSecretException(name, "Secret " + name + " is not set. Looked in: "
        + String.join("; ", checked) + ". Set one of them; the value must not be blank.");
  }

  /** Like {@link #get(String)}, but empty when no place holds a non-blank value. */
  public Optional<Secret> find(String name) {
    return lookup(name, new ArrayList<>());
  }

  @Override
  public String toString() {
    return "Secrets[environment, system properties, " + secretsDirectory + "]";
  }

  private Optional<Secret> lookup(String name, List<String> checked) {
    checkName(name);
    String place = "environment variable " + name;
    Optional<Secret> found = fromText(name, place, environment.apply(name), checked);
    if (found.isPresent()) {
      return found;
    }
    place = "system property " + name;
    found = fromText(name, place, systemProperties.apply(name), checked);
    if (found.isPresent()) {
      return found;
    }
    for (String fileName : fileNames(name)) {
      found = fromFile(name, secretsDirectory.resolve(fileName), checked);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<Secret> fromText(String name, String place, String text,
      List<String> checked) {
    if (text == null) {
      checked.add(place + " (not set)");
      return Optional.empty();
    }
    char[] value = text.toCharArray();
    try {
      return accept(name, place, value, value.length, checked);
    } finally {
      Arrays.fill(value, '\0');
    }
  }

  private static Optional<Secret> fromFile(String name, Path file, List<String> checked) {
    String place = "file " + file;
    byte[] bytes;
    try {
      bytes = readBounded(file);
    } catch (NoSuchFileException e) {
      checked.add(place + " (not found)");
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the secret file " + file + " for " + name + ": "
          + e.getClass().getSimpleName(), e);
    }
    char[] value = null;
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      value = new char[chars.remaining()];
      chars.get(value);
      Arrays.fill(chars.array(), '\0');
      int length = value.length;
      // `echo secret > file` and editors add a final line break that is not part of the secret.
      while (length > 0 && (value[length - 1] == '\n' || value[length - 1] == '\r')) {
        length--;
      }
      return accept(name, place, value, length, checked);
    } catch (CharacterCodingException e) {
      // The exception's message holds no content; still, only the file is named.
      throw new UncheckedIOException("The secret file " + file + " for " + name
          + " is not valid UTF-8", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (value != null) {
        Arrays.fill(value, '\0');
      }
    }
  }

  private static Optional<Secret> accept(String name, String place, char[] value, int length,
      List<String> checked) {
    if (isBlank(value, length)) {
      checked.add(place + (length == 0 ? " (empty)" : " (blank)"));
      return Optional.empty();
    }
    char[] exact = Arrays.copyOf(value, length);
    try {
      return Optional.of(new Secret(name, place, exact));
    } finally {
      Arrays.fill(exact, '\0');
    }
  }

  /** Reads at most {@link #MAX_FILE_BYTES}; a larger file is refused, never cut short. */
  private static byte[] readBounded(Path file) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IOException(file + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[MAX_FILE_BYTES + 1];
      int total = 0;
      int read;
      while (total < buffer.length && (read = in.read(buffer, total, buffer.length - total)) != -1) {
        total += read;
      }
      try {
        if (total > MAX_FILE_BYTES) {
          throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Arrays.copyOf(buffer, total);
      } finally {
        Arrays.fill(buffer, (byte) 0);
      }
    }
  }

  private static List<String> fileNames(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals(name) ? Collections.singletonList(name) : Arrays.asList(name, lower);
  }

  private static boolean isBlank(char[] value, int length) {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(value[i])) {
        return false;
      }
    }
    return true;
  }

  private static void checkName(String name) {
    if (name == null) {
      throw new IllegalArgumentException("secret name must not be null");
    }
    // Names double as file names: no separators, no leading dot, so ".." or "../x" never resolve.
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("Invalid secret name '" + printable(name) + "': use 1 to"
          + " 128 letters, digits, '_', '.', '-', not starting with '.', without '..' or path separators");
    }
  }

  private static Path checkDirectory(Path directory) {
    if (directory == null) {
      throw new IllegalArgumentException("secretsDirectory must not be null");
    }
    return directory;
  }

  /** The name with control characters escaped, so a refused name cannot forge log lines. */
  private static String printable(String name) {
    StringBuilder text = new StringBuilder();
    int shown = Math.min(name.length(), 64);
    for (int i = 0; i < shown; i++) {
      char c = name.charAt(i);
      text.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return shown < name.length() ? text + "…" : text.toString();
  }
}
