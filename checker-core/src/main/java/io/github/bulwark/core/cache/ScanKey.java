package io.github.bulwark.core.cache;

import io.github.bulwark.core.rule.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of a cache key every file of one scan shares: Bulwark's version, the active rules (id,
 * class name, and the content of the jar they and the engine come from, so a rebuilt snapshot
 * with the same version still invalidates) and the configuration that changes per-file results.
 * Nothing in it depends on where the project or the jars are, so a cache copied to another
 * checkout or CI runner is still valid there. Two scans with equal keys
 * give equal results for a file with equal content and path.
 */
public final class ScanKey {

  private final String version;
  private final String digest;

  private ScanKey(String version, String digest) {
    this.version = version;
    this.digest = digest;
  }

  /**
   * The key for a scan.
   *
   * @param version Bulwark's version
   * @param rules the rules that run
   * @param configuration every setting that changes what one file's analysis produces (encoding,
   *     size limit, ...), by name; settings that only choose files or format reports stay out
   */
  public static ScanKey of(String version, Collection<? extends Rule> rules,
      Map<String, String> configuration) {
    MessageDigest sha = ContentHash.digest();
    update(sha, "bulwark-cache-key/1");
    update(sha, version);
    update(sha, CacheFormat.shape());
    TreeMap<String, String> sortedRules = new TreeMap<>();
    TreeSet<String> codeSources = new TreeSet<>();
    codeSources.add(codeSource(ScanKey.class));
    for (Rule rule : rules) {
      Class<?> type = rule.getClass();
      String source = codeSource(type);
      // A rule in a jar is covered by the jar's content hash; one in a class directory (a
      // build in progress) by its own bytecode.
      sortedRules.put(rule.descriptor().id(), type.getName()
          + (source.startsWith(JAR) ? "" : "@" + bytecodeHash(type)));
      codeSources.add(source);
    }
    sortedRules.forEach((id, type) -> {
      update(sha, id);
      update(sha, type);
    });
    // The engine's own code (parser, taint, dispatch) changes results too: the content hash of
    // its jar, so a rebuilt snapshot is not mistaken for the one that wrote the cache, while the
    // same jar downloaded again (a CI runner without a Maven cache) still finds it.
    codeSources.forEach(source -> update(sha, source));
    new TreeMap<>(configuration).forEach((name, value) -> {
      update(sha, name);
      update(sha, value);
    });
    return new ScanKey(version, HexFormat.of().formatHex(sha.digest()));
  }

  /**
   * Hashes the jars the engine and these rules come from, if not yet done in this JVM, so a
   * later {@link #of} finds them known; called ahead of time, off the scan's main thread.
   */
  public static void prepare(Collection<? extends Rule> rules) {
    codeSource(ScanKey.class);
    for (Rule rule : rules) {
      codeSource(rule.getClass());
    }
  }

  public String version() {
    return version;
  }

  /** SHA-256 hex over everything the key covers. */
  public String digest() {
    return digest;
  }

  private static void update(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(bytes);
  }

  private static String bytecodeHash(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    ClassLoader loader = type.getClassLoader();
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
        : loader.getResourceAsStream(resource)) {
      return in == null ? "no-bytecode" : ContentHash.of(in.readAllBytes());
    } catch (IOException e) {
      return "unreadable-bytecode";
    }
  }

  private static final String JAR = "jar:";

  /** Jar content hashes by path, size and time: computed once per JVM (Maven's {@code -T}). */
  private static final Map<String, String> JAR_HASHES = new ConcurrentHashMap<>();

  /** {@code jar:<sha-256>} for a class from a jar, else its class directory or location. */
  private static String codeSource(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      return "no-code-source";
    }
    try {
      Path path = Path.of(location.toURI());
      if (Files.isRegularFile(path)) {
        String identity = path + "|" + Files.size(path) + "|"
            + Files.getLastModifiedTime(path).toMillis();
        return JAR_HASHES.computeIfAbsent(identity, k -> JAR + jarHash(path));
      }
      return "dir:" + path;
    } catch (URISyntaxException | IOException | java.io.UncheckedIOException | IllegalArgumentException
        | java.nio.file.FileSystemNotFoundException | SecurityException e) {
      return location.toString();
    }
  }

  /**
   * The jar's content as its zip directory lists it: every entry's name, size and CRC-32. Read
   * from the central directory alone, so it costs milliseconds even in a JVM that has not yet
   * compiled SHA-256, where hashing every byte of a few megabytes took a tenth of a second.
   */
  private static String jarHash(Path jar) {
    MessageDigest sha = ContentHash.digest();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      zip.stream().forEach(entry -> {
        update(sha, entry.getName());
        update(sha, entry.getSize() + ":" + entry.getCrc());
      });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @Override
  public String toString() {
    return version + "/" + digest.substring(0, 16);
  }
}
