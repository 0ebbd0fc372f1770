package io.github.bulwark.core.engine;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a scan produced: findings and diagnostics in deterministic order, the rules that ran, and
 * the counts a summary needs. Every discovered file is either analysed or named by a diagnostic.
 */
public record ScanResult(
    Path baseDirectory,
    List<RuleDescriptor> rules,
    List<Finding> findings,
    List<Diagnostic> diagnostics,
    int filesDiscovered,
    int filesAnalysed,
    long linesAnalysed,
    Duration duration) {

  public ScanResult {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    diagnostics = List.copyOf(diagnostics);
  }

  /** Files that were discovered but not analysed (parse errors, unreadable, over a limit). */
  public int filesNotAnalysed() {
    return filesDiscovered - filesAnalysed;
  }

  public long parseErrors() {
    return diagnostics.stream().filter(d -> d.kind() == Diagnostic.Kind.PARSE_ERROR).count();
  }
}
