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

  /** Where a reader learns more: the page of the rule's primary CWE. */
  public String helpUri() {
    return cweUri(cwes.get(0));
  }

  public String cweUri(int cwe) {
    return "https://cwe.mitre.org/data/definitions/" + cwe + ".html";
  }
}
