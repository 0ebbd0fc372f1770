package io.github.bulwark.core.taint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What is known about untrusted data in one value: the path it took from its source, the sink
 * kinds a sanitizer has already made it safe for, and, inside a method summary, which of the
 * method's parameters it came from. Immutable.
 */
public final class Taint {

  private static final int MAX_PATH = 12;

  private final List<FlowStep> path;
  private final Set<SinkKind> cleared;
  private final Set<Integer> parameters;
  private final boolean fromSource;

  private Taint(List<FlowStep> path, Set<SinkKind> cleared, Set<Integer> parameters,
      boolean fromSource) {
    this.path = path;
    this.cleared = cleared;
    this.parameters = parameters;
    this.fromSource = fromSource;
  }

  /** Data straight from an untrusted source. */
  public static Taint source(FlowStep where) {
    return new Taint(List.of(where), Set.of(), Set.of(), true);
  }

  /** The symbolic value of parameter {@code index} while a method summary is computed. */
  static Taint parameter(int index) {
    return new Taint(List.of(), Set.of(), Set.of(index), false);
  }

  /**
   * The same taint without symbolic parameters: what survives outside the method it was
   * computed in (a field written by a constructor from its parameter is not tainted by that).
   * Null when only parameters made it.
   */
  Taint withoutParameters() {
    if (!fromSource) {
      return null;
    }
    return parameters.isEmpty() ? this : new Taint(path, cleared, Set.of(), true);
  }

  /** True when the value comes from a real source (not only from a summary's parameters). */
  public boolean fromSource() {
    return fromSource;
  }

  Set<Integer> parameters() {
    return parameters;
  }

  public List<FlowStep> path() {
    return path;
  }

  /** True when nothing on the way made the value safe for {@code kind}. */
  public boolean reaches(SinkKind kind) {
    return !cleared.contains(kind);
  }

  public Set<SinkKind> cleared() {
    return cleared;
  }

  /** The same taint with one more step on its path. */
  public Taint through(FlowStep step) {
    if (path.size() >= MAX_PATH || (!path.isEmpty() && path.get(path.size() - 1).equals(step))) {
      return this;
    }
    List<FlowStep> longer = new ArrayList<>(path);
    longer.add(step);
    return new Taint(List.copyOf(longer), cleared, parameters, fromSource);
  }

  /** The same taint, now safe for {@code kinds} as well. */
  public Taint clearedFor(Set<SinkKind> kinds, FlowStep step) {
    EnumSet<SinkKind> all = cleared.isEmpty() ? EnumSet.noneOf(SinkKind.class)
        : EnumSet.copyOf(cleared);
    all.addAll(kinds);
    return new Taint(path, Collections.unmodifiableSet(all), parameters, fromSource)
        .through(step);
  }

  /**
   * Both values' taint: a real source wins the path, a sink kind stays cleared only if both
   * were cleared for it, and the parameters add up.
   */
  public static Taint merge(Taint a, Taint b) {
    if (a == null) {
      return b;
    }
    if (b == null || a == b) {
      return a;
    }
    Taint first = a.fromSource || !b.fromSource ? a : b;
    EnumSet<SinkKind> cleared = EnumSet.noneOf(SinkKind.class);
    for (SinkKind kind : a.cleared) {
      if (b.cleared.contains(kind)) {
        cleared.add(kind);
      }
    }
    Set<Integer> parameters = a.parameters;
    if (!b.parameters.isEmpty()) {
      TreeSet<Integer> union = new TreeSet<>(a.parameters);
      union.addAll(b.parameters);
      parameters = Collections.unmodifiableSet(union);
    }
    return new Taint(first.path, Collections.unmodifiableSet(cleared), parameters,
        a.fromSource || b.fromSource);
  }

  /**
   * A summary's result applied at a call: the caller's argument taint replaces the symbolic
   * parameter, keeping what the callee cleared.
   */
  Taint appliedTo(Taint argument, FlowStep call) {
    EnumSet<SinkKind> all = EnumSet.noneOf(SinkKind.class);
    all.addAll(argument.cleared);
    all.addAll(cleared);
    return new Taint(argument.path, Collections.unmodifiableSet(all), argument.parameters,
        argument.fromSource).through(call);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Taint t && t.path.equals(path) && t.cleared.equals(cleared)
        && t.parameters.equals(parameters) && t.fromSource == fromSource;
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + cleared.hashCode();
  }
}
