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
  private final Map<Class<?>, List<ActiveRule>> byNodeClass = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  RuleDispatcher(List<Rule> rules) {
    List<ActiveRule> active = new ArrayList<>();
    for (Rule rule : rules) {
      if (!(rule instanceof NodeRule<?> nodeRule)) {
        throw new IllegalStateException("rule " + rule.getClass().getName()
            + " implements no known rule interface (NodeRule)");
      }
      active.add(new ActiveRule((NodeRule<Node>) nodeRule, rule.descriptor()));
    }
    this.rules = List.copyOf(active);
  }

  List<ActiveRule> rulesFor(Class<?> nodeClass) {
    return byNodeClass.computeIfAbsent(nodeClass, type -> rules.stream()
        .filter(active -> active.rule().nodeTypes().stream()
            .anyMatch(wanted -> wanted.isAssignableFrom(type)))
        .toList());
  }

  List<RuleDescriptor> descriptors() {
    return rules.stream().map(ActiveRule::descriptor).toList();
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }
}
