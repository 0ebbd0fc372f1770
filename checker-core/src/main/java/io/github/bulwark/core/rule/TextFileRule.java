package io.github.bulwark.core.rule;

/**
 * A rule over non-Java text files (properties, YAML, XML configuration). The engine reads each
 * file it accepts once, decodes it like a source file, and hands over its lines; a file that does
 * not parse in its format is still scanned line by line, never dropped.
 */
public interface TextFileRule extends Rule {

  /** True for file names this rule reads ({@code application.yml}, {@code db.properties}). */
  boolean accepts(String fileName);

  void check(TextFile file, LineFindings findings);
}
