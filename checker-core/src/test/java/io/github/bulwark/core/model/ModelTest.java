package io.github.bulwark.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value types: ranges refuse nonsense, diagnostics print as compilers do, order is total. */
class ModelTest {

  @Test
  void rangeRefusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new SourceRange(0, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new SourceRange(1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new SourceRange(3, 1, 2, 9));
    assertThrows(IllegalArgumentException.class, () -> new SourceRange(3, 5, 3, 4));
    assertEquals(new SourceRange(7, 1, 7, 1), SourceRange.line(7));
  }

  @Test
  void diagnosticDescribesItselfAsPathLineColumn() {
    assertEquals("a/B.java:3:9: parse error: oops",
        new Diagnostic(Diagnostic.Kind.PARSE_ERROR, "a/B.java", 3, 9, "oops").describe());
    assertEquals("a/B.java:3: engine error: x",
        new Diagnostic(Diagnostic.Kind.ENGINE_ERROR, "a/B.java", 3, 0, "x").describe());
    assertEquals("a/B.java: limit exceeded: big",
        new Diagnostic(Diagnostic.Kind.LIMIT_EXCEEDED, "a/B.java", 0, 0, "big").describe());
    assertTrue(Diagnostic.Kind.PARSE_ERROR.lostAnalysis());
    assertTrue(!Diagnostic.Kind.ENCODING_WARNING.lostAnalysis());
  }

  @Test
  void findingsSortByFileThenPositionThenRule() {
    List<Finding> findings = new ArrayList<>(List.of(
        finding("b/A.java", 1, 1, "Zed"),
        finding("a/Z.java", 10, 1, "Alpha"),
        finding("a/Z.java", 9, 5, "Zed"),
        finding("a/Z.java", 9, 5, "Alpha"),
        finding("a/Z.java", 9, 2, "Zed")));
    findings.sort(Finding.ORDER);
    assertEquals(List.of("a/Z.java:9:2 Zed", "a/Z.java:9:5 Alpha", "a/Z.java:9:5 Zed",
        "a/Z.java:10:1 Alpha", "b/A.java:1:1 Zed"),
        findings.stream().map(f -> f.file() + ":" + f.line() + ":" + f.column() + " "
            + f.ruleId()).toList());
  }

  @Test
  void severityMapsToSarifAndGitHubScores() {
    assertEquals("error", Severity.CRITICAL.sarifLevel());
    assertEquals("error", Severity.HIGH.sarifLevel());
    assertEquals("warning", Severity.MEDIUM.sarifLevel());
    assertEquals("note", Severity.LOW.sarifLevel());
    // GitHub: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low < 4.0.
    assertTrue(Double.parseDouble(Severity.CRITICAL.securitySeverity()) > 9.0);
    double high = Double.parseDouble(Severity.HIGH.securitySeverity());
    assertTrue(high >= 7.0 && high < 9.0);
    double medium = Double.parseDouble(Severity.MEDIUM.securitySeverity());
    assertTrue(medium >= 4.0 && medium < 7.0);
    assertTrue(Double.parseDouble(Severity.LOW.securitySeverity()) < 4.0);
  }

  @Test
  void owaspUris() {
    assertEquals("https://owasp.org/Top10/A02_2021-Cryptographic_Failures/",
        OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES.uri());
  }

  private static Finding finding(String file, int line, int column, String rule) {
    return new Finding(rule, Severity.LOW, Confidence.LOW, file,
        new SourceRange(line, column, line, column), "m", "f", "fp");
  }
}
