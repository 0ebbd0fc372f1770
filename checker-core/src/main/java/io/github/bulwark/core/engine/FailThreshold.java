package io.github.bulwark.core.engine;

import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import java.util.Collection;
import java.util.Optional;

/** The severity at or above which a finding fails the build; {@code none} never fails. */
public record FailThreshold(Optional<Severity> severity) {

  public static final FailThreshold NONE = new FailThreshold(Optional.empty());
  public static final FailThreshold DEFAULT = new FailThreshold(Optional.of(Severity.HIGH));

  /** Parses {@code critical|high|medium|low|none}; an {@link IllegalArgumentException} else. */
  public static FailThreshold parse(String text) {
    if (text != null && text.trim().equalsIgnoreCase("none")) {
      return NONE;
    }
    try {
      return new FailThreshold(Optional.of(Severity.parse(text)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown fail threshold '" + text
          + "': use one of critical, high, medium, low, none", e);
    }
  }

  public boolean fails(Finding finding) {
    return severity.map(threshold -> finding.severity().atLeast(threshold)).orElse(false);
  }

  public long countFailing(Collection<Finding> findings) {
    return findings.stream().filter(this::fails).count();
  }

  public String label() {
    return severity.map(Severity::label).orElse("none");
  }
}
