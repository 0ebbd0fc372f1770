package io.github.bulwark.core.suppression;

import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.model.Suppression;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The built-in pseudo-rule {@code SuppressionWithoutReason}: with {@code requireSuppressionReason}
 * on, every suppression that silences a finding without saying why becomes a finding itself, at
 * the suppression. A reviewer reading "bulwark:ignore SqlInjection" cannot tell a checked false
 * positive from a deadline; "-- ids come from the enum above" can be checked.
 *
 * <p>Only suppressions that silence a finding in this scan are judged: one that silences nothing
 * costs nothing and is left to a future "unused suppression" check.
 */
public final class SuppressionWithoutReason {

  public static final String ID = "SuppressionWithoutReason";

  /** The pseudo-rule's metadata, as reports, SARIF and the rule pages print it. */
  public static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
      ID,
      List.of(),
      "Suppression without a reason",
      Family.SUPPRESSION,
      Severity.LOW,
      Confidence.HIGH,
      List.of(710),
      OwaspCategory.A04_INSECURE_DESIGN,
      "A suppression silences a security finding for good. Without a written reason nobody can"
          + " review it: a checked false positive and a postponed fix look the same, and the"
          + " suppression outlives the code it was written for.",
      "Say why the finding is safe: `// bulwark:ignore RuleId -- reason`; for"
          + " `@SuppressWarnings(\"bulwark:RuleId\")` put the reason in a `// comment` after the"
          + " annotation or alone on the line above it, or in the value:"
          + " `\"bulwark:RuleId -- reason\"`.",
      "");

  private SuppressionWithoutReason() {}

  /**
   * The result with one {@code SuppressionWithoutReason} finding per suppression (file and
   * place) that silenced something without a reason, and the pseudo-rule among the rules.
   */
  public static ScanResult apply(ScanResult result) {
    Map<String, List<Finding>> bySite = new LinkedHashMap<>();
    for (Finding suppressed : result.suppressed()) {
      Suppression suppression = suppressed.suppression();
      if (suppression.hasReason()) {
        continue;
      }
      String site = suppressed.file() + '\n' + suppression.range();
      bySite.computeIfAbsent(site, s -> new ArrayList<>()).add(suppressed);
    }
    List<RuleDescriptor> rules = new ArrayList<>(result.rules());
    if (rules.stream().noneMatch(rule -> rule.id().equals(ID))) {
      rules.add(DESCRIPTOR);
      rules.sort(java.util.Comparator.comparing(RuleDescriptor::id));
    }
    List<Finding> findings = new ArrayList<>(result.findings());
    for (List<Finding> silenced : bySite.values()) {
      findings.add(finding(silenced));
    }
    findings.sort(Finding.ORDER);
    return result.withFindings(rules, findings);
  }

  private static Finding finding(List<Finding> silenced) {
    Finding first = silenced.get(0);
    Suppression suppression = first.suppression();
    TreeSet<String> ruleIds = new TreeSet<>();
    silenced.forEach(finding -> ruleIds.add(finding.ruleId()));
    String what = suppression.kind() == Suppression.Kind.ANNOTATION
        ? suppression.text() : "'" + suppression.text() + "'";
    String message = what + " silences " + String.join(", ", ruleIds)
        + " without a reason (" + silenced.size()
        + (silenced.size() == 1 ? " finding)" : " findings)");
    return new Finding(ID, DESCRIPTOR.severity(), DESCRIPTOR.confidence(), first.file(),
        suppression.range(), message, DESCRIPTOR.fix(),
        fingerprint(first.file(), suppression.text(), first.fingerprint()));
  }

  /** From the suppression's text and the first finding it silences: no line numbers. */
  private static String fingerprint(String file, String text, String silencedFingerprint) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] bytes = digest.digest((ID + '\n' + file + '\n' + text + '\n' + silencedFingerprint)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(bytes, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
