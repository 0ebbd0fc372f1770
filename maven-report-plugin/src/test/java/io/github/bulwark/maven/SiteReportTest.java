package io.github.bulwark.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.baseline.Baseline;
import io.github.bulwark.core.baseline.ScanPolicy;
import io.github.bulwark.core.engine.FailThreshold;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.engine.Verdict;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.rule.RuleDescriptor;
import io.github.bulwark.core.rule.RuleRegistry;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.doxia.sink.impl.Xhtml5BaseSink;
import org.junit.jupiter.api.Test;

/** The site page rendered to XHTML from a scan result made by hand. */
class SiteReportTest {

  private static final Finding SQL = new Finding("SqlInjection", Severity.CRITICAL,
      Confidence.HIGH, "data/src/main/java/com/acme/UserRepository.java",
      new SourceRange(18, 54, 18, 70), "untrusted input reaches the SQL text of executeQuery()",
      "Use a PreparedStatement with ? placeholders.", "f1");
  private static final Finding SWALLOWED = new Finding("SwallowedException", Severity.MEDIUM,
      Confidence.HIGH, "src/main/java/com/acme/Foo.java", new SourceRange(27, 7, 27, 20),
      "the catch block drops the <IOException>", "Log it with SecurityLog.", "f2");

  private static String render(ScanResult result, Optional<Baseline> baseline) {
    ScanPolicy.Outcome outcome = new ScanPolicy(false, baseline).apply(result);
    Verdict verdict = Verdict.of(outcome.result(), FailThreshold.parse("high"), 0);
    StringWriter html = new StringWriter();
    new SiteReport(new Xhtml5BaseSink(html), outcome, verdict, "9.9.9").render();
    return html.toString();
  }

  private static ScanResult result(List<Finding> findings, List<Diagnostic> diagnostics) {
    List<RuleDescriptor> rules = RuleRegistry.load().descriptors();
    return new ScanResult(Path.of("/repo"), rules, findings, diagnostics, 3, 2, 120,
        Duration.ofMillis(5));
  }

  @Test
  void listsEachFindingWithLocationSeverityLinkedRuleMessageAndFix() {
    String html = render(result(List.of(SQL, SWALLOWED), List.of()), Optional.empty());

    assertTrue(html.contains("Bulwark Security Report"), html);
    assertTrue(html.contains("data/src/main/java/com/acme/UserRepository.java:18"), html);
    assertTrue(html.contains("href=\"" + RuleDescriptor.DOCS_BASE_URI
        + "docs/rules/SqlInjection.md\">SqlInjection</a>"), html);
    assertTrue(html.contains("untrusted input reaches the SQL text of executeQuery()"), html);
    assertTrue(html.contains("Use a PreparedStatement with ? placeholders."), html);
    assertTrue(html.contains("CRITICAL") && html.contains("MEDIUM"), html);
    assertTrue(html.contains("analysed 2 of 3 files (120 lines)"), html);
    assertTrue(html.contains("Verdict: 1 finding at or above high (check fails)."), html);
  }

  @Test
  void escapesTheTextItShows() {
    String html = render(result(List.of(SWALLOWED), List.of()), Optional.empty());

    assertTrue(html.contains("drops the &lt;IOException&gt;"), html);
    assertFalse(html.contains("<IOException>"), html);
  }

  @Test
  void countsEverySeverityAndEachRule() {
    String html = render(result(List.of(SQL, SWALLOWED), List.of()), Optional.empty());

    for (Severity severity : Severity.values()) {
      assertTrue(html.contains(">" + severity.name() + "<"), severity + " row missing");
    }
    assertEquals(2, html.split("docs/rules/SqlInjection.md", -1).length - 1,
        "SqlInjection linked once in the rule summary and once in the findings");
  }

  @Test
  void saysNoFindingsAndListsDiagnostics() {
    Diagnostic broken = new Diagnostic(Diagnostic.Kind.PARSE_ERROR, "src/main/java/Broken.java",
        4, 1, "';' expected");
    String html = render(result(List.of(), List.of(broken)), Optional.empty());

    assertTrue(html.contains("No findings."), html);
    assertTrue(html.contains("Diagnostics"), html);
    assertTrue(html.contains("src/main/java/Broken.java:4"), html);
    assertTrue(html.contains("parse error"), html);
    assertTrue(html.contains("1 files were not analysed"), html);
  }

  @Test
  void leavesBaselinedFindingsOffAndSaysSo() {
    ScanResult scanned = result(List.of(SQL, SWALLOWED), List.of());
    Baseline baseline = Baseline.from(result(List.of(SQL), List.of()));

    String html = render(scanned, Optional.of(baseline));

    assertFalse(html.contains("UserRepository.java:18"), html);
    assertTrue(html.contains("Foo.java:27"), html);
    assertTrue(html.contains("Verdict: 0 findings at or above high."), html);
  }
}
