package io.github.bulwark.core.cache;

import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The state of every file of one scan, in discovery order, as {@link ResultCache#sourceStates}
 * found it: reused from the previous scan's file index where size and time say nothing changed,
 * read and hashed otherwise.
 *
 * @param files one state per discovered file, in discovery order
 * @param hashed how many files had to be read and hashed (the others were recognised by size
 *     and modification time)
 * @param checkedAt when the states were taken (epoch milliseconds); a file modified within the
 *     file system's time resolution of this moment is hashed again next scan
 * @param indexKey what the file index these states are kept in depends on (version, the
 *     configuration that decides what counts as a source)
 * @param changed the files whose content hash differs from the one the last scan recorded, with
 *     the state it recorded: their cached results cannot match, so they are analysed without
 *     waiting for the cache, and the last scan's whole result may be updated for them alone
 */
public record SourceStates(List<FileState> files, int hashed, long checkedAt, String indexKey,
    Map<String, FileState> changed) {

  public SourceStates {
    files = List.copyOf(files);
    changed = Map.copyOf(changed);
  }

  /** True when any file may read untrusted input. */
  public boolean anySources() {
    return files.stream().anyMatch(FileState::mayHaveSources);
  }

  /**
   * One digest over the scan key and every file's path and content: equal digests mean the
   * whole scan's results are equal, so the previous result can be reported as it is.
   */
  String projectDigest(ScanKey key) {
    return digest(key, files);
  }

  /**
   * The digest of the project as it was before the {@link #changed} files were edited: the
   * last scan's snapshot carries this digest exactly when it describes these files with only the
   * changed ones at their old content.
   */
  String projectDigestBeforeEdits(ScanKey key) {
    return digest(key, files.stream().map(file -> changed.getOrDefault(file.path(), file))
        .toList());
  }

  private static String digest(ScanKey key, List<FileState> files) {
    MessageDigest sha = ContentHash.digest();
    sha.update(key.digest().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    files.stream().sorted(Comparator.comparing(FileState::path)).forEach(file -> {
      String identity = file.hashed() ? file.sha256()
          : "unhashed:" + file.size() + ":" + file.modified();
      sha.update(('\n' + file.path() + '\u0000' + identity)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });
    return HexFormat.of().formatHex(sha.digest());
  }
}
