package io.github.bulwark.core.model;

import java.util.Locale;

/**
 * How bad a finding is, mapped to SARIF levels and to the {@code security-severity} score GitHub
 * code scanning reads (critical above 9.0, high 7.0-8.9, medium 4.0-6.9, low below 4.0).
 */
public enum Severity {
  CRITICAL("error", "9.5"),
  HIGH("error", "8.0"),
  MEDIUM("warning", "5.5"),
  LOW("note", "3.0");

  private final String sarifLevel;
  private final String securitySeverity;

  Severity(String sarifLevel, String securitySeverity) {
    this.sarifLevel = sarifLevel;
    this.securitySeverity = securitySeverity;
  }

  public String sarifLevel() {
    return sarifLevel;
  }

  /** The score as text, the way GitHub code scanning reads {@code properties.security-severity}. */
  public String securitySeverity() {
    return securitySeverity;
  }

  /** True when this severity is the given one or worse. */
  public boolean atLeast(Severity other) {
    return compareTo(other) <= 0;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code critical|high|medium|low}, case-insensitively; a clear error otherwise. */
  public static Severity parse(String text) {
    if (text != null) {
      for (Severity severity : values()) {
        if (severity.name().equalsIgnoreCase(text.trim())) {
          return severity;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + text + "': use one of critical, high, medium, low");
  }
}
