package io.github.bulwark.core.hostile;

import static io.github.bulwark.core.hostile.Hostile.assertAccountedFor;
import static io.github.bulwark.core.hostile.Hostile.diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built to break a parser or an analysis: deep nesting, a 100,000-term concatenation, files
 * over the size limit, a 10 MB line, and files whose analysis never ends. Each is analysed or
 * named by a diagnostic; none stops the scan or takes the files next to it down.
 */
class PathologicalFilesTest {

  @TempDir Path dir;

  private static final String PLAIN = "class Plain {\n  void m() { risky(); }\n}\n";

  private static RuleRegistry rules() {
    return RuleRegistry.of(List.of(new TestRules.DangerCall(), new TestRules.RiskyCall(),
        new HostileRules.TaintProbe()));
  }

  private ScanResult scan(SourceTree tree, ScanRequest.Builder request) {
    ScanResult result = new Engine(rules()).scan(request.build());
    assertAccountedFor(result);
    assertTrue(result.findings().stream().anyMatch(f -> f.file().equals("src/Plain.java")),
        "the well-formed neighbour is still analysed: " + result.findings());
    return result;
  }

  private static void assertAnalysedOrNamed(ScanResult result, String file) {
    boolean named = result.diagnostics().stream().anyMatch(d -> d.file().equals(file));
    boolean analysed = result.findings().stream().anyMatch(f -> f.file().equals(file));
    assertTrue(named || analysed, file + " is neither analysed nor named: "
        + Hostile.describe(result.diagnostics()));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void tenThousandNestedParenthesesAndBlocks() {
    SourceTree tree = new SourceTree(dir);
    int depth = 10_000;
    tree.write("src/Parens.java", "class Parens {\n  void m() { danger(" + "(".repeat(depth)
        + "\"x\"" + ")".repeat(depth) + "); }\n}\n");
    tree.write("src/Blocks.java", "class Blocks {\n  void m() " + "{".repeat(depth)
        + " danger(\"y\"); " + "}".repeat(depth) + "\n}\n");
    tree.write("src/Plain.java", PLAIN);
    ScanResult result = scan(tree, tree.request());
    assertAnalysedOrNamed(result, "src/Parens.java");
    assertAnalysedOrNamed(result, "src/Blocks.java");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void hundredThousandTermConcatenation() {
    SourceTree tree = new SourceTree(dir);
    StringBuilder terms = new StringBuilder("\"a\"");
    for (int i = 1; i < 100_000; i++) {
      terms.append(i % 20 == 0 ? "\n      + \"a\"" : " + \"a\"");
    }
    tree.write("src/Concat.java", "class Concat {\n  void m(String input) {\n    danger("
        + terms + ");\n    sink(input + " + terms + ");\n  }\n}\n");
    tree.write("src/Plain.java", PLAIN);
    ScanResult result = scan(tree, tree.request());
    assertAnalysedOrNamed(result, "src/Concat.java");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void fileOverTheDefaultSizeLimitIsNamedAndOneWithTheLimitRaisedIsAnalysed() throws IOException {
    SourceTree tree = new SourceTree(dir);
    // Mostly comments: JavaParser reads code at about 0.2 MB/s on a loaded runner, comments
    // several times faster; the 50 MB test below is all code.
    long size = generate(dir.resolve("src/Huge.java"), 12L * 1024 * 1024, 8 * 1024);
    tree.write("src/Plain.java", PLAIN);

    ScanResult limited = scan(tree, tree.request());
    Diagnostic over = diagnostic(limited, "src/Huge.java", Diagnostic.Kind.LIMIT_EXCEEDED);
    assertTrue(over.message().contains(Long.toString(size))
        && over.message().contains(Long.toString(ScanRequest.DEFAULT_MAX_FILE_BYTES)),
        over.message());

    ScanResult raised = scan(tree, tree.request().maxFileBytes(64L * 1024 * 1024));
    assertTrue(raised.findings().stream().anyMatch(f -> f.file().equals("src/Huge.java")),
        () -> Hostile.describe(raised.diagnostics()).toString());
  }

  /** 50 MB takes minutes on a loaded machine: run with -Dbulwark.hostile.huge=true. */
  @Test
  @EnabledIfSystemProperty(named = "bulwark.hostile.huge", matches = "true")
  void fiftyMegabyteFileWithTheLimitRaised() throws IOException {
    SourceTree tree = new SourceTree(dir);
    generate(dir.resolve("src/Huge.java"), 50L * 1024 * 1024, 0);
    tree.write("src/Plain.java", PLAIN);
    diagnostic(scan(tree, tree.request()), "src/Huge.java", Diagnostic.Kind.LIMIT_EXCEEDED);
    ScanResult raised = scan(tree, tree.request().maxFileBytes(64L * 1024 * 1024)
        .maxFileMillis(TimeUnit.MINUTES.toMillis(30)));
    assertAnalysedOrNamed(raised, "src/Huge.java");
  }

  /** A minified-looking line: mostly a comment, so the normal suite parses it in seconds. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void fileOfOneTenMegabyteLine() {
    assertOneLongLineIsAnalysed("class Line { String s = \"ab\"; /* ",
        " */ void m() { risky(); } }", "ab ", 120_000);
  }

  /** The same line of real tokens: a minute or more of parsing on a loaded machine. */
  @Test
  @EnabledIfSystemProperty(named = "bulwark.hostile.huge", matches = "true")
  void fileOfOneTenMegabyteLineOfCode() {
    assertOneLongLineIsAnalysed("class Line { int[] s = { ", " 0 }; void m() { risky(); } }",
        "12, ", TimeUnit.MINUTES.toMillis(30));
  }

  private void assertOneLongLineIsAnalysed(String prefix, String suffix, String unit,
      long maxFileMillis) {
    SourceTree tree = new SourceTree(dir);
    int fill = 10_000_000 - prefix.length() - suffix.length();
    tree.write("src/Line.java", prefix + unit.repeat(fill / unit.length()) + suffix);
    tree.write("src/Plain.java", PLAIN);
    ScanResult result = scan(tree, tree.request().maxFileMillis(maxFileMillis));
    assertTrue(result.findings().stream().anyMatch(f -> f.file().equals("src/Line.java")
            && f.ruleId().equals("RiskyCall") && f.line() == 1 && f.column() > 9_999_000),
        () -> Hostile.locations(result.findings()) + " "
            + Hostile.describe(result.diagnostics()));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void runawayFilesAreCutOffAtTheTimeLimitAndDoNotWedgeTheWorkers() {
    SourceTree tree = new SourceTree(dir);
    for (int i = 0; i < 3; i++) {
      tree.write("src/Hang" + i + ".java", "class Hang" + i + " { void m() { hang(); } }\n");
    }
    tree.write("src/Plain.java", PLAIN);
    tree.write("src/Zed.java", "class Zed { void m() { risky(); } }\n");
    RuleRegistry registry = RuleRegistry.of(List.of(new TestRules.RiskyCall(),
        new HostileRules.HangingRule()));
    long started = System.nanoTime();
    // One worker, three runaway files that ignore interrupts: without a replacement worker
    // the files behind them would wait 3 x 6 s.
    ScanResult result = new Engine(registry).scan(tree.request().threads(1)
        .maxFileMillis(300).build());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertAccountedFor(result);
    for (int i = 0; i < 3; i++) {
      Diagnostic over = diagnostic(result, "src/Hang" + i + ".java",
          Diagnostic.Kind.LIMIT_EXCEEDED);
      assertTrue(over.message().contains("300 ms"), over.message());
    }
    assertEquals(List.of("src/Plain.java:2:14 RiskyCall", "src/Zed.java:1:24 RiskyCall"),
        Hostile.locations(result.findings()));
    assertTrue(millis < HostileRules.HangingRule.SPIN_MILLIS, "took " + millis + " ms");
  }

  @Test
  void timeLimitMustBePositiveAndDefaultsToTwoMinutes() {
    assertThrows(IllegalArgumentException.class,
        () -> ScanRequest.builder().maxFileMillis(0));
    assertEquals(120_000, ScanRequest.builder().root(dir).build().maxFileMillis());
  }

  /**
   * Writes a valid class of about {@code bytes} bytes: many small methods, each after a comment
   * of {@code commentBytes}, and a {@code risky()} call at the end.
   */
  private static long generate(Path file, long bytes, int commentBytes) throws IOException {
    Files.createDirectories(file.getParent());
    String comment = commentBytes == 0 ? ""
        : "  /* " + "lorem ipsum ".repeat(commentBytes / 12) + "*/\n";
    String last = "  void last() { risky(); }\n}\n";
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("class Huge {\n");
      long written = 13;
      for (int i = 0; written < bytes - last.length(); i++) {
        String method =
            comment + "  int m" + i + "(int a) { int b = a * " + i + " + 7; return b; }\n";
        out.write(method);
        written += method.length();
      }
      out.write(last);
    }
    return Files.size(file);
  }
}
