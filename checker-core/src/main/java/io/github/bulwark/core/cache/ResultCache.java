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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The incremental result cache, one directory holding three kinds of file: a file index (per
 * path: size, modification time, content hash, whether it may read untrusted input), so an
 * unchanged file is recognised without reading it; per scan key (Bulwark's jar, active rules,
 * configuration), the per-file results in {@link #SHARDS} shards keyed by path and content hash,
 * so a file whose bytes did not change is not parsed again; and a snapshot of the last scan's
 * whole result with each deferred finding's decision, reported as it is when no file changed and
 * updated for the edited files alone when their edits changed no cross-file fact.
 *
 * <p>Guarantees: per-file results depend on the file alone (findings that need the whole project
 * are stored as questions and answered again whenever a cross-file fact may have changed); a
 * cache file that is damaged, of
 * another schema, or written for another key is discarded with at most one warning and rebuilt,
 * never trusted; every file is replaced atomically (written beside, then moved), so a crash or a
 * concurrent scan leaves either the old or the new file; lookups and stores are safe from the
 * engine's worker threads. Plain JSON only, never Java serialization.
 */
public final class ResultCache {

  /** How many scan keys (rule sets, versions) keep their file; older ones are deleted. */
  static final int KEPT_KEYS = 4;

  private static final String PREFIX = "results-";
  private static final String SNAPSHOT_PREFIX = "scan-";
  private static final String INDEX_PREFIX = "files-";
  private static final String SUFFIX = ".json";

  /**
   * A file modified this close to (or after) the moment the last scan looked at it may have
   * changed again within the file system's time resolution without changing its time: it is
   * hashed again rather than trusted by size and time.
   */
  static final long RACY_MILLIS = 2_000;

  /** How many files the per-file results of one key are split into. */
  static final int SHARDS = 16;

  private final Path directory;
  private final Consumer<String> warnings;
  private final AtomicReference<CacheStats> lastScan = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicBoolean writeFailed =
      new java.util.concurrent.atomic.AtomicBoolean();

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

  /**
   * The file that holds one shard of the per-file results for {@code key}. Results are split
   * by path into {@link #SHARDS} files, so a scan after a small edit rewrites a few small files,
   * not every result, and the shards are read in parallel.
   */
  Path shardFor(ScanKey key, int shard) {
    return directory.resolve(PREFIX + key.digest().substring(0, 24) + "-"
        + String.format(java.util.Locale.ROOT, "%02d", shard) + SUFFIX);
  }

  /** The shard a file's results are kept in (String.hashCode is the same in every JVM). */
  static int shardOf(String path) {
    return Math.floorMod(path.hashCode(), SHARDS);
  }

  /** The file that holds the whole result of the last scan with {@code key}. */
  Path snapshotFor(ScanKey key) {
    return directory.resolve(SNAPSHOT_PREFIX + key.digest().substring(0, 24) + SUFFIX);
  }

  private Path indexFor(String indexKey) {
    return directory.resolve(INDEX_PREFIX + indexKey.substring(0, 24) + SUFFIX);
  }

  /**
   * The state of every file, in discovery order: a file whose size and modification time are
   * those the last scan recorded (and that was not modified within {@link #RACY_MILLIS} of that
   * scan, when a later edit could keep the same time) is taken from the file index without
   * reading it; any other is read, hashed and tested with {@code mayHaveSources}. Runs on the
   * common fork-join pool.
   *
   * @param configuration what decides {@code mayHaveSources} (the project configuration), part
   *     of the file index's key
   * @param maxBytes files larger than this are not read (the analyser reports them)
   * @param mayHaveSources whether a Java file's text (decoded as ISO-8859-1) may read untrusted
   *     input
   */
  public SourceStates sourceStates(List<SourceFile> files, String version, String configuration,
      long maxBytes, Predicate<String> mayHaveSources) {
    long checkedAt = System.currentTimeMillis();
    String indexKey = indexKey(version, configuration, maxBytes);
    Preloaded early = preloaded.getAndSet(null);
    StateFormat.Index previous = early != null && early.indexKey().equals(indexKey)
        ? early.index().join() : loadIndex(indexKey);
    AtomicInteger hashed = new AtomicInteger();
    List<FileState> states = files.parallelStream()
        .map(file -> state(file, previous, maxBytes, mayHaveSources, hashed))
        .toList();
    Map<String, FileState> changed = new java.util.HashMap<>();
    for (FileState state : states) {
      FileState known = previous.files().get(state.path());
      if (known != null && state.hashed() && known.hashed()
          && !known.sha256().equals(state.sha256())) {
        changed.put(state.path(), known);
      }
    }
    return new SourceStates(states, hashed.get(), checkedAt, indexKey, changed);
  }

  private static FileState state(SourceFile file, StateFormat.Index previous, long maxBytes,
      Predicate<String> mayHaveSources, AtomicInteger hashed) {
    String path = file.relativePath();
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file.path(), BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        // Never opened: a FIFO named *.java would block here; the analyser reports it.
        return new FileState(path, 0, 0, "", false);
      }
      long size = attributes.size();
      long modified = attributes.lastModifiedTime().toMillis();
      FileState known = previous.files().get(path);
      if (known != null && known.size() == size && known.modified() == modified
          && modified < previous.checkedAt() - RACY_MILLIS) {
        return known;
      }
      if (size > maxBytes) {
        return new FileState(path, size, modified, "", false);
      }
      byte[] bytes = Files.readAllBytes(file.path());
      hashed.incrementAndGet();
      boolean sources = FileState.mayReadInput(path, bytes, mayHaveSources);
      return new FileState(path, bytes.length, modified, ContentHash.of(bytes), sources);
    } catch (IOException | SecurityException | OutOfMemoryError e) {
      // Unreadable here: the analyser reports it; assume it may read untrusted input.
      return new FileState(path, 0, 0, "", true);
    }
  }

  private static String indexKey(String version, String configuration, long maxBytes) {
    return ContentHash.ofText("bulwark-file-index\n" + version + "\n" + maxBytes + "\n"
        + configuration);
  }

  /** A file index being read ahead of {@link #sourceStates}, for the key it was read for. */
  private record Preloaded(String indexKey,
      java.util.concurrent.CompletableFuture<StateFormat.Index> index) {}

  private final AtomicReference<Preloaded> preloaded = new AtomicReference<>();

  /**
   * Starts reading the file index that {@link #sourceStates} with these arguments will need, on
   * a background thread, so it is read while the engine still walks the source tree. A warm
   * scan of a large tree spends a tenth of a second on each.
   */
  public void preloadIndex(String version, String configuration, long maxBytes) {
    String indexKey = indexKey(version, configuration, maxBytes);
    preloaded.set(new Preloaded(indexKey,
        java.util.concurrent.CompletableFuture.supplyAsync(() -> loadIndex(indexKey))));
  }

  private StateFormat.Index loadIndex(String indexKey) {
    Path file = indexFor(indexKey);
    if (!Files.isRegularFile(file)) {
      return StateFormat.Index.EMPTY;
    }
    try (JsonReader json = reader(file)) {
      return StateFormat.readIndex(json, indexKey);
    } catch (IOException | CacheFormat.CacheFormatException | RuntimeException e) {
      warnings.accept("bulwark: discarding file index " + file + ": unreadable ("
          + e.getMessage() + "); every file is read and hashed again");
      return StateFormat.Index.EMPTY;
    }
  }

  /**
   * Opens the cache for one scan with {@code key} over the files in {@code states}; call
   * {@link Session#finish} when done. Per-file results are loaded on the first lookup only, so
   * a scan answered by {@link Session#snapshot()} never reads them.
   */
  public Session open(ScanKey key, SourceStates states) {
    return new Session(key, states);
  }

  /** One scan's use of the cache: lookups and stores from any thread, then one write. */
  public final class Session {
    private final ScanKey key;
    private final SourceStates states;
    private final String projectDigest;
    /** The last scan's per-file results: read once, from the first lookup or prefetch. */
    private java.util.concurrent.CompletableFuture<Map<String, CacheFormat.Entry>> previous;
    private final Map<String, CacheFormat.Entry> next = new ConcurrentHashMap<>();
    private final AtomicInteger reused = new AtomicInteger();
    private final AtomicInteger analysed = new AtomicInteger();
    private String discarded = "";
    private boolean snapshotHit;
    private boolean snapshotUpdated;
    /** The snapshot as read by {@link #snapshot()}, whether or not it matched. */
    private StateFormat.Stored stored;
    /** Single shards read for {@link #previousResults}, by shard number. */
    private final Map<Integer, Map<String, CacheFormat.Entry>> singleShards =
        new ConcurrentHashMap<>();

    private Session(ScanKey key, SourceStates states) {
      this.key = key;
      this.states = states;
      this.projectDigest = states.projectDigest(key);
    }

    /**
     * The last scan's whole result, when it was made with this key from files with exactly
     * this content; empty otherwise (or when the snapshot cannot be read: a warning).
     */
    public Optional<Snapshot> snapshot() {
      Path file = snapshotFor(key);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try (JsonReader json = reader(file)) {
        stored = StateFormat.readSnapshot(json, key);
        if (!stored.projectDigest().equals(projectDigest)) {
          return Optional.empty();
        }
        snapshotHit = true;
        reused.set(states.files().size());
        return Optional.of(stored.snapshot());
      } catch (IOException | CacheFormat.CacheFormatException | RuntimeException e) {
        warnings.accept("bulwark: discarding scan snapshot " + file + ": unreadable ("
            + e.getMessage() + "); the scan is assembled from per-file results");
        return Optional.empty();
      }
    }

    /**
     * The last scan's whole result when it describes exactly these files with only the
     * {@linkplain SourceStates#changed changed} ones at their old content; call after
     * {@link #snapshot()}. The engine updates it for the changed files when their edits changed
     * no fact the project index holds ({@link #finishUpdated}).
     */
    public Optional<Snapshot> snapshotBeforeEdits() {
      return stored != null && !states.changed().isEmpty()
          && stored.projectDigest().equals(states.projectDigestBeforeEdits(key))
          ? Optional.of(stored.snapshot()) : Optional.empty();
    }

    /**
     * What the last scan kept for a changed file at its old content, reading only the shard
     * that holds it; empty when it kept nothing, or the shard cannot be read.
     */
    public Optional<CachedFile> previousResults(String path) {
      FileState before = states.changed().get(path);
      if (before == null) {
        return Optional.empty();
      }
      int shard = shardOf(path);
      Map<String, CacheFormat.Entry> entries = singleShards.computeIfAbsent(shard, i -> {
        Map<String, CacheFormat.Entry> read = new ConcurrentHashMap<>();
        // A damaged shard is left to the full load, which warns and rebuilds it.
        return loadShard(key, i, read).isEmpty() ? read : Map.of();
      });
      CacheFormat.Entry entry = entries.get(path);
      return entry != null && entry.sha256().equals(before.sha256())
          ? Optional.of(entry.results()) : Optional.empty();
    }

    /**
     * Ends a scan whose result is the last one updated for the changed files alone: rewrites
     * only the shards holding their fresh results, then the snapshot and the file index.
     */
    public CacheStats finishUpdated(Snapshot whole) {
      Map<Integer, Map<String, CacheFormat.Entry>> touched = new java.util.TreeMap<>();
      next.forEach((path, entry) -> touched.computeIfAbsent(shardOf(path),
          shard -> new java.util.HashMap<>(singleShards.getOrDefault(shard, Map.of())))
          .put(path, entry));
      touched.forEach((shard, entries) -> {
        List<CacheFormat.Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing(CacheFormat.Entry::path));
        writeAtomically(shardFor(key, shard), out -> CacheFormat.write(out, key, sorted));
      });
      writeAtomically(snapshotFor(key),
          out -> StateFormat.writeSnapshot(out, key, projectDigest, whole));
      writeAtomically(indexFor(states.indexKey()),
          out -> StateFormat.writeIndex(out, states.indexKey(), states));
      snapshotUpdated = true;
      reused.set(states.files().size() - next.size());
      return record(next.size());
    }

    /**
     * Starts reading the per-file results in the background (on the common pool), so files
     * known to have changed are analysed meanwhile; lookups wait for it.
     */
    public void prefetch() {
      reading();
    }

    private synchronized java.util.concurrent.CompletableFuture<Map<String, CacheFormat.Entry>>
        reading() {
      if (previous == null) {
        previous = java.util.concurrent.CompletableFuture.supplyAsync(this::load);
      }
      return previous;
    }

    /** Counts a file that is analysed without a lookup (its content is known to be new). */
    public void miss() {
      analysed.incrementAndGet();
    }

    /** The cached results for this path and content, if any; a hit is kept for the next scan. */
    public Optional<CachedFile> lookup(String path, String sha256) {
      CacheFormat.Entry entry = previous().get(path);
      if (entry == null || !entry.sha256().equals(sha256)) {
        analysed.incrementAndGet();
        return Optional.empty();
      }
      next.put(path, entry);
      reused.incrementAndGet();
      return Optional.of(entry.results());
    }

    /**
     * Takes results found elsewhere (a module's own cache) for a file this scan's lookup
     * missed: kept for the next scan and counted as reused, not analysed.
     */
    public void adopt(String path, String sha256, CachedFile results) {
      next.put(path, new CacheFormat.Entry(path, sha256, results));
      analysed.decrementAndGet();
      reused.incrementAndGet();
    }

    /** Keeps a file's fresh results for the next scan. */
    public void store(String path, String sha256, CachedFile results) {
      next.put(path, new CacheFormat.Entry(path, sha256, results));
    }

    /**
     * Writes what changed: the per-file results of this scan's files (reused and fresh; files
     * no longer scanned are dropped), the file index, and {@code whole}, the scan's whole
     * result (null when some file's result could not be kept, such as one over the time
     * limit). Returns how the scan used the cache. A write failure is a warning.
     */
    public CacheStats finish(Snapshot whole) {
      int fresh = next.size() - reused.get();
      if (!snapshotHit) {
        writeChangedShards();
        if (whole != null) {
          writeAtomically(snapshotFor(key),
              out -> StateFormat.writeSnapshot(out, key, projectDigest, whole));
        } else {
          deleteQuietly(snapshotFor(key));
        }
      }
      if (states.hashed() > 0 || !snapshotHit) {
        writeAtomically(indexFor(states.indexKey()),
            out -> StateFormat.writeIndex(out, states.indexKey(), states));
      }
      return record(Math.max(fresh, 0));
    }

    private CacheStats record(int stored) {
      CacheStats stats = new CacheStats(reused.get(), analysed.get(), stored, discarded,
          states.hashed(), snapshotHit, snapshotUpdated);
      lastScan.set(stats);
      return stats;
    }

    /**
     * Rewrites the shards whose entries changed: a file stored fresh, or one no longer scanned;
     * a shard left empty is deleted.
     */
    private void writeChangedShards() {
      Map<String, CacheFormat.Entry> before = previous();
      boolean[] changed = new boolean[SHARDS];
      List<List<CacheFormat.Entry>> shards = new ArrayList<>();
      for (int i = 0; i < SHARDS; i++) {
        shards.add(new ArrayList<>());
      }
      next.forEach((path, entry) -> {
        int shard = shardOf(path);
        shards.get(shard).add(entry);
        if (before.get(path) != entry) {
          changed[shard] = true; // stored fresh (a reused entry is the very object loaded)
        }
      });
      before.keySet().forEach(path -> {
        if (!next.containsKey(path)) {
          changed[shardOf(path)] = true; // deleted or no longer scanned
        }
      });
      for (int i = 0; i < SHARDS; i++) {
        changed[i] |= damaged.contains(i);
      }
      java.util.stream.IntStream.range(0, SHARDS).parallel().filter(i -> changed[i])
          .forEach(i -> {
            List<CacheFormat.Entry> entries = shards.get(i);
            if (entries.isEmpty()) {
              deleteQuietly(shardFor(key, i));
              return;
            }
            entries.sort(Comparator.comparing(CacheFormat.Entry::path));
            writeAtomically(shardFor(key, i), out -> CacheFormat.write(out, key, entries));
          });
    }

    private Map<String, CacheFormat.Entry> previous() {
      return reading().join();
    }

    /** Shards that could not be read: rewritten at the end of the scan. */
    private final java.util.Set<Integer> damaged = ConcurrentHashMap.newKeySet();

    private Map<String, CacheFormat.Entry> load() {
      // A shard read for an edited file's old results is not read again.
      Shards shards = loadShards(key, singleShards);
      damaged.addAll(shards.problems().keySet());
      shards.firstProblem().ifPresent(why -> discarded = why);
      return shards.entries();
    }
  }

  /** A key's per-file results as read, and the shards that could not be read, with why. */
  private record Shards(Map<String, CacheFormat.Entry> entries, Map<Integer, String> problems) {
    Optional<String> firstProblem() {
      return problems.values().stream().findFirst();
    }
  }

  /**
   * Every shard of {@code key}'s per-file results, read in parallel (but for those in
   * {@code alreadyRead}); a damaged shard is dropped with one warning for all of them.
   */
  private Shards loadShards(ScanKey key,
      Map<Integer, Map<String, CacheFormat.Entry>> alreadyRead) {
    Map<String, CacheFormat.Entry> entries = new ConcurrentHashMap<>();
    Map<Integer, String> problems = new java.util.TreeMap<>();
    Tasks.runOnAllCores(SHARDS, i -> {
      Map<String, CacheFormat.Entry> read = alreadyRead.get(i);
      if (read != null && !read.isEmpty()) {
        entries.putAll(read);
        return;
      }
      // An empty one may be a damaged shard (see previousResults): read it here to say so.
      loadShard(key, i, entries).ifPresent(why -> {
        synchronized (problems) {
          problems.put(i, why);
        }
      });
    });
    if (!problems.isEmpty()) {
      Map.Entry<Integer, String> first = problems.entrySet().iterator().next();
      warnings.accept("bulwark: discarding " + problems.size() + " of " + SHARDS
          + " result cache files in " + directory + " (" + shardFor(key, first.getKey())
              .getFileName() + ": " + first.getValue() + "); their files are analysed again "
          + "and the cache rebuilt");
    }
    return new Shards(entries, problems);
  }

  private Optional<String> loadShard(ScanKey key, int shard,
      Map<String, CacheFormat.Entry> into) {
    Path file = shardFor(key, shard);
    if (!Files.isRegularFile(file)) {
      return Optional.empty(); // a first scan, the first with these rules, or an empty shard
    }
    try (JsonReader json = reader(file)) {
      CacheFormat.Header header = CacheFormat.readHeader(json);
      if (!header.key().equals(key.digest()) || !header.version().equals(key.version())) {
        return Optional.of("written by Bulwark " + header.version()
            + " for another rule set or configuration");
      }
      Map<String, CacheFormat.Entry> read = CacheFormat.readEntries(json);
      for (String path : read.keySet()) {
        if (shardOf(path) != shard) {
          return Optional.of("holds " + path + ", which belongs to another shard");
        }
      }
      into.putAll(read);
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | CacheFormat.CacheFormatException | RuntimeException e) {
      // Gson reports malformed JSON as IOException or IllegalStateException.
      return Optional.of("unreadable (" + e.getMessage() + ")");
    }
  }

  /**
   * Read-only access to the per-file results another scan kept here under {@code key}: an
   * aggregate scan of a reactor takes each module's results from the module's own cache instead
   * of parsing its files again. Loaded on the first lookup; safe from any thread.
   */
  public Lookup reader(ScanKey key) {
    return new Lookup(key);
  }

  /** See {@link #reader}. */
  public final class Lookup {
    private final ScanKey key;
    private Map<String, CacheFormat.Entry> entries;

    private Lookup(ScanKey key) {
      this.key = key;
    }

    /** The results kept for this path (relative to the other scan's base) and content. */
    public Optional<CachedFile> find(String path, String sha256) {
      CacheFormat.Entry entry = entries().get(path);
      return entry != null && entry.sha256().equals(sha256) ? Optional.of(entry.results())
          : Optional.empty();
    }

    private synchronized Map<String, CacheFormat.Entry> entries() {
      if (entries == null) {
        entries = loadShards(key, Map.of()).entries();
        if (entries.isEmpty()) {
          // Said once: otherwise a merge that parses everything again looks like success.
          warnings.accept("bulwark: no cached results in " + directory + " for this scan's "
              + "rules and configuration (not scanned yet, or with other settings); its "
              + "files are analysed here");
        }
      }
      return entries;
    }
  }

  private static JsonReader reader(Path file) throws IOException {
    JsonReader json = new JsonReader(new BufferedReader(new InputStreamReader(
        Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()), 1 << 16));
    json.setStrictness(Strictness.STRICT);
    return json;
  }

  /** What writes one cache file's content. */
  private interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes beside the target, then moves into place: readers see the old or the new file. */
  private void writeAtomically(Path target, Content content) {
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      String prefix = target.getFileName().toString();
      temporary = Files.createTempFile(directory, prefix.substring(0, prefix.indexOf('-') + 1),
          ".tmp");
      try (Writer out = new BufferedWriter(new OutputStreamWriter(
          Files.newOutputStream(temporary), StandardCharsets.UTF_8), 1 << 16)) {
        content.writeTo(out);
      }
      move(temporary, target);
      temporary = null;
      prune(target);
    } catch (IOException | RuntimeException e) {
      if (!writeFailed.getAndSet(true)) { // one warning, not one per file of the cache
        warnings.accept("bulwark: cannot write result cache in " + directory + ": " + e
            + "; the next scan analyses every file again");
      }
    } finally {
      if (temporary != null) {
        deleteQuietly(temporary);
      }
    }
  }

  private void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      warnings.accept("bulwark: cannot delete " + file + ": " + e);
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
   * A key's files share the part of their name after the prefix, up to the shard number.
   */
  private void prune(Path keep) throws IOException {
    Map<String, List<Path>> byKey = new java.util.HashMap<>();
    List<Path> temporaries = new ArrayList<>();
    String kept = keep.getFileName().toString();
    String prefix = kept.substring(0, kept.indexOf('-') + 1);
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path file : listing) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          byKey.computeIfAbsent(keyPart(name, prefix), k -> new ArrayList<>()).add(file);
        } else if (name.endsWith(".tmp")) {
          temporaries.add(file);
        }
      }
    }
    byKey.remove(keyPart(kept, prefix));
    List<List<Path>> others = new ArrayList<>(byKey.values());
    others.sort(Comparator.comparing((List<Path> files) -> files.stream()
        .map(ResultCache::modified).max(Comparator.naturalOrder()).orElseThrow()).reversed());
    for (List<Path> old : others.subList(Math.min(others.size(), KEPT_KEYS - 1),
        others.size())) {
      for (Path file : old) {
        Files.deleteIfExists(file);
      }
    }
    long anHourAgo = System.currentTimeMillis() - 3_600_000L;
    for (Path temporary : temporaries) {
      if (modified(temporary).toMillis() < anHourAgo) {
        Files.deleteIfExists(temporary); // left by a scan that died mid-write
      }
    }
  }

  private static String keyPart(String name, String prefix) {
    String rest = name.substring(prefix.length(), name.length() - SUFFIX.length());
    int dash = rest.indexOf('-');
    return dash < 0 ? rest : rest.substring(0, dash);
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
