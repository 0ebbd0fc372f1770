package io.github.bulwark.core.taint;

import java.util.HashMap;
import java.util.Map;

/** Variables' abstract values at one point of a method, and whether that point is reachable. */
final class State {

  final Map<String, Value> vars;
  /** True after return, throw, break or continue: code here does not run on this path. */
  boolean dead;

  State() {
    this.vars = new HashMap<>();
  }

  private State(Map<String, Value> vars, boolean dead) {
    this.vars = new HashMap<>(vars);
    this.dead = dead;
  }

  State copy() {
    return new State(vars, dead);
  }

  /** The state after either of two paths; a dead path contributes nothing. */
  static State join(State a, State b) {
    if (a.dead) {
      return b.copy();
    }
    if (b.dead) {
      return a.copy();
    }
    State joined = a.copy();
    for (Map.Entry<String, Value> entry : b.vars.entrySet()) {
      joined.vars.merge(entry.getKey(), entry.getValue(), Value::merge);
    }
    // A variable assigned on only one path keeps its other value (declared before the branch).
    return joined;
  }

  Value get(String name) {
    return vars.get(name);
  }

  void set(String name, Value value) {
    vars.put(name, value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof State s && s.dead == dead && s.vars.equals(vars);
  }

  @Override
  public int hashCode() {
    return vars.hashCode();
  }
}
