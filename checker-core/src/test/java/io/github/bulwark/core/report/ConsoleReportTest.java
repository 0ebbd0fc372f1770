package io.github.bulwark.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.testing.TestRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console report, character for character. */
class ConsoleReportTest {

  private static final Path BASE = Path.of("/work/project");

  @Test
  void findingsFixesDiagnosticsAndSummary() {
    ScanResult result = new ScanResult(BASE, TestRules.standard().descriptors(),
        List.of(
            finding("DangerCall", Severity.HIGH, "src/main/java/A.java", 3, 5,
                "danger() is called with 'x'", "Call InputValidator.safe(..) instead."),
            finding("RiskyCall", Severity.MEDIUM, "src/main/java/A.java", 9, 13,
                "risky() is called", "Use SecureHttp.client() instead."),
            finding("DangerCall", Severity.HIGH, "src/main/java/b/B.java", 1, 1,
                "danger() is called", "Call InputValidator.safe(..) instead.")),
        List.of(
            new Diagnostic(Diagnostic.Kind.PARSE_ERROR, "src/main/java/Broken.java", 2, 7,
                "Parse error. Found \"{\""),
            new Diagnostic(Diagnostic.Kind.ENCODING_WARNING, "src/main/java/b/B.java", 0, 0,
                "not valid UTF-8 at byte 12")),
        3, 2, 140, Duration.ofMillis(1234));

    assertEquals("""
        src/main/java/A.java:3:5: HIGH [DangerCall] danger() is called with 'x'
            fix: Call InputValidator.safe(..) instead. (docs/rules/DangerCall.md)
        src/main/java/A.java:9:13: MEDIUM [RiskyCall] risky() is called
            fix: Use SecureHttp.client() instead. (docs/rules/RiskyCall.md)
        src/main/java/b/B.java:1:1: HIGH [DangerCall] danger() is called
            fix: Call InputValidator.safe(..) instead. (docs/rules/DangerCall.md)
        src/main/java/Broken.java:2:7: parse error: Parse error. Found "{"
        src/main/java/b/B.java: encoding warning: not valid UTF-8 at byte 12
        Bulwark: 3 findings (2 high, 1 medium) in 2 of 3 files analysed, 140 lines, 3 rules, \
        1234 ms
          1 file was not analysed (1 parse errors); see the diagnostics above
          DangerCall: 2
          RiskyCall: 1
        """, new ConsoleReport().render(result));
  }

  @Test
  void cleanScan() {
    ScanResult result = new ScanResult(BASE, TestRules.standard().descriptors(), List.of(),
        List.of(), 4, 4, 80, Duration.ofMillis(7));
    assertEquals("Bulwark: 0 findings in 4 of 4 files analysed, 80 lines, 3 rules, 7 ms\n",
        new ConsoleReport().render(result));
  }

  @Test
  void oneFindingIsSingular() {
    ScanResult result = new ScanResult(BASE, TestRules.standard().descriptors(),
        List.of(finding("NeverFires", Severity.LOW, "X.java", 10, 2, "m", "f")),
        List.of(), 1, 1, 12, Duration.ofSeconds(2));
    assertEquals("""
        X.java:10:2: LOW [NeverFires] m
            fix: f (docs/rules/NeverFires.md)
        Bulwark: 1 finding (1 low) in 1 of 1 files analysed, 12 lines, 3 rules, 2000 ms
          NeverFires: 1
        """, new ConsoleReport().render(result));
  }

  static Finding finding(String rule, Severity severity, String file, int line, int column,
      String message, String fix) {
    return new Finding(rule, severity, Confidence.HIGH, file,
        new SourceRange(line, column, line, column + 5), message, fix, "fp-" + line);
  }
}
