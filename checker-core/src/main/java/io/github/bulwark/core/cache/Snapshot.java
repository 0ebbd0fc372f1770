package io.github.bulwark.core.cache;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import java.util.List;

/**
 * The whole result of the last scan of a project, kept with the digest of every file's content
 * and the scan key: when neither changed, the scan reports this without parsing a file, loading
 * per-file results or asking the project index anything.
 *
 * @param findings every finding, suppressed ones included, deferred ones decided
 * @param diagnostics every diagnostic of the scan
 * @param analysed how many files were analysed
 * @param lines how many lines were analysed
 */
public record Snapshot(List<Finding> findings, List<Diagnostic> diagnostics, int analysed,
    long lines) {

  public Snapshot {
    findings = List.copyOf(findings);
    diagnostics = List.copyOf(diagnostics);
  }
}
