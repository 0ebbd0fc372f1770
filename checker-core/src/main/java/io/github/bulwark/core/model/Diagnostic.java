package io.github.bulwark.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something the scan itself ran into: a file that does not parse, text that is not valid in the
 * configured encoding, a file it could not read, or a rule that threw. Never a finding, never
 * silent: every report prints them and the run's summary counts them.
 */
public record Diagnostic(Kind kind, String file, int line, int column, String message) {

  /** What went wrong. */
  public enum Kind {
    /** The file is not valid Java; it was not analysed. */
    PARSE_ERROR("parse error"),
    /** The file was read with replacement characters or a guessed encoding. */
    ENCODING_WARNING("encoding warning"),
    /** The file could not be read at all. */
    READ_ERROR("read error"),
    /** The file was over a configured limit and was not analysed. */
    LIMIT_EXCEEDED("limit exceeded"),
    /** A rule or the engine failed on this file; other rules and files went on. */
    ENGINE_ERROR("engine error");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** True when the file was (partly) not analysed, so the scan is incomplete. */
    public boolean lostAnalysis() {
      return this != ENCODING_WARNING;
    }
  }

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::file)
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::kind)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** {@code path:line:col: parse error: message}, the shape compilers and IDEs link. */
  public String describe() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line);
      if (column > 0) {
        text.append(':').append(column);
      }
    }
    return text.append(": ").append(kind.label()).append(": ").append(message).toString();
  }
}
