package io.github.bulwark.core.engine;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scan produced: findings and diagnostics in deterministic order, the rules that ran, and
 * the counts a summary needs. Every discovered file is either analysed or named by a diagnostic.
 *
 * <p>{@link #findings()} holds only the findings that count (verdicts, console and baselines
 * read it); findings silenced by an in-source suppression are in {@link #suppressed()}, with
 * their justification, so reports can list them. A suppressed finding passed in
 * {@code findings} is moved to {@code suppressed}.
 */
public record ScanResult(
    Path baseDirectory,
    List<RuleDescriptor> rules,
    List<Finding> findings,
    List<Diagnostic> diagnostics,
    int filesDiscovered,
    int filesAnalysed,
    long linesAnalysed,
    Duration duration,
    List<Finding> suppressed) {

  public ScanResult {
    rules = List.copyOf(rules);
    List<Finding> counted = new ArrayList<>();
    List<Finding> silenced = new ArrayList<>(suppressed == null ? List.of() : suppressed);
    for (Finding finding : findings) {
      (finding.isSuppressed() ? silenced : counted).add(finding);
    }
    silenced.sort(Finding.ORDER);
    findings = List.copyOf(counted);
    suppressed = List.copyOf(silenced);
    diagnostics = List.copyOf(diagnostics);
  }

  /** A result whose suppressed findings, if any, are among {@code findings}. */
  public ScanResult(Path baseDirectory, List<RuleDescriptor> rules, List<Finding> findings,
      List<Diagnostic> diagnostics, int filesDiscovered, int filesAnalysed, long linesAnalysed,
      Duration duration) {
    this(baseDirectory, rules, findings, diagnostics, filesDiscovered, filesAnalysed,
        linesAnalysed, duration, List.of());
  }

  /** The same scan with other counted findings and rules (a baseline or a policy applied). */
  public ScanResult withFindings(List<RuleDescriptor> newRules, List<Finding> newFindings) {
    return new ScanResult(baseDirectory, newRules, newFindings, diagnostics, filesDiscovered,
        filesAnalysed, linesAnalysed, duration, suppressed);
  }

  /** Files that were discovered but not analysed (parse errors, unreadable, over a limit). */
  public int filesNotAnalysed() {
    return filesDiscovered - filesAnalysed;
  }

  public long parseErrors() {
    return diagnostics.stream().filter(d -> d.kind() == Diagnostic.Kind.PARSE_ERROR).count();
  }
}
