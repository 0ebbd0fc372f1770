package io.github.bulwark.core.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Shared checks of the hostile-input tests. */
final class Hostile {

  private Hostile() {}

  /**
   * Every discovered file is analysed or named by a diagnostic that says it was not (a parse,
   * read or limit problem, or an engine failure of the whole file); nothing is lost.
   */
  static void assertAccountedFor(ScanResult result) {
    Set<String> notAnalysed = new HashSet<>();
    for (Diagnostic diagnostic : result.diagnostics()) {
      if (diagnostic.kind() == Diagnostic.Kind.PARSE_ERROR
          || diagnostic.kind() == Diagnostic.Kind.READ_ERROR
          || diagnostic.kind() == Diagnostic.Kind.LIMIT_EXCEEDED
          || (diagnostic.kind() == Diagnostic.Kind.ENGINE_ERROR && diagnostic.line() == 0)) {
        notAnalysed.add(diagnostic.file());
      }
    }
    assertEquals(result.filesDiscovered(), result.filesAnalysed() + notAnalysed.size(),
        () -> "discovered " + result.filesDiscovered() + ", analysed " + result.filesAnalysed()
            + ", diagnostics " + describe(result.diagnostics()));
  }

  /** The diagnostics of {@code file}. */
  static List<Diagnostic> diagnosticsOf(ScanResult result, String file) {
    return result.diagnostics().stream().filter(d -> d.file().equals(file)).toList();
  }

  /** The one diagnostic of {@code kind} naming {@code file}; fails when there is none. */
  static Diagnostic diagnostic(ScanResult result, String file, Diagnostic.Kind kind) {
    List<Diagnostic> matching = result.diagnostics().stream()
        .filter(d -> d.file().equals(file) && d.kind() == kind).toList();
    assertTrue(!matching.isEmpty(), () -> "no " + kind + " for " + file + " in "
        + describe(result.diagnostics()));
    return matching.get(0);
  }

  /** Diagnostics as their one-line form, capped so a monster message does not flood a log. */
  static List<String> describe(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> {
      String line = d.describe();
      return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }).toList();
  }

  /** Findings as {@code file:line:col RuleId}, which is what determinism compares first. */
  static List<String> locations(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.file() + ":" + f.line() + ":" + f.column() + " " + f.ruleId()).toList();
  }
}
