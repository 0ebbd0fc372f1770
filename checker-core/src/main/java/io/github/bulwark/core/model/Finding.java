package io.github.bulwark.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in one place. {@code file} is relative to the scan root it was found under,
 * with '/' separators, so reports and baselines read the same on every machine.
 *
 * @param fingerprint stable across edits elsewhere in the file: rule id, enclosing declaration
 *     and the normalised code of the flagged construct, hashed
 * @param flow for dataflow findings, the path from the source to the sink (empty otherwise)
 * @param suppression the in-source suppression that silences this finding, or {@code null} when
 *     it counts; {@link io.github.bulwark.core.engine.ScanResult} keeps the two apart
 */
public record Finding(
    String ruleId,
    Severity severity,
    Confidence confidence,
    String file,
    SourceRange range,
    String message,
    String fix,
    String fingerprint,
    java.util.List<Step> flow,
    Suppression suppression) {

  /** One step of a dataflow path, in the finding's file. */
  public record Step(SourceRange range, String message) {}

  /** A finding that is not suppressed. */
  public Finding(String ruleId, Severity severity, Confidence confidence, String file,
      SourceRange range, String message, String fix, String fingerprint,
      java.util.List<Step> flow) {
    this(ruleId, severity, confidence, file, range, message, fix, fingerprint, flow, null);
  }

  /** A finding without a dataflow path. */
  public Finding(String ruleId, Severity severity, Confidence confidence, String file,
      SourceRange range, String message, String fix, String fingerprint) {
    this(ruleId, severity, confidence, file, range, message, fix, fingerprint,
        java.util.List.of());
  }

  /** Deterministic report order: file, position, rule, message. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::file)
          .thenComparing(Finding::range)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(fingerprint, "fingerprint");
    flow = flow == null ? java.util.List.of() : java.util.List.copyOf(flow);
  }

  /** True when an in-source suppression silences this finding. */
  public boolean isSuppressed() {
    return suppression != null;
  }

  /** This finding, silenced by {@code by}. */
  public Finding suppressedBy(Suppression by) {
    return new Finding(ruleId, severity, confidence, file, range, message, fix, fingerprint, flow,
        by);
  }

  /** This finding with another message (a deferred finding, once decided). */
  public Finding withMessage(String text) {
    return new Finding(ruleId, severity, confidence, file, range, text, fix, fingerprint, flow,
        suppression);
  }

  /** This finding reported for another file name (a module's result seen from its reactor). */
  public Finding inFile(String name) {
    return new Finding(ruleId, severity, confidence, name, range, message, fix, fingerprint, flow,
        suppression);
  }

  public int line() {
    return range.startLine();
  }

  public int column() {
    return range.startColumn();
  }
}
