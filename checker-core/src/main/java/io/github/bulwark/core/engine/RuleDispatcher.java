package io.github.bulwark.core.engine;

import com.github.javaparser.ast.Node;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.Rule;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which rules want which node classes. Built once per scan and shared by the worker threads; the
 * per-class lists are computed on first sight of a node class.
 */
final class RuleDispatcher {

  /** A rule with its metadata read once. */
  record ActiveRule(NodeRule<Node> rule, RuleDescriptor descriptor) {}

  private final List<ActiveRule> rules;
  private final List<io.github.bulwark.core.rule.TextFileRule> textRules;
  private final Map<Class<?>, List<ActiveRule>> byNodeClass = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  RuleDispatcher(List<Rule> rules) {
    List<ActiveRule> active = new ArrayList<>();
    List<io.github.bulwark.core.rule.TextFileRule> text = new ArrayList<>();
    List<RuleDescriptor> all = new ArrayList<>();
    for (Rule rule : rules) {
      all.add(rule.descriptor());
      if (rule instanceof io.github.bulwark.core.rule.TextFileRule textRule) {
        text.add(textRule);
        continue;
      }
      if (!(rule instanceof NodeRule<?> nodeRule)) {
        throw new IllegalStateException("rule " + rule.getClass().getName()
            + " implements no known rule interface (NodeRule or TextFileRule)");
      }
      active.add(new ActiveRule((NodeRule<Node>) nodeRule, rule.descriptor()));
    }
    this.rules = List.copyOf(active);
    this.textRules = List.copyOf(text);
    this.descriptors = List.copyOf(all);
  }

  private final List<RuleDescriptor> descriptors;

  /** The text-file rules that read a file of this name. */
  List<io.github.bulwark.core.rule.TextFileRule> textRulesFor(String fileName) {
    return textRules.stream().filter(rule -> rule.accepts(fileName)).toList();
  }

  boolean hasTextRules() {
    return !textRules.isEmpty();
  }

  List<ActiveRule> rulesFor(Class<?> nodeClass) {
    return byNodeClass.computeIfAbsent(nodeClass, type -> rules.stream()
        .filter(active -> active.rule().nodeTypes().stream()
            .anyMatch(wanted -> wanted.isAssignableFrom(type)))
        .toList());
  }

  List<RuleDescriptor> descriptors() {
    return descriptors;
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }
}
