package io.github.bulwark.cli;

import io.github.bulwark.core.rule.RuleDescriptor;
import io.github.bulwark.core.rule.RuleRegistry;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bulwark rules}: every rule with its id, severity, CWEs and title. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "List every rule: id, severity, family, CWEs and title.")
final class RulesCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    var out = spec.commandLine().getOut();
    RuleRegistry registry = RuleRegistry.load();
    int width = registry.descriptors().stream().mapToInt(d -> d.id().length()).max().orElse(10);
    int cweWidth = registry.descriptors().stream().mapToInt(d -> cwes(d).length()).max()
        .orElse(8);
    for (RuleDescriptor rule : registry.descriptors()) {
      out.printf("%-" + width + "s  %-8s  %-9s  %-" + cweWidth + "s  %s%n", rule.id(),
          rule.severity().label(), rule.family().label(), cwes(rule), rule.title());
    }
    out.flush();
  }

  private static String cwes(RuleDescriptor rule) {
    return rule.cwes().stream().map(c -> "CWE-" + c).collect(Collectors.joining(","));
  }
}
