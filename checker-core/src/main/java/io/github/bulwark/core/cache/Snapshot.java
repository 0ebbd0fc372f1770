package io.github.bulwark.core.cache;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole result of the last scan of a project, kept with the digest of every file's content
 * and the scan key: when neither changed, the scan reports this without parsing a file, loading
 * per-file results or asking the project index anything. When a few files changed without
 * changing any fact the project index holds, it is updated for those files alone, which is what
 * {@link #decisions} are kept for.
 *
 * @param findings every finding, suppressed ones included, deferred ones decided
 * @param diagnostics every diagnostic of the scan
 * @param analysed how many files were analysed
 * @param lines how many lines were analysed
 * @param decisions per file with deferred findings, how each was decided, in the order the file's
 *     analysis made them: the message it was reported with, or empty when the project cleared it
 */
public record Snapshot(List<Finding> findings, List<Diagnostic> diagnostics, int analysed,
    long lines, Map<String, List<Optional<String>>> decisions) {

  public Snapshot {
    findings = List.copyOf(findings);
    diagnostics = List.copyOf(diagnostics);
    java.util.Map<String, List<Optional<String>>> copy = new java.util.TreeMap<>();
    decisions.forEach((file, decided) -> copy.put(file, List.copyOf(decided)));
    decisions = java.util.Collections.unmodifiableMap(copy);
  }
}
