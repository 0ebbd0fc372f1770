package io.github.bulwark.core.project;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every method of the scanned project as compact facts, joined by name and argument count so
 * that "a project method it calls" can be followed across files without types. Over-approximates
 * calls (any method of that name and arity may be the callee), which is the safe side for
 * questions like "is there a rate limiter anywhere on this path?".
 */
public final class ProjectIndex {

  /** How many calls deep a question is followed. */
  public static final int MAX_DEPTH = 6;

  private final Map<String, List<MethodSummary>> byKey = new HashMap<>();
  private final List<MethodSummary> all = new ArrayList<>();
  private final Map<String, String> properties;

  public ProjectIndex(Collection<MethodSummary> methods) {
    this(methods, Map.of());
  }

  /**
   * An index of methods and of the project's configuration properties (keys and values of its
   * {@code *.properties} files, the first file in path order winning).
   */
  public ProjectIndex(Collection<MethodSummary> methods, Map<String, String> properties) {
    for (MethodSummary method : methods) {
      all.add(method);
      byKey.computeIfAbsent(method.key(), k -> new ArrayList<>()).add(method);
    }
    this.properties = Map.copyOf(properties);
  }

  /**
   * The value the project's configuration gives {@code key}: what
   * {@code props.getProperty("cryptoAlg1", "AES")} really returns when the application loads
   * its own properties file.
   */
  public Optional<String> property(String key) {
    return Optional.ofNullable(properties.get(key));
  }

  public List<MethodSummary> methods() {
    return all;
  }

  /** The project's methods with this name and arity. */
  public List<MethodSummary> find(String name, int arity) {
    return byKey.getOrDefault(name + "/" + arity, List.of());
  }

  /**
   * The first method reachable from {@code start} (itself included) that satisfies
   * {@code fact}, following calls up to {@link #MAX_DEPTH} deep.
   */
  public Optional<MethodSummary> reaches(MethodSummary start, Predicate<MethodSummary> fact) {
    Set<String> seen = new HashSet<>();
    Deque<MethodSummary> queue = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    queue.add(start);
    depths.add(0);
    while (!queue.isEmpty()) {
      MethodSummary method = queue.poll();
      int depth = depths.poll();
      if (fact.test(method)) {
        return Optional.of(method);
      }
      if (depth >= MAX_DEPTH) {
        continue;
      }
      for (String call : method.calls()) {
        if (!seen.add(call)) {
          continue;
        }
        for (MethodSummary callee : byKey.getOrDefault(call, List.of())) {
          queue.add(callee);
          depths.add(depth + 1);
        }
      }
    }
    return Optional.empty();
  }

  /** True when any method of the project satisfies {@code fact}. */
  public Optional<MethodSummary> any(Predicate<MethodSummary> fact) {
    return all.stream().filter(fact).findFirst();
  }
}
