package io.github.bulwark.core.report;

import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plain text: {@code path:line:col: SEVERITY [RuleId] message} (the shape IDEs and CI logs turn
 * into links), an indented fix line naming the rule's page, the scan's diagnostics, then a
 * summary by severity and rule. Suppressed findings are counted in the summary ("N suppressed"),
 * not listed; they never count toward a verdict.
 */
public final class ConsoleReport implements ReportRenderer {

  @Override
  public String render(ScanResult result) {
    StringBuilder out = new StringBuilder();
    for (Finding finding : result.findings()) {
      out.append(findingLine(finding)).append('\n');
      for (Finding.Step step : finding.flow()) {
        out.append("    ").append(finding.file()).append(':').append(step.range().startLine())
            .append(':').append(step.range().startColumn()).append(": ").append(step.message())
            .append('\n');
      }
      out.append(fixLine(finding)).append('\n');
    }
    for (Diagnostic diagnostic : result.diagnostics()) {
      out.append(diagnostic.describe()).append('\n');
    }
    out.append(summary(result));
    return out.toString();
  }

  /** One finding as {@code path:line:col: SEVERITY [RuleId] message}. */
  public static String findingLine(Finding finding) {
    return finding.file() + ':' + finding.line() + ':' + finding.column() + ": "
        + finding.severity().name() + " [" + finding.ruleId() + "] " + finding.message();
  }

  /** The indented fix under a finding, naming the rule's page: {@code fix: ... (docs/...)}. */
  public static String fixLine(Finding finding) {
    return "    fix: " + finding.fix() + " (" + RuleDescriptor.docPath(finding.ruleId()) + ")";
  }

  /** The closing summary: counts by severity and by rule, files analysed and not. */
  public static String summary(ScanResult result) {
    StringBuilder out = new StringBuilder();
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    Map<String, Integer> byRule = new TreeMap<>();
    for (Finding finding : result.findings()) {
      bySeverity.merge(finding.severity(), 1, Integer::sum);
      byRule.merge(finding.ruleId(), 1, Integer::sum);
    }
    int count = result.findings().size();
    out.append("Bulwark: ").append(count).append(count == 1 ? " finding" : " findings");
    if (!bySeverity.isEmpty()) {
      out.append(" (");
      boolean first = true;
      for (Map.Entry<Severity, Integer> entry : bySeverity.entrySet()) {
        out.append(first ? "" : ", ").append(entry.getValue()).append(' ')
            .append(entry.getKey().label());
        first = false;
      }
      out.append(')');
    }
    int suppressed = result.suppressed().size();
    if (suppressed > 0) {
      out.append(", ").append(suppressed).append(" suppressed,");
    }
    out.append(" in ").append(result.filesAnalysed()).append(" of ")
        .append(result.filesDiscovered()).append(" files analysed, ")
        .append(result.linesAnalysed()).append(" lines, ")
        .append(result.rules().size()).append(" rules, ")
        .append(result.duration().toMillis()).append(" ms\n");
    int notAnalysed = result.filesNotAnalysed();
    if (notAnalysed > 0) {
      out.append("  ").append(notAnalysed).append(notAnalysed == 1 ? " file was" : " files were")
          .append(" not analysed (").append(result.parseErrors())
          .append(" parse errors); see the diagnostics above\n");
    }
    for (Map.Entry<String, Integer> entry : byRule.entrySet()) {
      out.append("  ").append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
    }
    return out.toString();
  }
}
