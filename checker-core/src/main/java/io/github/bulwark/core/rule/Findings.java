package io.github.bulwark.core.rule;

import com.github.javaparser.ast.Node;
import io.github.bulwark.core.taint.Taint;

/** Where a rule reports what it found; the engine adds location, fix and fingerprint. */
public interface Findings {

  /**
   * Reports a finding on {@code node}'s range. The message is a {@link String#format} pattern:
   * one precise sentence in the present tense.
   */
  void report(Node node, String messageFormat, Object... args);

  /**
   * Reports a dataflow finding at the sink {@code node}, carrying the taint's path from its
   * source (printed by the console report, written as SARIF {@code codeFlows}).
   */
  void reportFlow(Node node, Taint taint, String messageFormat, Object... args);

  /**
   * Reports a finding whose verdict needs the whole project: after every file has been read,
   * the rule (which must implement {@link ProjectRule}) is asked {@code question} with the
   * project index and gives the message to report, or empty when something elsewhere (a
   * limiter, a log call, a second factor) clears it. Suppressions and fingerprints apply as for
   * {@link #report}. The question is data, cached with the file's other results.
   */
  void reportDeferred(Node node, io.github.bulwark.core.project.ProjectQuestion question);
}
