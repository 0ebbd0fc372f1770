package io.github.bulwark.core.engine;

/**
 * Whether a scan fails the build: the findings at or above the threshold, against the number a
 * team allows while it works a backlog down. The plugin and the CLI both decide through here.
 */
public record Verdict(FailThreshold threshold, long failingFindings, long maxAllowed) {

  public static Verdict of(ScanResult result, FailThreshold threshold, long maxAllowed) {
    if (maxAllowed < 0) {
      throw new IllegalArgumentException("maxAllowedViolations must be 0 or more, was "
          + maxAllowed);
    }
    return new Verdict(threshold, threshold.countFailing(result.findings()), maxAllowed);
  }

  public boolean fails() {
    return failingFindings > maxAllowed;
  }

  /** One line for the end of a log. */
  public String describe() {
    if (threshold.severity().isEmpty()) {
      return "fail threshold is 'none': findings never fail the build";
    }
    String counted = failingFindings + (failingFindings == 1 ? " finding" : " findings")
        + " at or above " + threshold.label();
    if (fails()) {
      return counted + (maxAllowed > 0 ? " (more than the " + maxAllowed + " allowed)" : "");
    }
    return counted + (maxAllowed > 0 ? ", within the " + maxAllowed + " allowed" : "");
  }
}
