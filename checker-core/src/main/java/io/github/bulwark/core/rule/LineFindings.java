package io.github.bulwark.core.rule;

/** Where a {@link TextFileRule} reports: by line and column, 1-based, columns inclusive. */
public interface LineFindings {

  void report(int line, int startColumn, int endColumn, String messageFormat, Object... args);
}
