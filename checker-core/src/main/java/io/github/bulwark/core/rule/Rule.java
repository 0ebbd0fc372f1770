package io.github.bulwark.core.rule;

/**
 * A security rule. Implementations are stateless, annotated with {@link RuleInfo}, and listed in
 * {@code META-INF/services/io.github.bulwark.core.rule.Rule} so {@link java.util.ServiceLoader}
 * finds them, including rules a team ships in its own jar.
 *
 * <p>Rules implement {@link NodeRule}: they subscribe to one node type and the engine walks each
 * file once, dispatching every node to the rules that asked for it.
 */
public interface Rule {

  /** The rule's metadata; read from its {@link RuleInfo} annotation. */
  default RuleDescriptor descriptor() {
    return RuleDescriptor.of(getClass());
  }
}
