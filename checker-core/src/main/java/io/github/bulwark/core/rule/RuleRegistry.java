package io.github.bulwark.core.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The rules available to a scan, found with {@link ServiceLoader}, sorted by id. */
public final class RuleRegistry {

  private final List<Rule> rules;
  private final Map<String, Rule> byIdOrAlias;

  private RuleRegistry(List<Rule> rules) {
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparing(rule -> rule.descriptor().id()));
    this.rules = List.copyOf(sorted);
    Map<String, Rule> index = new LinkedHashMap<>();
    for (Rule rule : this.rules) {
      RuleDescriptor descriptor = rule.descriptor();
      register(index, descriptor.id(), rule);
      for (String alias : descriptor.aliases()) {
        register(index, alias, rule);
      }
    }
    this.byIdOrAlias = Map.copyOf(index);
  }

  private static void register(Map<String, Rule> index, String id, Rule rule) {
    Rule previous = index.putIfAbsent(id, rule);
    if (previous != null && previous != rule) {
      throw new IllegalStateException("two rules answer to the id '" + id + "': "
          + previous.getClass().getName() + " and " + rule.getClass().getName());
    }
  }

  /** Every rule on the class path of {@code loader}. */
  public static RuleRegistry load(ClassLoader loader) {
    List<Rule> found = new ArrayList<>();
    try {
      for (Rule rule : ServiceLoader.load(Rule.class, loader)) {
        found.add(rule);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a rule could not be loaded: " + e.getMessage(), e);
    }
    return new RuleRegistry(found);
  }

  /** The rules on the class path that loaded Bulwark itself. */
  public static RuleRegistry load() {
    return load(RuleRegistry.class.getClassLoader());
  }

  public static RuleRegistry of(Collection<? extends Rule> rules) {
    return new RuleRegistry(new ArrayList<>(rules));
  }

  public List<Rule> all() {
    return rules;
  }

  public List<RuleDescriptor> descriptors() {
    return rules.stream().map(Rule::descriptor).toList();
  }

  /** The rule with this id or former id. */
  public Optional<Rule> find(String idOrAlias) {
    return Optional.ofNullable(byIdOrAlias.get(idOrAlias));
  }

  /**
   * The rules named, in id order; an unknown id is an {@link IllegalArgumentException} listing
   * what is known, because a typo that silently disables a rule is a hole in the gate.
   */
  public RuleRegistry select(Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return this;
    }
    List<Rule> chosen = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      String trimmed = id.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      Rule rule = byIdOrAlias.get(trimmed);
      if (rule == null) {
        unknown.add(trimmed);
      } else if (!chosen.contains(rule)) {
        chosen.add(rule);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown rule id" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + "; known rules: "
          + String.join(", ", rules.stream().map(r -> r.descriptor().id()).toList()));
    }
    return new RuleRegistry(chosen);
  }
}
