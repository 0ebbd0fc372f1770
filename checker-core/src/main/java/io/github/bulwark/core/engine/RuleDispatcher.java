package io.github.bulwark.core.engine;

import com.github.javaparser.ast.Node;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.Rule;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which rules want which node classes. Built once per scan and shared by the worker threads; the
 * per-class lists are computed on first sight of a node class.
 */
final class RuleDispatcher {

  /**
   * A rule with its metadata read once, and its position among the node rules (so per-file state
   * can sit in an array instead of a map looked up for every node).
   */
  record ActiveRule(int index, NodeRule<Node> rule, RuleDescriptor descriptor) {}

  private final List<ActiveRule> rules;
  private final List<io.github.bulwark.core.rule.TextFileRule> textRules;
  /** The rules for each node class, computed on first sight (asked once per node of a scan). */
  private final ClassValue<List<ActiveRule>> byNodeClass = new ClassValue<>() {
    @Override
    protected List<ActiveRule> computeValue(Class<?> type) {
      return rules.stream()
          .filter(active -> active.rule().nodeTypes().stream()
              .anyMatch(wanted -> wanted.isAssignableFrom(type)))
          .toList();
    }
  };

  RuleDispatcher(List<Rule> rules) {
    this(rules, io.github.bulwark.core.config.BulwarkConfig.EMPTY);
  }

  /** The project configuration rules and the taint engine consult. */
  private io.github.bulwark.core.config.BulwarkConfig config =
      io.github.bulwark.core.config.BulwarkConfig.EMPTY;

  RuleDispatcher(List<Rule> rules, io.github.bulwark.core.config.BulwarkConfig config) {
    this(rules, config.severities());
    this.config = config;
  }

  io.github.bulwark.core.config.BulwarkConfig config() {
    return config;
  }

  /** Set once before the workers start; read by them (the pool's start publishes it). */
  private volatile boolean projectHasSources = true;

  void projectHasSources(boolean value) {
    this.projectHasSources = value;
  }

  boolean projectHasSources() {
    return projectHasSources;
  }

  /** A rule's metadata as this scan uses it (with a configured severity). */
  RuleDescriptor descriptorFor(Rule rule) {
    String id = rule.descriptor().id();
    return descriptors.stream().filter(d -> d.id().equals(id)).findFirst()
        .orElse(rule.descriptor());
  }

  /** Rules with the severities a project configuration assigns instead of their own. */
  @SuppressWarnings("unchecked")
  RuleDispatcher(List<Rule> rules,
      java.util.Map<String, io.github.bulwark.core.model.Severity> severities) {
    List<ActiveRule> active = new ArrayList<>();
    List<io.github.bulwark.core.rule.TextFileRule> text = new ArrayList<>();
    List<RuleDescriptor> all = new ArrayList<>();
    Map<String, io.github.bulwark.core.rule.ProjectRule> answering = new java.util.HashMap<>();
    for (Rule rule : rules) {
      RuleDescriptor descriptor = withSeverity(rule.descriptor(), severities);
      all.add(descriptor);
      if (rule instanceof io.github.bulwark.core.rule.ProjectRule projectRule) {
        answering.put(descriptor.id(), projectRule);
      }
      if (rule instanceof io.github.bulwark.core.rule.TextFileRule textRule) {
        text.add(textRule);
        continue;
      }
      if (!(rule instanceof NodeRule<?> nodeRule)) {
        throw new IllegalStateException("rule " + rule.getClass().getName()
            + " implements no known rule interface (NodeRule or TextFileRule)");
      }
      active.add(new ActiveRule(active.size(), (NodeRule<Node>) nodeRule, descriptor));
    }
    this.rules = List.copyOf(active);
    this.textRules = List.copyOf(text);
    this.descriptors = List.copyOf(all);
    this.projectRules = Map.copyOf(answering);
  }

  private final Map<String, io.github.bulwark.core.rule.ProjectRule> projectRules;

  /** The rule with this id that answers deferred findings' questions, if it is active. */
  java.util.Optional<io.github.bulwark.core.rule.ProjectRule> projectRule(String ruleId) {
    return java.util.Optional.ofNullable(projectRules.get(ruleId));
  }

  private final List<RuleDescriptor> descriptors;

  private static RuleDescriptor withSeverity(RuleDescriptor d,
      java.util.Map<String, io.github.bulwark.core.model.Severity> severities) {
    io.github.bulwark.core.model.Severity severity = severities.get(d.id());
    if (severity == null || severity == d.severity()) {
      return d;
    }
    return new RuleDescriptor(d.id(), d.aliases(), d.title(), d.family(), severity,
        d.confidence(), d.cwes(), d.owasp(), d.description(), d.fix(), d.helper());
  }

  /** The text-file rules that read a file of this name. */
  List<io.github.bulwark.core.rule.TextFileRule> textRulesFor(String fileName) {
    return textRules.stream().filter(rule -> rule.accepts(fileName)).toList();
  }

  boolean hasTextRules() {
    return !textRules.isEmpty();
  }

  List<ActiveRule> rulesFor(Class<?> nodeClass) {
    return byNodeClass.get(nodeClass);
  }

  /** How many node rules there are: one more than the highest {@link ActiveRule#index()}. */
  int nodeRuleCount() {
    return rules.size();
  }

  List<RuleDescriptor> descriptors() {
    return descriptors;
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }
}
