package io.github.bulwark.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end over real files in a temporary directory. */
class EngineTest {

  @TempDir Path dir;

  private SourceTree tree() {
    return new SourceTree(dir);
  }

  @Test
  void parallelScanGivesTheSameOrderedFindingsAsOneThread() {
    SourceTree tree = tree();
    for (int i = 0; i < 80; i++) {
      StringBuilder text = new StringBuilder("package p" + (i % 7) + ";\nclass C" + i + " {\n");
      for (int m = 0; m < 1 + i % 5; m++) {
        text.append("  void m").append(m).append("() {\n")
            .append("    risky(); danger(\"").append(i).append('-').append(m).append("\");\n")
            .append("    danger(\"").append(i).append("\");\n")
            .append("  }\n");
      }
      text.append("}\n");
      tree.write("src/p" + (i % 7) + "/C" + i + ".java", text.toString());
    }
    Engine engine = new Engine(TestRules.standard());
    ScanResult serial = engine.scan(tree.request().threads(1).build());
    ScanResult parallel = engine.scan(tree.request().threads(8).build());

    assertEquals(80, serial.filesAnalysed());
    assertTrue(serial.findings().size() > 500, "findings: " + serial.findings().size());
    assertEquals(serial.findings(), parallel.findings());
    assertEquals(serial.diagnostics(), parallel.diagnostics());
    assertEquals(serial.linesAnalysed(), parallel.linesAnalysed());
    List<Finding> sorted = new ArrayList<>(parallel.findings());
    sorted.sort(Finding.ORDER);
    assertEquals(sorted, parallel.findings(), "findings come in report order");
    Set<String> fingerprints = new HashSet<>();
    parallel.findings().forEach(f -> fingerprints.add(f.fingerprint()));
    assertEquals(parallel.findings().size(), fingerprints.size(), "fingerprints are unique");
  }

  @Test
  void findingCarriesRuleMetadataAndExactRange() {
    tree().write("src/A.java", """
        class A {
          void m() {
            danger("a" + "b");
          }
        }
        """);
    ScanResult result = tree().scan(TestRules.standard());
    assertEquals(1, result.findings().size());
    Finding finding = result.findings().get(0);
    assertEquals("DangerCall", finding.ruleId());
    assertEquals("src/A.java", finding.file());
    assertEquals(new io.github.bulwark.core.model.SourceRange(3, 5, 3, 21), finding.range());
    assertEquals("danger() is called with 'ab'", finding.message());
    assertEquals("Call InputValidator.safe(..) instead.", finding.fix());
    assertEquals(io.github.bulwark.core.model.Severity.HIGH, finding.severity());
    assertEquals(32, finding.fingerprint().length());
    assertEquals(List.of("DangerCall", "NeverFires", "RiskyCall"),
        result.rules().stream().map(r -> r.id()).toList());
  }

  @Test
  void fileThatDoesNotParseIsADiagnosticAndTheOthersAreStillAnalysed() {
    SourceTree tree = tree();
    tree.write("src/Good.java", "class Good {\n  void m() { danger(); }\n}\n");
    tree.write("src/Broken.java", "class Broken {\n  void m( {\n  }\n}\n");
    tree.write("src/Zed.java", "class Zed {\n  void m() { risky(); }\n}\n");
    ScanResult result = tree.scan(TestRules.standard());

    assertEquals(List.of("src/Good.java:2 DangerCall", "src/Zed.java:2 RiskyCall"),
        SourceTree.markers(result));
    assertEquals(1, result.diagnostics().size());
    Diagnostic parse = result.diagnostics().get(0);
    assertEquals(Diagnostic.Kind.PARSE_ERROR, parse.kind());
    assertEquals("src/Broken.java", parse.file());
    assertEquals(2, parse.line());
    assertTrue(parse.column() > 0, parse::describe);
    assertTrue(parse.describe().startsWith("src/Broken.java:2:" + parse.column()
        + ": parse error: "), parse.describe());
    assertEquals(3, result.filesDiscovered());
    assertEquals(2, result.filesAnalysed());
    assertEquals(1, result.parseErrors());
    assertEquals(6, result.linesAnalysed(), "lines of the two files analysed");
  }

  @Test
  void throwingRuleIsAnEngineErrorAndOtherRulesStillReport() {
    tree().write("src/A.java", """
        class A {
          void m() {
            danger();
            boom();
            risky();
          }
        }
        """);
    ScanResult result = tree().scan(TestRules.all());

    assertEquals(List.of("src/A.java:3 DangerCall", "src/A.java:3 DangerEcho",
        "src/A.java:5 RiskyCall"), SourceTree.markers(result));
    assertEquals(1, result.diagnostics().size());
    Diagnostic error = result.diagnostics().get(0);
    assertEquals(Diagnostic.Kind.ENGINE_ERROR, error.kind());
    assertEquals("src/A.java", error.file());
    assertEquals(4, error.line());
    assertEquals(5, error.column());
    assertTrue(error.message().contains("ExplodingRule"), error.message());
    assertTrue(error.message().contains("kaboom"), error.message());
    assertEquals(1, result.filesAnalysed());
  }

  @Test
  void fileOverTheSizeLimitIsReportedAndSkipped() {
    SourceTree tree = tree();
    tree.write("src/Big.java", "class Big {\n  void m() { danger(); }\n" + "  // padding\n"
        .repeat(100) + "}\n");
    tree.write("src/Small.java", "class Small { void m() { danger(); } }\n");
    ScanResult result = new Engine(TestRules.standard())
        .scan(tree.request().maxFileBytes(500).build());

    assertEquals(List.of("src/Small.java:1 DangerCall"), SourceTree.markers(result));
    assertEquals(1, result.diagnostics().size());
    Diagnostic limit = result.diagnostics().get(0);
    assertEquals(Diagnostic.Kind.LIMIT_EXCEEDED, limit.kind());
    assertEquals("src/Big.java", limit.file());
    assertTrue(limit.message().contains("500"), limit.message());
    assertEquals(2, result.filesDiscovered());
    assertEquals(1, result.filesAnalysed());
  }

