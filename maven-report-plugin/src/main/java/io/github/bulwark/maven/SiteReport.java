package io.github.bulwark.maven;

import io.github.bulwark.core.baseline.ScanPolicy;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.engine.Verdict;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.reporting.AbstractMavenReportRenderer;

/**
 * The "Bulwark" site page as Doxia events, so it takes the site's skin like the PMD and SpotBugs
 * reports: what was scanned and the verdict {@code check} would reach, counts by severity and by
 * rule, every counted finding (file:line, severity, rule linked to its page, message, fix), then
 * the diagnostics. A pure function of the scan: the same result renders the same page.
 */
final class SiteReport extends AbstractMavenReportRenderer {

  private final ScanPolicy.Outcome outcome;
  private final ScanResult result;
  private final Verdict verdict;
  private final String version;
  private final Map<String, RuleDescriptor> rulesById = new LinkedHashMap<>();

  SiteReport(Sink sink, ScanPolicy.Outcome outcome, Verdict verdict, String version) {
    super(sink);
    this.outcome = outcome;
    this.result = outcome.result();
    this.verdict = verdict;
    this.version = version;
    for (RuleDescriptor rule : result.rules()) {
      rulesById.put(rule.id(), rule);
    }
  }

  @Override
  public String getTitle() {
    return "Bulwark Security Report";
  }

  @Override
  protected void renderBody() {
    startSection("Bulwark");
    int count = result.findings().size();
    paragraph("Bulwark " + version + " analysed " + result.filesAnalysed() + " of "
        + result.filesDiscovered() + " files (" + result.linesAnalysed() + " lines) with "
        + result.rules().size() + " rules: " + count + (count == 1 ? " finding" : " findings")
        + (result.suppressed().isEmpty() ? "" : ", " + result.suppressed().size()
            + " suppressed in the source")
        + ".");
    paragraph("Verdict: " + verdict.describe() + (verdict.fails() ? " (check fails)." : "."));
    outcome.summaryLines().forEach(this::paragraph);
    if (result.filesNotAnalysed() > 0) {
      paragraph(result.filesNotAnalysed() + " files were not analysed; see the diagnostics.");
    }
    // Summary, findings and diagnostics are sub-sections of the page's one top section.
    renderSummary();
    renderFindings();
    renderDiagnostics();
    endSection();
  }

  private void renderSummary() {
    startSection("Summary");
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      bySeverity.put(severity, 0);
    }
    Map<String, Integer> byRule = new TreeMap<>();
    for (Finding finding : result.findings()) {
      bySeverity.merge(finding.severity(), 1, Integer::sum);
      byRule.merge(finding.ruleId(), 1, Integer::sum);
    }
    startTable();
    tableHeader(new String[] {"Severity", "Findings"});
    bySeverity.forEach((severity, n) -> tableRow(new String[] {severity.name(), n.toString()}));
    endTable();
    if (!byRule.isEmpty()) {
      startTable();
      tableHeader(new String[] {"Rule", "Title", "Findings"});
      byRule.forEach((ruleId, n) -> {
        sink.tableRow();
        ruleCell(ruleId);
        RuleDescriptor rule = rulesById.get(ruleId);
        tableCell(rule == null ? "" : rule.title());
        tableCell(n.toString());
        sink.tableRow_();
      });
      endTable();
    }
    endSection();
  }

  private void renderFindings() {
    startSection("Findings");
    if (result.findings().isEmpty()) {
      paragraph("No findings.");
    } else {
      startTable();
      tableHeader(new String[] {"Location", "Severity", "Rule", "Message", "Fix"});
      for (Finding finding : result.findings()) {
        sink.tableRow();
        tableCell(finding.file() + ':' + finding.line());
        tableCell(finding.severity().name());
        ruleCell(finding.ruleId());
        tableCell(finding.message());
        tableCell(finding.fix());
        sink.tableRow_();
      }
      endTable();
    }
    endSection();
  }

  private void renderDiagnostics() {
    if (result.diagnostics().isEmpty()) {
      return;
    }
    startSection("Diagnostics");
    startTable();
    tableHeader(new String[] {"Location", "Kind", "Message"});
    for (Diagnostic diagnostic : result.diagnostics()) {
      tableRow(new String[] {
          diagnostic.line() > 0 ? diagnostic.file() + ':' + diagnostic.line() : diagnostic.file(),
          diagnostic.kind().label(),
          diagnostic.message()});
    }
    endTable();
    endSection();
  }

  /** The rule id, linked to its page ({@code docs/rules/<RuleId>.md} on GitHub). */
  private void ruleCell(String ruleId) {
    RuleDescriptor rule = rulesById.get(ruleId);
    String href = rule != null ? rule.helpUri()
        : RuleDescriptor.DOCS_BASE_URI + RuleDescriptor.docPath(ruleId);
    sink.tableCell();
    sink.link(href);
    sink.text(ruleId);
    sink.link_();
    sink.tableCell_();
  }
}
