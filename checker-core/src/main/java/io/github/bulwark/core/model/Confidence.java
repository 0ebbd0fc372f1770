package io.github.bulwark.core.model;

import java.util.Locale;

/** How sure a rule is that a finding is a real problem rather than a look-alike. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
