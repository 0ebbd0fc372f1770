package io.github.bulwark.core.cache;

/**
 * How one scan used the cache.
 *
 * @param reused files whose cached results were used without reading them again as Java
 * @param analysed files looked up and not found (new or changed), so analysed again
 * @param stored files whose results were written for the next scan
 * @param discarded why an existing cache file was not trusted, empty when it was or none existed
 * @param hashed files read to hash their content (new, changed, or their size and modification
 *     time not enough to trust); the others were recognised without reading them
 * @param whole true when nothing changed and the last scan's whole result was reported
 * @param updated true when the last scan's whole result was updated for the analysed files
 *     alone, their edits having changed no fact another file's findings depend on
 */
public record CacheStats(int reused, int analysed, int stored, String discarded, int hashed,
    boolean whole, boolean updated) {

  /** One line for a log: {@code 3390 reused, 10 analysed (10 stored); 12 files read to hash}. */
  public String describe() {
    String text = reused + " reused, " + analysed + " analysed (" + stored + " stored"
        + (analysed > stored ? ", " + (analysed - stored) + " not kept (unreadable or cut off)"
            : "") + "); " + hashed + (hashed == 1 ? " file" : " files") + " read to hash"
        + (whole ? "; nothing changed, last result reported" : "")
        + (updated ? "; no cross-file fact changed, last result updated for "
            + (analysed == 1 ? "that file" : "those files") : "");
    return discarded.isEmpty() ? text : text + "; previous cache discarded: " + discarded;
  }
}
