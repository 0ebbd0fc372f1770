package io.github.bulwark.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.engine.BulwarkVersion;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.taint.FlowStep;
import io.github.bulwark.core.taint.Taint;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result cache through the real engine: same results warm as cold, and never stale. */
class ResultCacheTest {

  @TempDir Path dir;
  @TempDir Path cacheDir;

  private final List<String> warnings = new ArrayList<>();

  private SourceTree tree() {
    return new SourceTree(dir);
  }

  private void writeProject(int files) {
    for (int i = 0; i < files; i++) {
      tree().write("src/p/C" + i + ".java", """
          package p;
          class C%d {
            void m(String in) {
              danger("x%d"); // bulwark:ignore DangerCall -- a fixed value
              risky();
              flow(in);
              danger("y");
            }
          }
          """.formatted(i, i));
    }
    tree().write("src/p/Broken.java", "class Broken { void m( }\n");
    tree().write("src/p/Later.java", """
        package p;
        class Later {
          void m() { later(); risky(); }
        }
        """);
  }

  private RuleRegistry rules() {
    return RuleRegistry.of(List.of(new TestRules.DangerCall(), new TestRules.RiskyCall(),
        new FlowCall(), new LaterCall()));
  }

  private ResultCache cache() {
    return ResultCache.in(cacheDir, warnings::add);
  }

  private ScanResult scan(RuleRegistry rules, ResultCache cache) {
    return new Engine(rules).scan(tree().request().threads(2).cache(cache).build());
  }

  private ScanResult scan(ResultCache cache) {
    return scan(rules(), cache);
  }

  @Test
  void warmScanGivesTheColdScansResultsWithoutAnalysingAgain() {
    writeProject(30);
    ScanResult uncached = new Engine(rules()).scan(tree().request().build());
    ResultCache cache = cache();
    ScanResult cold = scan(cache);
    assertEquals(new CacheStats(0, 32, 31, ""), cache.lastScan().orElseThrow(),
        "every file analysed; all but the one with a deferred finding stored");

    ResultCache again = cache();
    ScanResult warm = scan(again);
    assertEquals(new CacheStats(31, 1, 0, ""), again.lastScan().orElseThrow());
    for (ScanResult result : List.of(cold, warm)) {
      assertEquals(uncached.findings(), result.findings()); // order, fingerprints, flows
      assertEquals(uncached.suppressed(), result.suppressed());
      assertEquals(uncached.diagnostics(), result.diagnostics());
      assertEquals(uncached.filesAnalysed(), result.filesAnalysed());
      assertEquals(uncached.linesAnalysed(), result.linesAnalysed());
    }
    assertTrue(warm.findings().stream().anyMatch(f -> !f.flow().isEmpty()), "flows survive");
    assertEquals(30, warm.suppressed().size(), "suppressions survive");
    assertEquals(1, warm.parseErrors(), "a parse error is cached too");
    assertTrue(warm.findings().stream().anyMatch(f -> f.ruleId().equals("LaterCall")),
        "the deferred finding is decided again");
    assertEquals(List.of(), warnings);
  }

  @Test
  void editingOneFileReanalysesOnlyIt() throws IOException {
    writeProject(10);
    scan(cache());
    Path edited = dir.resolve("src/p/C3.java");
    Files.writeString(edited, Files.readString(edited).replace("risky();", "risky(); risky();"));
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    // The edited file and the deferred one (it is never stored) are analysed; the rest reused.
    assertEquals(new CacheStats(10, 2, 1, ""), cache.lastScan().orElseThrow());
    assertEquals(new Engine(rules()).scan(tree().request().build()).findings(),
        result.findings());
    assertEquals(2, result.findings().stream()
        .filter(f -> f.file().equals("src/p/C3.java") && f.ruleId().equals("RiskyCall")).count());
  }

  @Test
  void deletedFilesLeaveTheCacheAndItsResults() throws IOException {
    writeProject(5);
    scan(cache());
    Files.delete(dir.resolve("src/p/C1.java"));
    ScanResult result = scan(cache());
    assertTrue(result.findings().stream().noneMatch(f -> f.file().equals("src/p/C1.java")));
    ResultCache cache = cache();
    scan(cache);
    assertEquals(new CacheStats(5, 1, 0, ""), cache.lastScan().orElseThrow());
  }

  @Test
  void corruptCacheIsDiscardedWithOneWarningAndRebuilt() throws IOException {
    writeProject(5);
    ScanResult cold = scan(cache());
    Path file = onlyCacheFile();
    String json = Files.readString(file);
    for (String damage : List.of(
        json.substring(0, json.length() / 2),                       // truncated
        json.replaceFirst("\"lines\":\\d+", "\"lines\":-4"),          // refused by the model
        json.replaceFirst("\"severity\":\"\\w+\"", "\"severity\":\"SEVERE\""),
        json.replaceFirst("\"analysed\"", "\"analysed\":true,\"extra\""),
        json.replace("\"range\":[", "\"range\":[0,"),                // not a range
        json + "{}",                                                   // trailing content
        "\u0000\u0001 not json")) {
      Files.writeString(file, damage, StandardCharsets.UTF_8);
      warnings.clear();
      ResultCache cache = cache();
      ScanResult result = scan(cache);
      assertEquals(cold.findings(), result.findings(), damage.length() + " chars");
      assertEquals(1, warnings.size(), () -> "one warning: " + warnings);
      assertTrue(warnings.get(0).contains("discarding result cache"), warnings.get(0));
      assertEquals(0, cache.lastScan().orElseThrow().reused());
      assertFalse(cache.lastScan().orElseThrow().discarded().isEmpty());
      ResultCache rebuilt = cache();
      scan(rebuilt);
      assertEquals(6, rebuilt.lastScan().orElseThrow().reused(), "rebuilt after the damage");
    }
  }

