package io.github.bulwark.rules.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.cache.CacheStats;
import io.github.bulwark.core.cache.ResultCache;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule through the cache on the sample project: the deferred findings of the real rules
 * (rate limits, second factors, security logging, configured algorithms, cross-file taint) come
 * back from per-file results and from the whole-scan snapshot exactly as a scan without a cache
 * reports them, and are decided again when another file changes.
 */
class CachedProjectTest {

  private static final Path SAMPLE = Path.of("../sample-project/src").toAbsolutePath();

  @TempDir Path dir;
  @TempDir Path cacheDir;
  private final List<String> warnings = new ArrayList<>();
  private final Engine engine = Engine.withAllRules();

  @BeforeEach
  void copySample() throws IOException {
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = dir.resolve("src").resolve(SAMPLE.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
  }

  private ScanResult scan(ResultCache cache) {
    ScanRequest.Builder request = ScanRequest.builder().root(dir).baseDirectory(dir).threads(2);
    return engine.scan((cache == null ? request : request.cache(cache)).build());
  }

  private ResultCache cache() {
    return ResultCache.in(cacheDir, warnings::add);
  }

  @Test
  void deferredFindingsOfEveryRuleSurviveTheCache() throws IOException {
    ScanResult uncached = scan(null);
    assertTrue(uncached.findings().stream().map(Finding::ruleId).distinct().count() >= 40,
        "the sample triggers (nearly) every rule, the project-wide ones included");
    ScanResult cold = scan(cache());

    ResultCache perFile = cache();
    deleteSnapshots();
    ScanResult assembled = scan(perFile);
    CacheStats stats = perFile.lastScan().orElseThrow();
    assertEquals(0, stats.analysed(), stats::describe);
    assertFalse(stats.whole());

    ResultCache whole = cache();
    ScanResult reported = scan(whole);
    assertTrue(whole.lastScan().orElseThrow().whole());
    for (ScanResult result : List.of(cold, assembled, reported)) {
      assertEquals(uncached.findings(), result.findings());
      assertEquals(uncached.suppressed(), result.suppressed());
      assertEquals(uncached.diagnostics(), result.diagnostics());
    }
    assertEquals(List.of(), warnings);
  }

  @Test
  void aLimiterAddedInAnotherFileClearsACachedDeferredFinding() throws IOException {
    Path login = findFile("LoginHandler.java");
    assertEquals(1, rateLimitFindings(scan(cache()), login),
        "the sample's login handler has no rate limit");
    // The repository the handler calls starts counting failed attempts: the handler's file is
    // not analysed again, but its deferred finding is decided again, and cleared.
    Path repository = findFile("UserRepository.java");
    Files.writeString(repository, Files.readString(repository).replace(
        "    return Optional.ofNullable(idByEmail.get(email)).map(byId::get);",
        "    if (!limiter.tryAcquire(email)) {\n      return Optional.empty();\n    }\n"
            + "    return Optional.ofNullable(idByEmail.get(email)).map(byId::get);"));
    ResultCache cache = cache();
    ScanResult after = scan(cache);
    assertEquals(1, cache.lastScan().orElseThrow().analysed(), "only the repository");
    assertEquals(0, rateLimitFindings(after, login));
    assertEquals(0, rateLimitFindings(scan(null), login), "as a scan without a cache says");
  }

  private long rateLimitFindings(ScanResult result, Path file) {
    String relative = dir.relativize(file).toString().replace('\\', '/');
    return result.findings().stream()
        .filter(f -> f.ruleId().equals("MissingRateLimit") && f.file().equals(relative))
        .count();
  }

  private Path findFile(String name) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError(name + " not in the sample"));
    }
  }

  private void deleteSnapshots() throws IOException {
    try (Stream<Path> files = Files.list(cacheDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("scan-"))
          .toList()) {
        Files.delete(file);
      }
    }
  }
}
