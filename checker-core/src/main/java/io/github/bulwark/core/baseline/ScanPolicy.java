package io.github.bulwark.core.baseline;

import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.suppression.SuppressionWithoutReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the plugin and the CLI do with a scan before reporting and deciding, in one place so both
 * behave the same: flag suppressions without a reason (when asked), then set the baselined
 * findings aside (when a baseline is given). A suppression without a reason is flagged first so
 * that a baseline can hold those flags too.
 */
public final class ScanPolicy {

  /** How many no-longer-occurring entries a summary lists before it just counts. */
  private static final int MAX_FIXED_LISTED = 20;

  private final boolean requireSuppressionReason;
  private final Optional<Baseline> baseline;

  public ScanPolicy(boolean requireSuppressionReason, Optional<Baseline> baseline) {
    this.requireSuppressionReason = requireSuppressionReason;
    this.baseline = baseline;
  }

  /** The scan as the front-ends report and judge it. */
  public record Outcome(ScanResult result, Optional<Baseline.Comparison> comparison) {

    /**
     * Lines for the end of a log: the baseline's counts and each entry that no longer occurs
     * (so the file can shrink); nothing without a baseline.
     */
    public List<String> summaryLines() {
      List<String> lines = new ArrayList<>();
      comparison.ifPresent(compared -> {
        lines.add(compared.describe());
        List<Baseline.Entry> fixed = compared.fixed();
        for (int i = 0; i < fixed.size() && i < MAX_FIXED_LISTED; i++) {
          lines.add("  fixed: " + fixed.get(i).describe());
        }
        if (fixed.size() > MAX_FIXED_LISTED) {
          lines.add("  ... and " + (fixed.size() - MAX_FIXED_LISTED) + " more fixed");
        }
      });
      return lines;
    }
  }

  public Outcome apply(ScanResult scanned) {
    ScanResult result = requireSuppressionReason
        ? SuppressionWithoutReason.apply(scanned) : scanned;
    if (baseline.isEmpty()) {
      return new Outcome(result, Optional.empty());
    }
    Baseline.Comparison comparison = baseline.get().apply(result);
    return new Outcome(comparison.result(), Optional.of(comparison));
  }

  /** The findings a new baseline holds: what is left after reasons are required (no baseline). */
  public ScanResult forNewBaseline(ScanResult scanned) {
    return requireSuppressionReason ? SuppressionWithoutReason.apply(scanned) : scanned;
  }
}
