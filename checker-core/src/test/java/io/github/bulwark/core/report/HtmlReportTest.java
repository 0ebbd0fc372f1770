package io.github.bulwark.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.model.Suppression;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: structure (not bytes; it has a timestamp) and context-correct escaping. */
class HtmlReportTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"),
      ZoneOffset.UTC);
  private static final String EVIL = "</script><img src=x onerror=alert(1)>\"'`\u0001\u0008"
      + "\u2028<!--";

  @TempDir Path dir;

  private String render(ScanResult result) {
    return new HtmlReport("9.9.9", CLOCK).render(result);
  }

  @Test
  void aRealScanHasSummaryFindingsExcerptFixLinksAndFilters() {
    SourceTree tree = new SourceTree(dir);
    tree.write("src/com/acme/Client.java", """
        package com.acme;
        class Client {
          void call(String id) {
            int before = 1;
            danger(id);
            risky();
          }
          @SuppressWarnings("bulwark:RiskyCall") // reviewed
          void other() { risky(); }
        }
        """);
    String html = render(tree.scan(TestRules.standard()));

    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
    assertTrue(html.contains("<time datetime=\"2025-01-02T03:04:05Z\">"), html);
    assertTrue(html.contains("<table id=\"by-rule\">"));
    assertTrue(html.contains("<table id=\"by-family\">"));
    assertTrue(html.contains("<table id=\"by-file\">"));
    assertTrue(html.contains("<div class=\"card high\"><b>1</b><span>high</span></div>"), html);
    assertTrue(html.contains("<div class=\"card suppressed\"><b>1</b>"), html);
    assertEquals(2, count(html, "<article class=\"finding "));
    // Worst first: the high DangerCall before the medium RiskyCall.
    assertTrue(html.indexOf("data-rule=\"DangerCall\"") < html.indexOf("data-rule=\"RiskyCall\""));
    assertTrue(html.contains("<span class=\"l hit\"><i>5</i>    danger(id);</span>"), html);
    assertTrue(html.contains("<span class=\"l\"><i>2</i>class Client {</span>"), html);
    assertTrue(html.contains("<h4>Why it matters</h4><p>danger() runs whatever it is given."));
    assertTrue(html.contains("<h4>Before</h4><pre><code><span class=\"l\">danger(id);</span>"));
    assertTrue(html.contains("<h4>After</h4><pre><code><span class=\"l\">InputValidator.safe(..)"),
        html);
    assertTrue(html.contains("Helper: <code>io.github.bulwark.runtime.InputValidator</code>"));
    assertTrue(html.contains("href=\"https://cwe.mitre.org/data/definitions/20.html\""));
    assertTrue(html.contains("href=\"https://owasp.org/Top10/A03_2021-Injection/\""));
    assertTrue(html.contains("Rule page: <code>docs/rules/DangerCall.md</code>"));
    assertTrue(html.contains("<input id=\"q\" type=\"search\""));
    assertTrue(html.contains("<option value=\"DangerCall\">DangerCall</option>"));
    assertTrue(html.contains("<section id=\"suppressed\">\n<h2>Suppressed (1)</h2>"));
    assertTrue(html.contains("<td>reviewed</td>"), html);
  }

  @Test
  void selfContainedWithOneHashedInlineScript() {
    String html = render(result(List.of(), List.of(), List.of()));
    assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]*\\s(src|href)=").matcher(html)
        .find(), "no external resources");
    assertFalse(html.contains("http://"), "no cleartext URL at all");
    assertEquals(1, count(html, "<script"));
    assertTrue(html.contains("script-src '" + HtmlReport.scriptHash() + "'"));
    assertTrue(html.contains("default-src 'none'"));
  }

  @Test
  void unreadableSourceGivesANote() {
    Finding finding = finding("does/not/Exist.java", "m", "f");
    String html = render(result(List.of(finding), List.of(), List.of()));
    assertTrue(html.contains("<p class=\"note\">Source not available: cannot read"
        + " does/not/Exist.java"), html);
  }

  @Test
  void flowStepsAreListedSourceToSink() {
    Finding finding = new Finding("DangerCall", Severity.HIGH, Confidence.HIGH, "A.java",
        new SourceRange(9, 5, 9, 20), "tainted data reaches danger()", "fix", "fp",
        List.of(new Finding.Step(new SourceRange(3, 17, 3, 40), "source: request parameter 'id'"),
            new Finding.Step(new SourceRange(5, 5, 5, 30), "flows into 'query'")));
    String html = render(result(List.of(finding), List.of(), List.of()));
    assertTrue(html.contains("<h4>Source to sink</h4><ol class=\"flow-steps\">\n"
        + "<li><span class=\"loc\">3:17</span> source: request parameter 'id'</li>\n"
        + "<li><span class=\"loc\">5:5</span> flows into 'query'</li>\n"
        + "<li><span class=\"loc\">9:5</span> sink: tainted data reaches danger()</li>"), html);
  }

  @Test
  void hostileFileNamesMessagesCodeAndReasonsAreEscaped() {
    String file = "src/" + EVIL + ".java";
    SourceTree tree = new SourceTree(dir);
    // The file on disk holds hostile code too, so the excerpt and "before" carry it.
    tree.write("src/Evil.java", "class Evil {\n  String s = \"" + EVIL + "\"; // " + EVIL
        + "\n}\n");
    Finding onCode = new Finding("DangerCall", Severity.HIGH, Confidence.HIGH, "src/Evil.java",
        new SourceRange(2, 3, 2, 30), "message " + EVIL, "fix " + EVIL, "fp1",
        List.of(new Finding.Step(new SourceRange(2, 3, 2, 4), "step " + EVIL)));
    Finding onName = finding(file, "message " + EVIL, "fix");
    Finding suppressed = finding(file, "hidden " + EVIL, "fix").suppressedBy(
        new Suppression(Suppression.Kind.COMMENT, "reason " + EVIL, SourceRange.line(1),
            "bulwark:ignore " + EVIL));
    ScanResult result = new ScanResult(tree.root(), TestRules.standard().descriptors(),
        List.of(onCode, onName, suppressed),
        List.of(new Diagnostic(Diagnostic.Kind.PARSE_ERROR, file, 1, 1, "bad " + EVIL)),
        3, 2, 10, Duration.ZERO);
    String html = render(result);

    assertFalse(html.contains("</script><img"), "raw closing script tag and tag injection");
    assertFalse(html.contains("<img"), "no injected element");
    assertFalse(Pattern.compile("<[a-z]+[^>]*onerror").matcher(html).find(),
        "no injected event handler");
    assertFalse(html.contains("\u2028"), "U+2028 is encoded");
    assertFalse(html.contains("\u0001") || html.contains("\u0008"), "control characters removed");
    assertFalse(html.contains("<!--"), "no comment opened by data");
    assertEquals(1, count(html, "</script>"), "only the report's own script closes");
    // Quotes never break out of an attribute: every data-file value is fully encoded.
    Matcher attributes = Pattern.compile("data-(?:file|filter-file)=\"([^\"]*)\"").matcher(html);
    int seen = 0;
    while (attributes.find()) {
      seen++;
      assertFalse(attributes.group(1).contains("'") || attributes.group(1).contains("<"),
          attributes.group(1));
    }
    assertTrue(seen >= 2, "the hostile file name is in attributes");
    assertTrue(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"), html);
    // Hostile text is still shown (encoded), not dropped.
    assertTrue(html.contains("reason &lt;/script&gt;"), html);
    assertTrue(html.contains("bad &lt;/script&gt;"), html);
    assertTrue(html.contains("step &lt;/script&gt;"), html);
  }

  private static ScanResult result(List<Finding> findings, List<Finding> suppressed,
      List<Diagnostic> diagnostics) {
    return new ScanResult(Path.of("/nowhere"), TestRules.standard().descriptors(), findings,
        diagnostics, 1, 1, 10, Duration.ofMillis(5), suppressed);
  }

  private static Finding finding(String file, String message, String fix) {
    return new Finding("DangerCall", Severity.HIGH, Confidence.HIGH, file,
        new SourceRange(1, 1, 1, 5), message, fix, "fp-" + file.hashCode());
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
