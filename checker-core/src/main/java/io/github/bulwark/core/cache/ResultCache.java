package io.github.bulwark.core.cache;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.github.bulwark.core.source.SourceFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The incremental result cache: one directory holding, per scan key (Bulwark version, active
 * rules, per-file configuration), one JSON file of per-file results keyed by path and content
 * hash, so a file whose bytes did not change is not parsed again.
 *
 * <p>Guarantees: only results that depend on the file alone are stored (results that depend on
 * other files are recomputed every scan); a cache file that is damaged, of another schema, or
 * written for another key is discarded with at most one warning and rebuilt, never trusted; the
 * file is replaced atomically (written beside, then moved), so a crash or a concurrent scan leaves
 * either the old or the new file; lookups and stores are safe from the engine's worker threads.
 * Plain JSON only, never Java serialization.
 */
public final class ResultCache {

  /** How many scan keys (rule sets, versions) keep their file; older ones are deleted. */
  static final int KEPT_KEYS = 4;

  private static final String PREFIX = "results-";
  private static final String SUFFIX = ".json";

  private final Path directory;
  private final Consumer<String> warnings;
  private final AtomicReference<CacheStats> lastScan = new AtomicReference<>();

  private ResultCache(Path directory, Consumer<String> warnings) {
    this.directory = directory.toAbsolutePath().normalize();
    this.warnings = warnings;
  }

  /**
   * A cache in {@code directory} (created on first write); problems with it (a damaged file, a
   * directory that cannot be written) go to {@code warnings}, one line each, and never fail a scan.
   */
  public static ResultCache in(Path directory, Consumer<String> warnings) {
    return new ResultCache(Objects.requireNonNull(directory, "directory"),
        Objects.requireNonNull(warnings, "warnings"));
  }

  public Path directory() {
    return directory;
  }

  /** How the last scan that finished with this cache used it, if one has. */
  public Optional<CacheStats> lastScan() {
    return Optional.ofNullable(lastScan.get());
  }

  /** The file that holds results for {@code key}. */
  Path fileFor(ScanKey key) {
    return directory.resolve(PREFIX + key.digest().substring(0, 24) + SUFFIX);
  }

  /** Loads what the cache holds for {@code key}; call {@link Session#finish()} when done. */
  public Session open(ScanKey key) {
    return new Session(key);
  }

  /** One scan's use of the cache: lookups and stores from any thread, then one write. */
  public final class Session {
    private final ScanKey key;
    private final Map<String, CacheFormat.Entry> previous;
    private final Map<String, CacheFormat.Entry> next = new ConcurrentHashMap<>();
    private final AtomicInteger reused = new AtomicInteger();
    private final AtomicInteger analysed = new AtomicInteger();
    private String discarded = "";

    private Session(ScanKey key) {
      this.key = key;
      this.previous = load();
    }

    /**
     * The content hash of a file, or empty when the file cannot be cached (unreadable, or larger
     * than {@code maxBytes}: the analyser reports those itself).
     */
    public Optional<String> contentHash(SourceFile file, long maxBytes) {
      try {
        if (Files.size(file.path()) > maxBytes) {
          return Optional.empty();
        }
        return Optional.of(ContentHash.of(Files.readAllBytes(file.path())));
      } catch (IOException | SecurityException | OutOfMemoryError e) {
        return Optional.empty();
      }
    }

    /** The cached results for this path and content, if any; a hit is kept for the next scan. */
    public Optional<CachedFile> lookup(String path, String sha256) {
      CacheFormat.Entry entry = previous.get(path);
      if (entry == null || !entry.sha256().equals(sha256)) {
        analysed.incrementAndGet();
        return Optional.empty();
      }
      next.put(path, entry);
      reused.incrementAndGet();
      return Optional.of(entry.results());
    }

    /** Keeps a file's fresh results for the next scan. */
    public void store(String path, String sha256, CachedFile results) {
      next.put(path, new CacheFormat.Entry(path, sha256, results));
    }

    /**
     * Writes the results of this scan's files (reused and fresh; files no longer scanned are
     * dropped) and returns how the scan used the cache. A write failure is a warning.
     */
    public CacheStats finish() {
      int stored = next.size() - reused.get();
      boolean unchanged = stored == 0 && next.size() == previous.size();
      if (!unchanged) {
        write();
      }
      CacheStats stats = new CacheStats(reused.get(), analysed.get(), stored, discarded);
      lastScan.set(stats);
      return stats;
    }

    private Map<String, CacheFormat.Entry> load() {
      Path file = fileFor(key);
      if (!Files.isRegularFile(file)) {
        return Map.of(); // a first scan, or the first with these rules
      }
      try (JsonReader json = new JsonReader(new BufferedReader(new InputStreamReader(
          Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()), 1 << 16))) {
        json.setStrictness(Strictness.STRICT);
        CacheFormat.Header header = CacheFormat.readHeader(json);
        if (!header.key().equals(key.digest()) || !header.version().equals(key.version())) {
          return discard(file, "written by Bulwark " + header.version()
              + " for another rule set or configuration");
        }
        return CacheFormat.readEntries(json);
      } catch (NoSuchFileException e) {
        return Map.of();
      } catch (IOException | CacheFormat.CacheFormatException | RuntimeException e) {
        // Gson reports malformed JSON as IOException or IllegalStateException.
        return discard(file, "unreadable (" + e.getMessage() + ")");
      }
    }

    private Map<String, CacheFormat.Entry> discard(Path file, String why) {
      discarded = why;
      warnings.accept("bulwark: discarding result cache " + file + ": " + why
          + "; every file is analysed again and the cache rebuilt");
      return Map.of();
    }

    private void write() {
      Path target = fileFor(key);
      Path temporary = null;
      try {
        Files.createDirectories(directory);
        temporary = Files.createTempFile(directory, PREFIX, ".tmp");
        List<CacheFormat.Entry> entries = new ArrayList<>(next.values());
        entries.sort(Comparator.comparing(CacheFormat.Entry::path));
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
            Files.newOutputStream(temporary), StandardCharsets.UTF_8), 1 << 16)) {
          CacheFormat.write(out, key, entries);
        }
        move(temporary, target);
        temporary = null;
        prune(target);
      } catch (IOException | RuntimeException e) {
        warnings.accept("bulwark: cannot write result cache in " + directory + ": " + e
            + "; the next scan analyses every file again");
      } finally {
        if (temporary != null) {
          try {
            Files.deleteIfExists(temporary);
          } catch (IOException e) {
            warnings.accept("bulwark: cannot delete " + temporary + ": " + e);
          }
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Keeps the files of the most recently written keys (a rule set used now and then, such as the
   * benchmark's "taint off" run, stays warm) and deletes older ones and abandoned temporaries.
   */
  private void prune(Path keep) throws IOException {
    List<Path> results = new ArrayList<>();
    List<Path> temporaries = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, PREFIX + "*")) {
      for (Path file : listing) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX) && !file.equals(keep)) {
          results.add(file);
        } else if (name.endsWith(".tmp")) {
          temporaries.add(file);
        }
      }
    }
    results.sort(Comparator.comparing(ResultCache::modified).reversed());
    for (Path old : results.subList(Math.min(results.size(), KEPT_KEYS - 1), results.size())) {
      Files.deleteIfExists(old);
    }
    long anHourAgo = System.currentTimeMillis() - 3_600_000L;
    for (Path temporary : temporaries) {
      if (modified(temporary).toMillis() < anHourAgo) {
        Files.deleteIfExists(temporary); // left by a scan that died mid-write
      }
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
