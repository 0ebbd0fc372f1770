package io.github.bulwark.core.cache;

/**
 * What the cache knows of one source file before analysing it: its size and modification time
 * (so an unchanged file is recognised without reading it), the SHA-256 of its bytes, and
 * whether its text may read untrusted input (which decides whether the project's cross-file
 * taint questions are asked at all).
 *
 * @param path the file's path relative to the scan's base directory, with {@code /}
 * @param size its size in bytes
 * @param modified its modification time in milliseconds
 * @param sha256 the content hash, empty when the file cannot be cached (unreadable, over the
 *     size limit, not a regular file)
 * @param mayHaveSources true when the text may read untrusted input
 */
public record FileState(String path, long size, long modified, String sha256,
    boolean mayHaveSources) {

  public FileState {
    if (!sha256.isEmpty() && !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("bad content hash for " + path);
    }
  }

  public boolean hashed() {
    return !sha256.isEmpty();
  }

  /**
   * Whether a file with these bytes may read untrusted input: a Java file whose raw text
   * (decoded as ISO-8859-1, which never fails and is enough for the ASCII words looked for)
   * passes {@code mayHaveSources}.
   */
  public static boolean mayReadInput(String path, byte[] bytes,
      java.util.function.Predicate<String> mayHaveSources) {
    return path.endsWith(".java") && mayHaveSources.test(
        new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
  }
}
