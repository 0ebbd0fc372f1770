package io.github.bulwark.core.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import io.github.bulwark.core.cache.CachedFile;
import io.github.bulwark.core.cache.ResultCache;
import io.github.bulwark.core.cache.FileState;
import io.github.bulwark.core.cache.ScanKey;
import io.github.bulwark.core.cache.Snapshot;
import io.github.bulwark.core.cache.SourceStates;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.project.DeferredFinding;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.source.SourceDiscovery;
import io.github.bulwark.core.source.SourceFile;
import io.github.bulwark.core.source.SourceReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs a scan: discover, parse each file once in parallel, dispatch every node to the rules that
 * subscribed to it, filter suppressions, order the results. It never prints and knows nothing of
 * Maven or the command line. Each scan builds its own parsers (one per worker thread), so scans
 * on several threads of one JVM (Maven's {@code -T}) share no mutable state.
 */
public final class Engine {

  /**
   * The newest Java language level this JavaParser release accepts. A method, not a constant:
   * the level's enum builds every validator when first touched (a tenth of a second), which a
   * scan answered from the cache never needs.
   */
  public static ParserConfiguration.LanguageLevel languageLevel() {
    return ParserConfiguration.LanguageLevel.JAVA_25;
  }

  /** Deep nesting recurses in the parser; workers get a large stack so it is contained. */
  private static final long WORKER_STACK_BYTES = 512L * 1024 * 1024;

  /** How often the scan looks again at a file still queued behind busy workers. */
  private static final long QUEUED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final RuleRegistry registry;

  public Engine(RuleRegistry registry) {
    this.registry = registry;
  }

  /** An engine with every rule found on Bulwark's own class path. */
  public static Engine withAllRules() {
    return new Engine(RuleRegistry.load());
  }

  public RuleRegistry registry() {
    return registry;
  }

  /**
   * Scans what the request names. Bad configuration (a missing path, an unknown rule id, a bad
   * glob) is an {@link IllegalArgumentException} before any file is read; problems with single
   * files are diagnostics in the result.
   */
  public ScanResult scan(ScanRequest request) {
    long started = System.nanoTime();
    RuleRegistry selected = registry.select(request.ruleIds());
    io.github.bulwark.core.config.BulwarkConfig config = request.config();
    List<io.github.bulwark.core.rule.Rule> enabled = selected.all().stream()
        .filter(rule -> !config.disabledRules().contains(rule.descriptor().id()))
        .toList();
    RuleDispatcher dispatcher = new RuleDispatcher(enabled, config);
    Path base = request.baseDirectory();
    // Read ahead while the tree is walked: the file index, and the jars' content for the key.
    request.cache().ifPresent(c -> c.preloadIndex(BulwarkVersion.get(), config.canonical(),
        request.maxFileBytes()));
    java.util.concurrent.CompletableFuture<Void> codeHashed =
        java.util.concurrent.CompletableFuture.runAsync(() -> ScanKey.prepare(enabled));
    List<SourceFile> files =
        new SourceDiscovery(request.includes(), withConfigured(request.excludes(), config),
            request.includeGenerated(),
            name -> !dispatcher.textRulesFor(name).isEmpty())
            .discover(request.roots(), base);
    java.util.function.Predicate<String> mayHaveSources =
        text -> io.github.bulwark.core.taint.TaintAnalysis.mayHaveSources(text, config);
    // With a cache, every file's state (content hash, whether it may read untrusted input) is
    // known before analysis, mostly without reading it; without one, a textual pre-pass stops at
    // the first file that may read untrusted input.
    SourceStates states = request.cache().map(c -> c.sourceStates(files, BulwarkVersion.get(),
        config.canonical(), request.maxFileBytes(), mayHaveSources)).orElse(null);
    boolean projectHasSources = request.assumeUntrustedInput()
        || (states != null ? states.anySources() : anyTaintSource(files, mayHaveSources));
    dispatcher.projectHasSources(projectHasSources);
    FileAnalyzer analyzer = new FileAnalyzer(dispatcher, new SourceReader(request.encoding()),
        request.maxFileBytes());

    codeHashed.join();
    ScanKey key = ScanKey.of(BulwarkVersion.get(), enabled, Map.of(
        "encoding", request.encoding().name(),
        "maxFileBytes", Long.toString(request.maxFileBytes()),
        "config", config.canonical(),
        // Cross-file questions are asked only in a project that reads untrusted input.
        "projectHasSources", Boolean.toString(projectHasSources)));
    ResultCache.Session cache = states == null ? null : request.cache().get().open(key, states);
    ModuleResults modules = states == null ? null
        : new ModuleResults(request.moduleCaches(), key);
    Optional<Snapshot> unchanged = cache == null ? Optional.empty() : cache.snapshot();
    if (unchanged.isPresent()) {
      cache.finish(unchanged.get());
      return result(request, dispatcher, files.size(), unchanged.get(), started);
    }

    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<io.github.bulwark.core.project.MethodSummary> methods = new ArrayList<>();
    List<DeferredFinding> deferred = new ArrayList<>();
    java.util.Map<String, String> properties = new java.util.HashMap<>();
    List<io.github.bulwark.core.project.TaintedCall> taintedCalls = new ArrayList<>();
    int analysed = 0;
    long lines = 0;
    boolean complete = true;
    int threads = Math.max(1, Math.min(request.threads(), files.size()));
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), new WorkerThreads());
    try {
      ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(Engine::newParser);
      // When each file's analysis started (0: still queued), for the per-file time limit.
      AtomicLongArray startedAt = new AtomicLongArray(files.size());
      IntFunction<Future<FileAnalyzer.FileOutcome>> submit = i -> {
        SourceFile file = files.get(i);
        FileState state = states == null ? null : states.files().get(i);
        boolean changed = states != null && states.changed().containsKey(file.relativePath());
        return pool.submit(() -> {
          startedAt.set(i, System.nanoTime());
          return analyse(analyzer, file, state, parsers::get, cache, modules, changed);
        });
      };
      BiFunction<Integer, Future<FileAnalyzer.FileOutcome>, FileAnalyzer.FileOutcome> outcomeOf =
          (i, future) -> await(future, files.get(i), startedAt, i, request.maxFileMillis(), pool);
      // Files known to be edited are analysed first: when their edits changed no cross-file
      // fact, the last result is updated for them and nothing else is read.
      Map<String, FileAnalyzer.FileOutcome> edited = new java.util.HashMap<>();
      Optional<Snapshot> updated = cache == null ? Optional.empty()
          : updateForEdits(cache, states, files, submit, outcomeOf, edited);
      if (updated.isPresent()) {
        cache.finishUpdated(updated.get());
        return result(request, dispatcher, files.size(), updated.get(), started);
      }
      if (cache != null) {
        cache.prefetch();
      }
      List<Future<FileAnalyzer.FileOutcome>> outcomes = new ArrayList<>(files.size());
      for (int i = 0; i < files.size(); i++) {
        FileAnalyzer.FileOutcome done = edited.get(files.get(i).relativePath());
        outcomes.add(done != null ? java.util.concurrent.CompletableFuture.completedFuture(done)
            : submit.apply(i));
      }
      for (int i = 0; i < files.size(); i++) {
        FileAnalyzer.FileOutcome outcome = outcomeOf.apply(i, outcomes.get(i));
        findings.addAll(outcome.findings());
        diagnostics.addAll(outcome.diagnostics());
        methods.addAll(outcome.methods());
        deferred.addAll(outcome.deferred());
        outcome.properties().forEach(properties::putIfAbsent);
        taintedCalls.addAll(outcome.taintedCalls());
        lines += outcome.lines();
        if (outcome.analysed()) {
          analysed++;
        }
        complete &= outcome.repeatable();
      }
    } finally {
      pool.shutdownNow();
    }
    int engineErrors = diagnostics.size();
    List<Optional<String>> decided = resolve(deferred, dispatcher, methods, properties,
        taintedCalls, diagnostics);
    Map<String, List<Optional<String>>> decisions = new java.util.HashMap<>();
    for (int i = 0; i < deferred.size(); i++) {
      Finding template = deferred.get(i).template();
      decided.get(i).ifPresent(message -> findings.add(template.withMessage(message)));
      decisions.computeIfAbsent(template.file(), file -> new ArrayList<>()).add(decided.get(i));
    }
    complete &= diagnostics.size() == engineErrors;
    findings.sort(Finding.ORDER);
    diagnostics.sort(Diagnostic.ORDER);
    Snapshot whole = new Snapshot(findings, diagnostics, analysed, lines, decisions);
    if (cache != null) {
      // A scan with a file over the time limit or a failed question is not kept whole: the next
      // scan tries those again.
      cache.finish(complete ? whole : null);
    }
    return result(request, dispatcher, files.size(), whole, started);
  }

  /**
   * When the last scan's snapshot is of this project just before the files the file index saw
   * change, analyses those files (into {@code edited}) and, if their edits changed no cross-file
   * fact, returns the snapshot updated for them ({@link SnapshotUpdate}). Empty otherwise: the
   * scan assembles its result in full, reusing what {@code edited} holds.
   */
  private static Optional<Snapshot> updateForEdits(ResultCache.Session cache,
      SourceStates states, List<SourceFile> files,
      IntFunction<Future<FileAnalyzer.FileOutcome>> submit,
      BiFunction<Integer, Future<FileAnalyzer.FileOutcome>, FileAnalyzer.FileOutcome> outcomeOf,
      Map<String, FileAnalyzer.FileOutcome> edited) {
    Optional<Snapshot> before = cache.snapshotBeforeEdits();
    if (before.isEmpty() || states.changed().size() > SnapshotUpdate.MAX_EDITED_FILES) {
      return Optional.empty();
    }
    Map<Integer, Future<FileAnalyzer.FileOutcome>> running = new java.util.LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      if (states.changed().containsKey(files.get(i).relativePath())) {
        running.put(i, submit.apply(i));
      }
    }
    running.forEach((i, future) ->
        edited.put(files.get(i).relativePath(), outcomeOf.apply(i, future)));
    return SnapshotUpdate.apply(before.get(), edited, cache::previousResults);
  }

  private static ScanResult result(ScanRequest request, RuleDispatcher dispatcher,
      int discovered, Snapshot whole, long started) {
    return new ScanResult(request.baseDirectory(), dispatcher.descriptors(), whole.findings(),
        whole.diagnostics(), discovered, whole.analysed(), whole.lines(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * A cheap look at the sources' raw text before analysis: when no file of the project reads
   * untrusted data at all, no sink can be reached across files and the per-sink parameter
   * analysis is skipped (a library such as the JDK pays nothing for it).
   */
  private static boolean anyTaintSource(List<SourceFile> files,
      java.util.function.Predicate<String> mayHaveSources) {
    for (SourceFile file : files) {
      if (!file.relativePath().endsWith(".java")
          // Never open a FIFO or a device named *.java: it would hang the scan.
          || !java.nio.file.Files.isRegularFile(file.path())) {
        continue;
      }
      try {
        if (java.nio.file.Files.size(file.path()) > ScanRequest.DEFAULT_MAX_FILE_BYTES * 4) {
          continue; // reported by the analysis as over the size limit
        }
        if (FileState.mayReadInput(file.relativePath(),
            java.nio.file.Files.readAllBytes(file.path()), mayHaveSources)) {
          return true;
        }
      } catch (java.io.IOException | RuntimeException e) {
        return true; // unreadable here: let the analysis report it, and assume the worst
      }
    }
    return false;
  }

  private static List<String> withConfigured(List<String> excludes,
      io.github.bulwark.core.config.BulwarkConfig config) {
    List<String> all = new ArrayList<>(excludes);
    all.addAll(config.excludes());
    return all;
  }

  /**
   * Asks each deferred finding's question of the rule that asked it, now that every file's
   * facts are known (fresh or from the cache): per deferred finding, in order, the message it is
   * reported with, or empty when the project clears it (or the rule failed: a diagnostic).
   */
  private static List<Optional<String>> resolve(List<DeferredFinding> deferred,
      RuleDispatcher dispatcher, List<io.github.bulwark.core.project.MethodSummary> methods,
      java.util.Map<String, String> properties,
      List<io.github.bulwark.core.project.TaintedCall> taintedCalls,
      List<Diagnostic> diagnostics) {
    if (deferred.isEmpty()) {
      return List.of();
    }
    io.github.bulwark.core.project.ProjectIndex index =
        new io.github.bulwark.core.project.ProjectIndex(methods, properties, taintedCalls);
    List<Optional<String>> decided = new ArrayList<>(deferred.size());
    for (DeferredFinding pending : deferred) {
      Finding template = pending.template();
      try {
        decided.add(dispatcher.projectRule(template.ruleId())
            .orElseThrow(() -> new IllegalStateException("the rule does not implement "
                + "ProjectRule, so it cannot answer its deferred findings"))
            .decide(pending.question(), index));
      } catch (RuntimeException e) {
        decided.add(Optional.empty());
        diagnostics.add(new Diagnostic(Diagnostic.Kind.ENGINE_ERROR, template.file(),
            template.line(), template.column(), "rule " + template.ruleId()
                + " failed while consulting the project index: " + e));
      }
    }
    return decided;
  }

  /**
   * Analyses one file, or takes its results from the cache when its content is unchanged.
   * Everything a file's analysis produces is stored, deferred findings with their questions;
   * only a file that could not be read is analysed again next time.
   */
  private static FileAnalyzer.FileOutcome analyse(FileAnalyzer analyzer, SourceFile file,
      FileState state, Supplier<JavaParser> parser, ResultCache.Session cache,
      ModuleResults modules, boolean changed) {
    if (cache == null || state == null || !state.hashed()) {
      return analyzer.analyse(file, parser.get());
    }
    // A file whose content the last scan saw otherwise cannot hit: analysed at once, while the
    // cache of the others is still being read.
    Optional<CachedFile> hit = Optional.empty();
    if (changed) {
      cache.miss();
    } else {
      hit = cache.lookup(file.relativePath(), state.sha256());
    }
    if (hit.isEmpty()) {
      hit = modules.find(file, state.sha256());
      hit.ifPresent(adopted -> cache.adopt(file.relativePath(), state.sha256(), adopted));
    }
    if (hit.isPresent()) {
      CachedFile cached = hit.get();
      return new FileAnalyzer.FileOutcome(cached.findings(), cached.diagnostics(),
          cached.analysed(), cached.lines(), cached.methods(), cached.deferred(),
          cached.properties(), cached.taintedCalls());
    }
    FileAnalyzer.FileOutcome outcome = analyzer.analyse(file, parser.get());
    if (outcome.repeatable()) {
      cache.store(file.relativePath(), state.sha256(), new CachedFile(outcome.findings(),
          outcome.diagnostics(), outcome.analysed(), outcome.lines(), outcome.methods(),
          outcome.properties(), outcome.taintedCalls(), outcome.deferred()));
    }
    return outcome;
  }

  private static FileAnalyzer.FileOutcome await(Future<FileAnalyzer.FileOutcome> future,
      SourceFile file, AtomicLongArray startedAt, int index, long maxFileMillis,
      ThreadPoolExecutor pool) {
    long limit = TimeUnit.MILLISECONDS.toNanos(maxFileMillis);
    try {
      while (true) {
        long started = startedAt.get(index);
        long wait = started == 0 ? QUEUED_POLL_NANOS : started + limit - System.nanoTime();
        if (started != 0 && wait <= 0 && future.cancel(true)) {
          // The worker is interrupted, but a runaway parse or rule may never look: give the
          // pool another thread so the files queued behind this one are not held up by it.
          pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
          pool.setCorePoolSize(pool.getMaximumPoolSize());
          return FileAnalyzer.FileOutcome.failed(new Diagnostic(
              Diagnostic.Kind.LIMIT_EXCEEDED, file.relativePath(), 0, 0,
              "analysis took longer than the limit of " + maxFileMillis
                  + " ms; not analysed (raise maxFileMillis to include it)"));
        }
        try {
          return future.get(Math.max(wait, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // Look again: either the file has started meanwhile, or its time is up.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan interrupted at " + file.relativePath(), e);
    } catch (ExecutionException e) {
      // An Error the analyser could not contain (for example OutOfMemoryError): name the file
      // and keep going, so one monster file does not cost the whole report.
      return FileAnalyzer.FileOutcome.failed(new Diagnostic(
          Diagnostic.Kind.ENGINE_ERROR, file.relativePath(), 0, 0,
          "analysis failed: " + e.getCause()));
    }
  }

  /** A parser configured the same way for every file: newest language level, comments kept. */
  public static JavaParser newParser() {
    ParserConfiguration configuration = new ParserConfiguration()
        .setLanguageLevel(languageLevel())
        .setAttributeComments(true)
        // Tokens must stay on: JavaParser derives node ranges from them.
        .setLexicalPreservationEnabled(false);
    return new JavaParser(configuration);
  }

  private static final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(null, task, "bulwark-worker-" + count.incrementAndGet(),
          WORKER_STACK_BYTES);
      thread.setDaemon(true);
      return thread;
    }
  }
}