  @Test
  void unknownRuleIdIsRefusedListingTheKnownOnes() {
    tree().write("src/A.java", "class A {}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Engine(TestRules.standard())
            .scan(tree().request().rules(List.of("DangerCall,NoSuchRule")).build()));
    assertTrue(e.getMessage().contains("NoSuchRule"), e.getMessage());
    for (String known : List.of("DangerCall", "NeverFires", "RiskyCall")) {
      assertTrue(e.getMessage().contains(known), e.getMessage());
    }
  }

  @Test
  void selectedRulesAloneRunAndAliasesSelect() {
    tree().write("src/A.java", "class A { void m() { danger(); risky(); } }\n");
    ScanResult result = new Engine(TestRules.standard())
        .scan(tree().request().rules(List.of("OldDanger")).build());
    assertEquals(List.of("src/A.java:1 DangerCall"), SourceTree.markers(result));
    assertEquals(List.of("DangerCall"), result.rules().stream().map(r -> r.id()).toList());
  }

  @Test
  void missingRootIsRefused() {
    Path missing = dir.resolve("no/such/dir");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Engine(TestRules.standard())
            .scan(ScanRequest.builder().root(missing).baseDirectory(dir).build()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void deepNestingDoesNotCrashTheScan() {
    SourceTree tree = tree();
    int depth = 5_000;
    tree.write("src/Parens.java", "class Parens {\n  Object x = " + "(".repeat(depth)
        + "danger()" + ")".repeat(depth) + ";\n}\n");
    tree.write("src/Blocks.java", "class Blocks {\n  void m() " + "{".repeat(depth)
        + " danger(); " + "}".repeat(depth) + "\n}\n");
    tree.write("src/Plain.java", "class Plain {\n  void m() { risky(); }\n}\n");
    ScanResult result = new Engine(TestRules.standard()).scan(tree.request().threads(2).build());

    List<String> markers = SourceTree.markers(result);
    assertTrue(markers.contains("src/Plain.java:2 RiskyCall"), markers::toString);
    // Each deep file is either analysed (its finding is there) or named by a diagnostic.
    for (String name : List.of("src/Parens.java", "src/Blocks.java")) {
      boolean analysed = markers.contains(name + ":2 DangerCall");
      boolean diagnosed = result.diagnostics().stream().anyMatch(d -> d.file().equals(name));
      assertTrue(analysed != diagnosed, () -> name + ": " + markers + " " + result.diagnostics());
    }
    assertAccountedFor(result);
  }

  @Test
  void everyDiscoveredFileIsAnalysedOrNamedByADiagnostic() {
    SourceTree tree = tree();
    tree.write("src/Good.java", "class Good { void m() { danger(); } }\n");
    tree.write("src/Broken.java", "class Broken {\n");
    tree.writeBytes("src/Latin.java", "class Latin { String s = \"caf\u00e9\"; }\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    tree.write("src/Big.java", "class Big {\n" + " ".repeat(2_000) + "\n}\n");
    tree.write("src/Empty.java", "");
    ScanResult result = new Engine(TestRules.standard())
        .scan(tree.request().maxFileBytes(1_000).build());

    assertEquals(5, result.filesDiscovered());
    assertEquals(3, result.filesAnalysed(), result.diagnostics()::toString);
    assertEquals(2, result.filesNotAnalysed());
    assertAccountedFor(result);
    assertTrue(result.diagnostics().stream().anyMatch(d ->
        d.kind() == Diagnostic.Kind.ENCODING_WARNING && d.file().equals("src/Latin.java")));
  }

  @Test
  void emptyTreeIsAnEmptyResult() {
    tree().write("README.md", "no java here");
    ScanResult result = tree().scan(TestRules.standard());
    assertEquals(0, result.filesDiscovered());
    assertTrue(result.findings().isEmpty());
    assertTrue(result.diagnostics().isEmpty());
  }

  @Test
  void singleFileRootIsScannedRelativeToTheBase() {
    Path file = tree().write("src/deep/A.java", "class A { void m() { danger(); } }\n");
    ScanResult result = new Engine(TestRules.standard())
        .scan(ScanRequest.builder().root(file).baseDirectory(dir).build());
    assertEquals(List.of("src/deep/A.java:1 DangerCall"), SourceTree.markers(result));
  }

  /** filesDiscovered == filesAnalysed + files named by a diagnostic that cost the analysis. */
  static void assertAccountedFor(ScanResult result) {
    Set<String> notAnalysed = new HashSet<>();
    for (Diagnostic diagnostic : result.diagnostics()) {
      if (diagnostic.kind() == Diagnostic.Kind.PARSE_ERROR
          || diagnostic.kind() == Diagnostic.Kind.READ_ERROR
          || diagnostic.kind() == Diagnostic.Kind.LIMIT_EXCEEDED
          || (diagnostic.kind() == Diagnostic.Kind.ENGINE_ERROR && diagnostic.line() == 0)) {
        notAnalysed.add(diagnostic.file());
      }
    }
    assertEquals(result.filesDiscovered(), result.filesAnalysed() + notAnalysed.size(),
        () -> "discovered " + result.filesDiscovered() + ", analysed " + result.filesAnalysed()
            + ", diagnostics " + result.diagnostics());
    assertFalse(result.filesAnalysed() < 0);
  }
}
