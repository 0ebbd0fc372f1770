package io.github.bulwark.core.rule;

import com.github.javaparser.ast.Node;

/** Where a rule reports what it found; the engine adds location, fix and fingerprint. */
public interface Findings {

  /**
   * Reports a finding on {@code node}'s range. The message is a {@link String#format} pattern:
   * one precise sentence in the present tense.
   */
  void report(Node node, String messageFormat, Object... args);
}
