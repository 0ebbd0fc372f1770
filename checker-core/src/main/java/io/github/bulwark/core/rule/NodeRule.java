package io.github.bulwark.core.rule;

import com.github.javaparser.ast.Node;
import io.github.bulwark.core.analysis.FileContext;

/**
 * A rule that looks at one kind of syntax node. The engine walks each compilation unit once and
 * calls {@link #check} for every node that is an instance of {@link #nodeType()}.
 *
 * @param <N> the node type this rule subscribes to
 */
public interface NodeRule<N extends Node> extends Rule {

  Class<N> nodeType();

  /**
   * The node classes the engine dispatches to this rule; by default {@link #nodeType()}. A rule
   * that looks at a few shapes of one construct (a method, a lambda, a constant) declares
   * {@code Node} as its type and lists the shapes here.
   */
  default java.util.List<Class<? extends N>> nodeTypes() {
    return java.util.List.of(nodeType());
  }

  /** Checks one node; reports problems through {@code findings}. Must not keep state. */
  void check(N node, FileContext file, Findings findings);
}
