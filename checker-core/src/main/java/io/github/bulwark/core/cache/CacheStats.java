package io.github.bulwark.core.cache;

/**
 * How one scan used the cache.
 *
 * @param reused files whose cached results were used without reading them again as Java
 * @param analysed files looked up and not found (new or changed), so analysed again
 * @param stored files whose results were written for the next scan
 * @param discarded why an existing cache file was not trusted, empty when it was or none existed
 */
public record CacheStats(int reused, int analysed, int stored, String discarded) {

  /** One line for a log: {@code 3390 reused, 10 analysed (4 stored)}. */
  public String describe() {
    String text = reused + " reused, " + analysed + " analysed (" + stored + " stored"
        + (analysed > stored ? ", " + (analysed - stored)
            + " with results that depend on other files" : "") + ")";
    return discarded.isEmpty() ? text : text + "; previous cache discarded: " + discarded;
  }
}
