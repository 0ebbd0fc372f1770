package io.github.bulwark.core.rule;

import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A rule's metadata as data: what reports, the rule list and the SARIF driver print. */
public record RuleDescriptor(
    String id,
    List<String> aliases,
    String title,
    Family family,
    Severity severity,
    Confidence confidence,
    List<Integer> cwes,
    OwaspCategory owasp,
    String description,
    String fix,
    String helper) {

  private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Za-z0-9]+");

  public RuleDescriptor {
    Objects.requireNonNull(id, "id");
    if (!RULE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id '" + id + "' is not PascalCase");
    }
    if (cwes.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " names no CWE");
    }
    aliases = List.copyOf(aliases);
    cwes = List.copyOf(cwes);
  }

  /** Reads the {@link RuleInfo} annotation of a rule class; a clear error when it is missing. */
  public static RuleDescriptor of(Class<?> ruleClass) {
    RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
    if (info == null) {
      throw new IllegalStateException(
          "rule class " + ruleClass.getName() + " has no @RuleInfo annotation");
    }
    return new RuleDescriptor(
        info.id(),
        List.of(info.aliases()),
        info.title(),
        info.family(),
        info.severity(),
        info.confidence(),
        Arrays.stream(info.cwe()).boxed().toList(),
        info.owasp(),
        info.description(),
        info.fix(),
        info.helper());
  }

  /** True for the id or any former id of this rule. */
  public boolean answersTo(String ruleId) {
    return id.equals(ruleId) || aliases.contains(ruleId);
  }

  /** Where the rule pages live in the Bulwark repository. */
  public static final String DOCS_BASE_URI =
      "https://github.com/bulwark-security/bulwark/blob/main/";

  /** Where a reader learns more: the rule's page in the Bulwark repository. */
  public String helpUri() {
    return DOCS_BASE_URI + docPath();
  }

  /** The rule's page, relative to the repository root: {@code docs/rules/<RuleId>.md}. */
  public String docPath() {
    return docPath(id);
  }

  /** The page of the rule with this id: {@code docs/rules/<RuleId>.md}. */
  public static String docPath(String ruleId) {
    return "docs/rules/" + ruleId + ".md";
  }

  public String cweUri(int cwe) {
    return "https://cwe.mitre.org/data/definitions/" + cwe + ".html";
  }
}
