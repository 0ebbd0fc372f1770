package io.github.bulwark.core.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.github.bulwark.core.engine.FailThreshold;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.engine.Verdict;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.model.Suppression;
import io.github.bulwark.core.report.ConsoleReport;
import io.github.bulwark.core.report.SarifReport;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppressed findings are kept with their justification, counted apart, listed in SARIF, and,
 * with reasons required, a suppression without one is a {@code SuppressionWithoutReason} finding.
 */
class SuppressionReportingTest {

  @TempDir Path dir;
  private ScanResult result;

  private static final String SOURCE = """
      package com.acme;
      class Service {
        void a() {
          danger(); // bulwark:ignore DangerCall -- the argument is a constant
        }
        void b() {
          // bulwark:ignore DangerCall
          danger();
        }
        @SuppressWarnings("bulwark:DangerCall") // reviewed: test double only
        void c() { danger(); }

        // the endpoint is internal and behind mTLS
        @SuppressWarnings("bulwark:RiskyCall")
        void d() { risky(); }

        @SuppressWarnings("bulwark:DangerCall -- inline reason")
        void e() { danger(); }

        @SuppressWarnings("bulwark")
        void f() { danger(); risky(); }

        void g() { danger(); }
      }
      """;

  @BeforeEach
  void scan() {
    SourceTree tree = new SourceTree(dir);
    tree.write("src/Service.java", SOURCE);
    result = tree.scan(TestRules.standard());
  }

  private static List<String> describe(List<Finding> findings) {
    return findings.stream().map(f -> f.line() + " " + f.ruleId() + " "
        + (f.isSuppressed() ? f.suppression().kind() + " '" + f.suppression().justification()
            + "'" : "-")).toList();
  }

  @Test
  void suppressedFindingsAreKeptWithTheirJustification() {
    assertEquals(List.of("23 DangerCall -"), describe(result.findings()));
    assertEquals(List.of(
        "4 DangerCall COMMENT 'the argument is a constant'",
        "8 DangerCall COMMENT ''",
        "11 DangerCall ANNOTATION 'reviewed: test double only'",
        "15 RiskyCall ANNOTATION 'the endpoint is internal and behind mTLS'",
        "18 DangerCall ANNOTATION 'inline reason'",
        "21 DangerCall ANNOTATION ''",
        "21 RiskyCall ANNOTATION ''"), describe(result.suppressed()));
    Suppression comment = result.suppressed().get(1).suppression();
    assertEquals(7, comment.range().startLine());
    assertEquals("bulwark:ignore DangerCall", comment.text());
  }

  @Test
  void verdictAndConsoleCountOnlyUnsuppressedFindings() {
    Verdict verdict = Verdict.of(result, FailThreshold.parse("low"), 0);
    assertEquals(1, verdict.failingFindings());
    String console = new ConsoleReport().render(result);
    assertTrue(console.contains("Bulwark: 1 finding (1 high), 7 suppressed, in 1 of 1 files"),
        console);
    assertFalse(console.contains(":4:"), "suppressed findings are counted, not listed");
  }

  @Test
  void withoutReasonsRequiredNothingIsAdded() {
    assertTrue(result.rules().stream().noneMatch(r -> r.id().equals("SuppressionWithoutReason")));
  }

  @Test
  void requiringReasonsFlagsEachSuppressionWithoutOneOnce() {
    ScanResult judged = SuppressionWithoutReason.apply(result);
    List<Finding> flagged = judged.findings().stream()
        .filter(f -> f.ruleId().equals(SuppressionWithoutReason.ID)).toList();
    assertEquals(List.of(7, 20), flagged.stream().map(Finding::line).toList());
    assertEquals("'bulwark:ignore DangerCall' silences DangerCall without a reason (1 finding)",
        flagged.get(0).message());
    assertEquals("@SuppressWarnings(\"bulwark\") silences DangerCall, RiskyCall without a reason"
        + " (2 findings)", flagged.get(1).message());
    assertEquals(Severity.LOW, flagged.get(0).severity());
    assertTrue(judged.rules().contains(SuppressionWithoutReason.DESCRIPTOR));
    assertEquals(result.suppressed(), judged.suppressed());
    assertEquals(3, judged.findings().size());
  }

  @Test
  void theFlagOnASuppressionKeepsItsFingerprintWhenLinesAreInsertedAbove() {
    String fingerprint = SuppressionWithoutReason.apply(result).findings().get(0).fingerprint();
    SourceTree moved = new SourceTree(dir.resolve("moved"));
    moved.write("src/Service.java", SOURCE.replace("class Service {",
        "import java.util.List;\n\nclass Service {\n  int added;"));
    ScanResult again = SuppressionWithoutReason.apply(moved.scan(TestRules.standard()));
    assertEquals(10, again.findings().get(0).line());
    assertEquals(fingerprint, again.findings().get(0).fingerprint());
  }

  @Test
  void sarifListsSuppressedResultsWithJustificationAndStaysSchemaValid() throws Exception {
    ScanResult judged = SuppressionWithoutReason.apply(result);
    String sarif = new SarifReport("1.0.0").render(judged);
    JsonObject run = JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs")
        .get(0).getAsJsonObject();
    JsonArray results = run.getAsJsonArray("results");
    assertEquals(3 + 7, results.size());
    JsonObject first = results.get(3).getAsJsonObject();
    JsonObject suppression = first.getAsJsonArray("suppressions").get(0).getAsJsonObject();
    assertEquals("inSource", suppression.get("kind").getAsString());
    assertEquals("the argument is a constant", suppression.get("justification").getAsString());
    assertFalse(results.get(0).getAsJsonObject().has("suppressions"));
    assertTrue(run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules")
        .toString().contains("\"SuppressionWithoutReason\""));

    try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
      JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in,
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
      var errors = schema.validate(sarif, InputFormat.JSON);
      assertTrue(errors.isEmpty(), () -> "schema errors: " + errors);
    }
  }
}
