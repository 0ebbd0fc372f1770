package io.github.bulwark.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.report.ReportFormat;
import io.github.bulwark.core.testing.TestRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Options read from users: good values parse, bad ones are refused with the allowed values. */
class OptionParsingTest {

  @Test
  void severityParsesCaseInsensitively() {
    assertEquals(Severity.HIGH, Severity.parse(" High "));
    assertEquals(Severity.CRITICAL, Severity.parse("CRITICAL"));
    assertEquals(Severity.LOW, Severity.parse("low"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"severe", "none", "hi gh", "0"})
  void badSeverityListsTheAllowedValues(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Severity.parse(text));
    assertTrue(e.getMessage().contains("critical, high, medium, low"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @Test
  void severityOrder() {
    assertTrue(Severity.CRITICAL.atLeast(Severity.HIGH));
    assertTrue(Severity.HIGH.atLeast(Severity.HIGH));
    assertFalse(Severity.MEDIUM.atLeast(Severity.HIGH));
  }

  @Test
  void failThresholdParses() {
    assertEquals(FailThreshold.NONE, FailThreshold.parse("NONE"));
    assertEquals(Optional.of(Severity.MEDIUM), FailThreshold.parse("medium").severity());
    assertEquals("high", FailThreshold.DEFAULT.label());
    assertEquals("none", FailThreshold.NONE.label());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"never", "warn", "error"})
  void badFailThresholdListsTheAllowedValues(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FailThreshold.parse(text));
    assertTrue(e.getMessage().contains("critical, high, medium, low, none"), e.getMessage());
  }

  @Test
  void reportFormatParsesItsNamesAndAliases() {
    assertEquals(ReportFormat.TEXT, ReportFormat.parse("text"));
    assertEquals(ReportFormat.TEXT, ReportFormat.parse(" Console "));
    assertEquals(ReportFormat.TEXT, ReportFormat.parse("txt"));
    assertEquals(ReportFormat.SARIF, ReportFormat.parse("SARIF"));
    assertEquals("bulwark.sarif", ReportFormat.SARIF.fileName());
    assertEquals("bulwark.txt", ReportFormat.TEXT.fileName());
    assertEquals(ReportFormat.HTML, ReportFormat.parse("HTML"));
    assertEquals("bulwark.html", ReportFormat.HTML.fileName());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"pdf", "xml", "sarif2"})
  void badReportFormatListsTheAllowedValues(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse(text));
    assertTrue(e.getMessage().contains("text, sarif, html"), e.getMessage());
  }

  @Test
  void verdictCountsFindingsAtOrAboveTheThreshold() {
    ScanResult result = result(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);

    Verdict high = Verdict.of(result, FailThreshold.parse("high"), 0);
    assertEquals(2, high.failingFindings());
    assertTrue(high.fails());
    assertEquals("2 findings at or above high", high.describe());

    Verdict medium = Verdict.of(result, FailThreshold.parse("medium"), 3);
    assertEquals(3, medium.failingFindings());
    assertFalse(medium.fails(), "3 failing findings are within 3 allowed");
    assertEquals("3 findings at or above medium, within the 3 allowed", medium.describe());

    Verdict tight = Verdict.of(result, FailThreshold.parse("low"), 3);
    assertTrue(tight.fails(), "4 failing findings exceed 3 allowed");
    assertEquals("4 findings at or above low (more than the 3 allowed)", tight.describe());

    Verdict critical = Verdict.of(result, FailThreshold.parse("critical"), 0);
    assertEquals("1 finding at or above critical", critical.describe());
  }

  @Test
  void noneNeverFails() {
    Verdict none = Verdict.of(result(Severity.CRITICAL), FailThreshold.NONE, 0);
    assertEquals(0, none.failingFindings());
    assertFalse(none.fails());
    assertTrue(none.describe().contains("never fail"), none.describe());
  }

  @Test
  void cleanScanPasses() {
    assertFalse(Verdict.of(result(), FailThreshold.parse("low"), 0).fails());
  }

  @Test
  void negativeAllowanceIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Verdict.of(result(), FailThreshold.DEFAULT, -1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void scanRequestRefusesBadValuesAtOnce() {
    ScanRequest.Builder builder = ScanRequest.builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.threads(0))
        .getMessage().contains("threads"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.maxFileBytes(0))
        .getMessage().contains("maxFileBytes"));
    IllegalArgumentException encoding = assertThrows(IllegalArgumentException.class,
        () -> builder.encoding("no-such-charset"));
    assertTrue(encoding.getMessage().contains("no-such-charset"), encoding.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, builder::build)
        .getMessage().contains("no path"));
  }

  @Test
  void scanRequestSplitsCommaSeparatedRuleIds() {
    ScanRequest request = ScanRequest.builder().root(Path.of("."))
        .rules(List.of("DangerCall, RiskyCall", " NeverFires ", "")).build();
    assertEquals(List.of("DangerCall", "RiskyCall", "NeverFires"), request.ruleIds());
  }

  private static ScanResult result(Severity... severities) {
    List<Finding> findings = java.util.stream.IntStream.range(0, severities.length)
        .mapToObj(i -> new Finding("DangerCall", severities[i], Confidence.HIGH, "A.java",
            SourceRange.line(i + 1), "m", "f", "fp" + i))
        .toList();
    return new ScanResult(Path.of("/p"), TestRules.standard().descriptors(), findings,
        List.of(), 1, 1, 10, Duration.ZERO);
  }
}
