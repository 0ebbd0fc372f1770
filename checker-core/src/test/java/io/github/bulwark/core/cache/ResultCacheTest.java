package io.github.bulwark.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.engine.BulwarkVersion;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.project.ProjectIndex;
import io.github.bulwark.core.project.ProjectQuestion;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.ProjectRule;
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
  void warmScanGivesTheColdScansResultsWithoutAnalysingAgain() throws IOException {
    writeProject(30);
    ageAllFiles(dir);
    ScanResult uncached = new Engine(rules()).scan(tree().request().build());
    ResultCache cache = cache();
    ScanResult cold = scan(cache);
    assertEquals(new CacheStats(0, 32, 32, "", 32, false, false), cache.lastScan().orElseThrow(),
        "every file read, analysed and stored, the one with a deferred finding too");

    ResultCache again = cache();
    ScanResult warm = scan(again);
    assertEquals(new CacheStats(32, 0, 0, "", 0, true, false), again.lastScan().orElseThrow(),
        "nothing changed: no file read, the last result reported whole");

    Files.delete(cacheFile("scan-"));
    ResultCache perFile = cache();
    ScanResult assembled = scan(perFile);
    assertEquals(new CacheStats(32, 0, 0, "", 0, false, false), perFile.lastScan().orElseThrow(),
        "without the snapshot the result is assembled from per-file results");
    for (ScanResult result : List.of(cold, warm, assembled)) {
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
    ageAllFiles(dir);
    scan(cache());
    Path edited = dir.resolve("src/p/C3.java");
    Files.writeString(edited, Files.readString(edited).replace("risky();", "risky(); risky();"));
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    // Only the edited file is read and analysed; the rest, the deferred one too, are reused,
    // and as a second risky() call changes no cross-file fact, the last result is updated.
    assertEquals(new CacheStats(11, 1, 1, "", 1, false, true), cache.lastScan().orElseThrow());
    assertEquals(new Engine(rules()).scan(tree().request().build()).findings(),
        result.findings());
    assertEquals(2, result.findings().stream()
        .filter(f -> f.file().equals("src/p/C3.java") && f.ruleId().equals("RiskyCall")).count());
  }

  @Test
  void deferredFindingsAreCachedAndDecidedAgainWhenAnotherFileChanges() throws IOException {
    writeProject(3);
    ageAllFiles(dir);
    ScanResult cold = scan(cache());
    assertEquals(List.of("later() in a project of 4 methods"), laterMessages(cold));
    tree().write("src/p/More.java", "package p; class More { void a() {} void b() {} }\n");
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    assertEquals(new CacheStats(5, 1, 1, "", 1, false, false), cache.lastScan().orElseThrow(),
        "Later.java is not analysed again; only the new file is");
    assertEquals(List.of("later() in a project of 6 methods"), laterMessages(result),
        "its question is asked of the new project index");
  }

  private static List<String> laterMessages(ScanResult result) {
    return result.findings().stream().filter(f -> f.ruleId().equals("LaterCall"))
        .map(io.github.bulwark.core.model.Finding::message).toList();
  }

  @Test
  void unchangedFilesAreRecognisedBySizeAndTimeWithoutReadingThem() throws IOException {
    writeProject(4);
    ageAllFiles(dir);
    scan(cache());
    ResultCache warm = cache();
    scan(warm);
    assertEquals(new CacheStats(6, 0, 0, "", 0, true, false), warm.lastScan().orElseThrow());

    Path edited = dir.resolve("src/p/C2.java");
    Files.writeString(edited, Files.readString(edited) + "// more\n");
    ResultCache changed = cache();
    scan(changed);
    assertEquals(new CacheStats(5, 1, 1, "", 1, false, true), changed.lastScan().orElseThrow(),
        "a new size is read and hashed; the others are still trusted");
  }

  @Test
  void anEditThatMovesADeferredFindingKeepsItsAnswerAtItsNewPlace() throws IOException {
    writeProject(3);
    ageAllFiles(dir);
    scan(cache());
    Path edited = dir.resolve("src/p/Later.java");
    Files.writeString(edited, Files.readString(edited)
        .replace("class Later {", "class Later {\n  // moved down\n\n  int count;\n"));
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    assertTrue(cache.lastScan().orElseThrow().updated(), "a field and a comment: no fact");
    ScanResult uncached = new Engine(rules()).scan(tree().request().build());
    assertEquals(uncached.findings(), result.findings());
    assertEquals(uncached.linesAnalysed(), result.linesAnalysed());
    assertEquals(List.of("later() in a project of 4 methods"), laterMessages(result));
    assertEquals(7, result.findings().stream().filter(f -> f.ruleId().equals("LaterCall"))
        .findFirst().orElseThrow().line(), "reported where the call is now");

    ResultCache again = cache();
    assertEquals(uncached.findings(), scan(again).findings());
    assertTrue(again.lastScan().orElseThrow().whole(), "the updated result was kept whole");
  }

  @Test
  void anEditThatChangesACrossFileFactIsAssembledInFull() throws IOException {
    writeProject(3);
    ageAllFiles(dir);
    scan(cache());
    // A new method changes the project index, so Later's question has another answer.
    Path edited = dir.resolve("src/p/C1.java");
    Files.writeString(edited, Files.readString(edited)
        .replace("void m(String in) {", "void extra() { risky(); }\n  void m(String in) {"));
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    assertEquals(new CacheStats(4, 1, 1, "", 1, false, false), cache.lastScan().orElseThrow());
    assertEquals(List.of("later() in a project of 5 methods"), laterMessages(result));
    assertEquals(new Engine(rules()).scan(tree().request().build()).findings(),
        result.findings());
  }

  @Test
  void aSnapshotOfAnotherStateThanTheFileIndexIsNotUpdated() throws IOException {
    writeProject(3);
    ageAllFiles(dir);
    scan(cache());
    RuleRegistry fewer = RuleRegistry.of(List.of(new TestRules.RiskyCall(), new LaterCall()));
    Path edited = dir.resolve("src/p/C0.java");
    // Two edits, each seen only by a scan with other rules: the file index moves on, the
    // snapshot of the first rule set still describes the first content.
    Files.writeString(edited, Files.readString(edited) + "// one\n");
    scan(fewer, cache());
    Files.writeString(edited, Files.readString(edited) + "// two\n");
    scan(fewer, cache());
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    assertFalse(cache.lastScan().orElseThrow().updated(), "the edit is not the index's last");
    assertEquals(new Engine(rules()).scan(tree().request().build()).findings(),
        result.findings());
  }

  @Test
  void anEditedFileWhoseResultsAreDamagedIsAssembledInFull() throws IOException {
    writeProject(3);
    ageAllFiles(dir);
    scan(cache());
    for (Path file : cacheFiles("results-")) {
      Files.writeString(file, "{\"format\": broken");
    }
    Path edited = dir.resolve("src/p/C2.java");
    Files.writeString(edited, Files.readString(edited) + "// edited\n");
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    assertFalse(cache.lastScan().orElseThrow().updated());
    assertEquals(new Engine(rules()).scan(tree().request().build()).findings(),
        result.findings());
    assertEquals(1, warnings.size(), "the damage is said once, by the full assembly");
  }

  @Test
  void anEditWithinTheTimeResolutionOfTheLastScanIsNotMissed() throws IOException {
    writeProject(2);
    Path edited = dir.resolve("src/p/C0.java");
    java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(edited);
    scan(cache());
    // Same size, same modification time, other content: an edit that lands in the same tick
    // of the file system's clock as the scan that saw the old content.
    String text = Files.readString(edited);
    Files.writeString(edited, text.replace("danger(\"y\")", "danger(\"z\")"));
    Files.setLastModifiedTime(edited, written);
    ResultCache cache = cache();
    ScanResult result = scan(cache);
    assertTrue(result.findings().stream().anyMatch(f -> f.message().contains("'z'")),
        "the file was hashed again, its new content analysed");
    assertFalse(cache.lastScan().orElseThrow().whole());
  }

  @Test
  void aCacheCopiedToAnotherCheckoutIsUsedWhole() throws IOException {
    // A CI cache restored into a fresh clone: other absolute path, every file a new time.
    writeProject(5);
    ScanResult first = scan(cache());
    Path clone = cacheDir.resolve("clone");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = clone.resolve(dir.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.write(copy, Files.readAllBytes(file));
      }
    }
    Path restored = cacheDir.resolve("restored");
    try (Stream<Path> files = Files.list(cacheDir)) {
      Files.createDirectories(restored);
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        Files.copy(file, restored.resolve(file.getFileName()));
      }
    }
    ResultCache cache = ResultCache.in(restored, warnings::add);
    ScanResult second = new Engine(rules()).scan(new SourceTree(clone).request().threads(2)
        .cache(cache).build());
    assertEquals(new CacheStats(7, 0, 0, "", 7, true, false), cache.lastScan().orElseThrow(),
        "every file hashed (new times), none analysed");
    assertEquals(first.findings(), second.findings());
    assertEquals(List.of(), warnings);
  }

  @Test
  void aFirstSourceOfUntrustedInputInvalidatesEveryFilesResults() {
    // Files analysed while the project read no untrusted input asked no cross-file taint
    // question: once one file does, all are analysed again.
    writeProject(3);
    scan(cache());
    tree().write("src/p/Web.java",
        "package p; class Web { String id(javax.servlet.http.HttpServletRequest r) {"
            + " return r.getParameter(\"id\"); } }\n");
    ResultCache cache = cache();
    scan(cache);
    assertEquals(0, cache.lastScan().orElseThrow().reused());
    ResultCache again = cache();
    scan(again);
    assertTrue(again.lastScan().orElseThrow().whole());
  }

  @Test
  void damagedSnapshotOrFileIndexIsAWarningAndTheResultsStayTheSame() throws IOException {
    writeProject(3);
    ScanResult cold = scan(cache());
    for (String prefix : List.of("scan-", "files-")) {
      Path file = cacheFile(prefix);
      String json = Files.readString(file);
      Files.writeString(file, json.substring(0, json.length() / 2));
      warnings.clear();
      ResultCache cache = cache();
      ScanResult result = scan(cache);
      assertEquals(cold.findings(), result.findings(), prefix);
      assertEquals(cold.suppressed(), result.suppressed(), prefix);
      assertEquals(cold.diagnostics(), result.diagnostics(), prefix);
      assertEquals(1, warnings.size(), () -> prefix + ": " + warnings);
      assertEquals(5, cache.lastScan().orElseThrow().reused(), prefix);
    }
  }

  @Test
  void anAggregateScanMergesTheModulesCachedResultsWithoutParsing() throws IOException {
    // A reactor of two modules, each scanned on its own (in parallel, or on other machines),
    // then once at the root: the root takes each file's results from its module's cache.
    tree().write("a/src/p/A.java", """
        package p;
        class A {
          void m() { danger("a"); later(); }
          void n() {}
        }
        """);
    tree().write("b/src/q/B.java", """
        package q;
        class B {
          void m() { risky(); }
        }
        """);
    ageAllFiles(dir);
    for (String module : List.of("a", "b")) {
      new Engine(rules()).scan(ScanRequest.builder().root(dir.resolve(module + "/src"))
          .baseDirectory(dir.resolve(module)).assumeUntrustedInput(true)
          .cache(moduleCache(module)).build());
    }
    ResultCache root = cache();
    ScanResult merged = new Engine(rules()).scan(aggregate().cache(root).build());
    assertEquals(new CacheStats(2, 0, 0, "", 2, false, false), root.lastScan().orElseThrow(),
        "both files from the modules' caches, none parsed");
    ScanResult uncached = new Engine(rules()).scan(aggregate().build());
    assertEquals(uncached.findings(), merged.findings());
    assertEquals(uncached.diagnostics(), merged.diagnostics());
    assertEquals(List.of("later() in a project of 3 methods"), laterMessages(merged),
        "the deferred finding of module a is decided against both modules' methods");
    assertTrue(merged.findings().stream().anyMatch(f -> f.file().equals("b/src/q/B.java")),
        "file names are the aggregate's");

    // Without a module's cache the aggregate parses its files, and says why.
    ResultCache withoutModules = cache();
    new Engine(rules()).scan(ScanRequest.builder().root(dir.resolve("a/src"))
        .baseDirectory(dir).assumeUntrustedInput(true)
        .moduleCache(dir.resolve("a"), ResultCache.in(dir.resolve("a/nowhere"), warnings::add))
        .cache(ResultCache.in(cacheDir.resolve("other"), warnings::add)).build());
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("no cached results in"), warnings.get(0));
    warnings.clear();

    // A module whose cache is stale (edited since its scan): that file alone is parsed.
    Files.writeString(dir.resolve("b/src/q/B.java"), "package q; class B { void m() {} }\n");
    ResultCache again = cache();
    new Engine(rules()).scan(aggregate().cache(again).build());
    assertEquals(1, again.lastScan().orElseThrow().analysed());
    assertEquals(List.of(), warnings);
  }

  private ScanRequest.Builder aggregate() {
    return ScanRequest.builder().root(dir.resolve("a/src")).root(dir.resolve("b/src"))
        .baseDirectory(dir).assumeUntrustedInput(true)
        .moduleCache(dir.resolve("a"), moduleCache("a"))
        .moduleCache(dir.resolve("b"), moduleCache("b"));
  }

  private ResultCache moduleCache(String module) {
    return ResultCache.in(dir.resolve(module + "/target/bulwark/cache"), warnings::add);
  }

  /** Sets every file's modification time to an hour ago: older than any racy window. */
  private static void ageAllFiles(Path root) throws IOException {
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - 3_600_000L);
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, old);
      }
    }
  }

  @Test
  void deletedFilesLeaveTheCacheAndItsResults() throws IOException {
    writeProject(5);
    ageAllFiles(dir);
    scan(cache());
    Files.delete(dir.resolve("src/p/C1.java"));
    ScanResult result = scan(cache());
    assertTrue(result.findings().stream().noneMatch(f -> f.file().equals("src/p/C1.java")));
    ResultCache cache = cache();
    scan(cache);
    assertEquals(new CacheStats(6, 0, 0, "", 0, true, false), cache.lastScan().orElseThrow());
  }

  @Test
  void corruptCacheIsDiscardedWithOneWarningAndRebuilt() throws IOException {
    writeProject(5);
    ScanResult cold = scan(cache());
    List<java.util.function.UnaryOperator<String>> damages = List.of(
        json -> json.substring(0, json.length() / 2),                       // truncated
        json -> json.replaceFirst("\"lines\":\\d+", "\"lines\":-4"),          // refused
        json -> json.replaceFirst("\"analysed\"", "\"analysed\":true,\"extra\""),
        json -> json.replaceFirst("\"severity\":\"\\w+\"", "\"severity\":\"SEVERE\""),
        json -> json.replace("\"range\":[", "\"range\":[0,"),                // not a range
        // a method summary naming a string outside the file's table
        json -> json.replaceFirst("\"methods\":\\[\\[\\d+", "\"methods\":[[99999"),
        json -> json + "{}",                                                 // trailing content
        json -> "\u0000\u0001 not json");
    for (java.util.function.UnaryOperator<String> damage : damages) {
      // Every shard of per-file results damaged the same way.
      for (Path file : cacheFiles("results-")) {
        Files.writeString(file, damage.apply(Files.readString(file)), StandardCharsets.UTF_8);
      }
      // Without the snapshot of the whole result the per-file results are read.
      Files.deleteIfExists(cacheFile("scan-"));
      warnings.clear();
      ResultCache cache = cache();
      ScanResult result = scan(cache);
      assertEquals(cold.findings(), result.findings());
      assertEquals(1, warnings.size(), () -> "one warning: " + warnings);
      assertTrue(warnings.get(0).contains("result cache files in"), warnings.get(0));
      // The damaged shards' files are analysed again; intact shards (a damage that found
      // nothing to change in them) are still used.
      assertTrue(cache.lastScan().orElseThrow().analysed() > 0);
      assertFalse(cache.lastScan().orElseThrow().discarded().isEmpty());
      ResultCache rebuilt = cache();
      scan(rebuilt);
      assertEquals(7, rebuilt.lastScan().orElseThrow().reused(), "rebuilt after the damage");
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
    assertEquals(3, cache.lastScan().orElseThrow().reused(), "C1, Broken and Later; not C0");
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
    assertEquals(6, back.lastScan().orElseThrow().reused(), "each key keeps its own file");
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
    Files.delete(cacheFile("scan-"));
    for (Path file : cacheFiles("results-")) {
      Files.writeString(file, Files.readString(file).replaceFirst(
          "\"bulwarkVersion\":\"[^\"]*\"", "\"bulwarkVersion\":\"0.0.0-old\""));
    }
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

  /** The cache files whose names start with {@code prefix} (the shards of per-file results). */
  private List<Path> cacheFiles(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(cacheDir)) {
      List<Path> json = files.filter(f -> f.getFileName().toString().startsWith(prefix)
          && f.toString().endsWith(".json")).sorted().toList();
      assertFalse(json.isEmpty(), prefix);
      return json;
    }
  }

  /** The one cache file whose name starts with {@code prefix}. */
  private Path cacheFile(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(cacheDir)) {
      List<Path> json = files.filter(f -> f.getFileName().toString().startsWith(prefix)
          && f.toString().endsWith(".json")).toList();
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
  public static final class LaterCall implements NodeRule<MethodCallExpr>, ProjectRule {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (call.getNameAsString().equals("later")) {
        findings.reportDeferred(call, ProjectQuestion.about().with("what", "later()"));
      }
    }

    @Override
    public Optional<String> decide(ProjectQuestion question, ProjectIndex index) {
      return Optional.of(question.text("what") + " in a project of " + index.methods().size()
          + " methods");
    }
  }
}
