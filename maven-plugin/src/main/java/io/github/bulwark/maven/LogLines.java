package io.github.bulwark.maven;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.report.ConsoleReport;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import java.nio.file.Path;

/**
 * Findings and diagnostics as build-log lines in maven-compiler-plugin's shape,
 * {@code /abs/path/Foo.java:[line,col] ...}, which IDEs and CI logs turn into links. The path is
 * absolute so the line is unambiguous in a multi-module build.
 */
final class LogLines {

  private LogLines() {}

  /** {@code /abs/Foo.java:[12,5] CRITICAL [RuleId] message}. */
  static String finding(Path baseDirectory, Finding finding) {
    return location(baseDirectory, finding.file(), finding.line(), finding.column()) + ' '
        + finding.severity().name() + " [" + finding.ruleId() + "] " + finding.message();
  }

  /** The fix, indented under its finding, naming the rule's page. */
  static String fix(Finding finding) {
    return ConsoleReport.fixLine(finding);
  }

  /** {@code /abs/Foo.java:[3,1] parse error: message}. */
  static String diagnostic(Path baseDirectory, Diagnostic diagnostic) {
    return location(baseDirectory, diagnostic.file(), diagnostic.line(), diagnostic.column())
        + ' ' + diagnostic.kind().label() + ": " + diagnostic.message();
  }

  /** Critical and high findings are errors in the log; the rest are warnings. */
  static boolean isError(Finding finding) {
    return finding.severity().atLeast(Severity.HIGH);
  }

  private static String location(Path baseDirectory, String file, int line, int column) {
    String path = baseDirectory.resolve(file).toAbsolutePath().normalize().toString();
    if (line <= 0) {
      return path + ':';
    }
    return path + ":[" + line + ',' + Math.max(column, 1) + ']';
  }
}
