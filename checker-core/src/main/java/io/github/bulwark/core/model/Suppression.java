package io.github.bulwark.core.model;

import java.util.Objects;

/**
 * Why a finding is not counted: a suppression written in the source, where it was written and
 * the reason given. A suppressed finding is kept (and reported as suppressed), never dropped.
 *
 * @param kind how the suppression is written
 * @param justification the reason after {@code --} (or the comment next to an annotation); empty
 *     when none was given
 * @param range where the annotation or comment is, in the finding's file
 * @param text the suppression as written, whitespace normalised (for messages and fingerprints)
 */
public record Suppression(Kind kind, String justification, SourceRange range, String text) {

  /** The two ways to suppress in source. */
  public enum Kind {
    /** {@code @SuppressWarnings("bulwark:RuleId")} on an enclosing declaration. */
    ANNOTATION,
    /** {@code // bulwark:ignore RuleId -- reason} on the line or alone on the line above. */
    COMMENT
  }

  public Suppression {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(range, "range");
    justification = justification == null ? "" : justification.strip();
    text = text == null ? "" : text;
  }

  public boolean hasReason() {
    return !justification.isEmpty();
  }
}