  @Test
  void forgedContentHashIsNotEnoughToServeOtherContent() throws IOException {
    writeProject(2);
    scan(cache());
    // Same path, other bytes: the stored hash no longer matches, so the file is analysed again.
    tree().write("src/p/C0.java", "package p; class C0 { void m() { danger(\"z\"); } }\n");
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    assertEquals(2, cache.lastScan().orElseThrow().reused(), "C1 and Broken; not C0");
    assertTrue(result.findings().stream().anyMatch(f -> f.message().contains("'z'")));
  }

  @Test
  void anotherRuleSetOrConfigurationDoesNotReadTheCache() {
    writeProject(4);
    scan(cache());
    ResultCache fewerRules = cache();
    ScanResult result = scan(RuleRegistry.of(List.of(new TestRules.RiskyCall())), fewerRules);
    assertEquals(0, fewerRules.lastScan().orElseThrow().reused());
    assertTrue(result.findings().stream().allMatch(f -> f.ruleId().equals("RiskyCall")));

    ResultCache otherEncoding = cache();
    new Engine(rules()).scan(tree().request().encoding("ISO-8859-1").cache(otherEncoding).build());
    assertEquals(0, otherEncoding.lastScan().orElseThrow().reused());

    ResultCache back = cache();
    scan(back);
    assertEquals(5, back.lastScan().orElseThrow().reused(), "each key keeps its own file");
    assertEquals(List.of(), warnings, "a different key is no damage");
  }

  @Test
  void keyCoversVersionRulesAndConfiguration() {
    List<NodeRule<?>> rules = List.of(new TestRules.DangerCall(), new TestRules.RiskyCall());
    ScanKey key = ScanKey.of(BulwarkVersion.get(), rules, Map.of("encoding", "UTF-8"));
    assertEquals(key.digest(),
        ScanKey.of(BulwarkVersion.get(), List.of(rules.get(1), rules.get(0)),
            Map.of("encoding", "UTF-8")).digest(), "rule order does not matter");
    assertFalse(key.digest().equals(
        ScanKey.of("0.0.1-other", rules, Map.of("encoding", "UTF-8")).digest()));
    assertFalse(key.digest().equals(
        ScanKey.of(BulwarkVersion.get(), rules.subList(0, 1), Map.of("encoding", "UTF-8"))
            .digest()));
    assertFalse(key.digest().equals(
        ScanKey.of(BulwarkVersion.get(), rules, Map.of("encoding", "UTF-16")).digest()));
  }

  @Test
  void cacheWrittenByAnotherVersionIsDiscarded() throws IOException {
    writeProject(3);
    scan(cache());
    Path file = onlyCacheFile();
    Files.writeString(file, Files.readString(file).replaceFirst(
        "\"bulwarkVersion\":\"[^\"]*\"", "\"bulwarkVersion\":\"0.0.0-old\""));
    ResultCache cache = cache();
    scan(cache);
    assertEquals(0, cache.lastScan().orElseThrow().reused());
    assertEquals(1, warnings.size());
  }

  @Test
  void unwritableCacheDirectoryIsAWarningNotAFailure() throws IOException {
    writeProject(2);
    Path blocked = cacheDir.resolve("blocked");
    Files.writeString(blocked, "a file where the directory should be");
    ResultCache cache = ResultCache.in(blocked, warnings::add);
    ScanResult result = scan(cache);
    assertEquals(3, result.filesAnalysed());
    assertEquals(1, warnings.size(), warnings::toString);
  }

  @Test
  void defaultLocationIsUnderTargetWhenThereIsOneElseInTheUserCache() throws IOException {
    Path home = cacheDir.resolve("home");
    Path withoutTarget = CacheLocations.defaultFor(dir, home);
    assertTrue(withoutTarget.startsWith(home.resolve(".cache/bulwark")), withoutTarget::toString);
    assertEquals(withoutTarget, CacheLocations.defaultFor(dir, home), "stable per directory");
    Files.createDirectories(dir.resolve("target"));
    assertEquals(dir.resolve("target/bulwark/cache"), CacheLocations.defaultFor(dir, home));
  }

  private Path onlyCacheFile() throws IOException {
    try (Stream<Path> files = Files.list(cacheDir)) {
      List<Path> json = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertEquals(1, json.size(), json::toString);
      return json.get(0);
    }
  }

  /** Flags {@code flow(x)} with a two-step dataflow path. */
  @RuleInfo(id = "FlowCall", title = "flow()", family = Family.INPUT, severity = Severity.HIGH,
      cwe = {89}, owasp = OwaspCategory.A03_INJECTION, description = "d", fix = "f",
      helper = "io.github.bulwark.runtime.InputValidator")
  public static final class FlowCall implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (call.getNameAsString().equals("flow")) {
        int line = call.getBegin().orElseThrow().line;
        Taint taint = Taint.source(new FlowStep(line - 3, 10, line - 3, 18, "parameter in"))
            .through(new FlowStep(line, 5, line, 12, "passed to flow()"));
        findings.reportFlow(call, taint, "in reaches flow()");
      }
    }
  }

  /** Flags {@code later()} once the whole project is known: a deferred finding. */
  @RuleInfo(id = "LaterCall", title = "later()", family = Family.LOGGING,
      severity = Severity.MEDIUM, cwe = {778},
      owasp = OwaspCategory.A09_SECURITY_LOGGING_MONITORING_FAILURES, description = "d",
      fix = "f", helper = "io.github.bulwark.runtime.SecurityLog")
  public static final class LaterCall implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (call.getNameAsString().equals("later")) {
        findings.reportDeferred(call, index ->
            Optional.of("later() in a project of " + index.methods().size() + " methods"));
      }
    }
  }
}
