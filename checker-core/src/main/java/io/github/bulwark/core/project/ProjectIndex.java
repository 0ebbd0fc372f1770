package io.github.bulwark.core.project;

import java.util.ArrayList;
import java.util.Collection;
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
 * questions like "is there a rate limiter anywhere on this path?". Answers are memoised, so an
 * index is not thread-safe: the engine asks every question from one thread.
 */
public final class ProjectIndex {

  /** How many calls deep a question is followed. */
  public static final int MAX_DEPTH = 6;

  private Map<String, List<MethodSummary>> byKey;
  private final List<MethodSummary> all = new ArrayList<>();
  /** Each method's {@code name/arity}, by its position in {@link #all}, built once. */
  private final String[] keys;
  private final Map<String, String> properties;
  private final Map<String, List<TaintedCall>> taintedCalls = new HashMap<>();
  private Map<String, List<MethodSummary>> passersByCallee;

  public ProjectIndex(Collection<MethodSummary> methods) {
    this(methods, Map.of());
  }

  /**
   * An index of methods and of the project's configuration properties (keys and values of its
   * {@code *.properties} files, the first file in path order winning).
   */
  public ProjectIndex(Collection<MethodSummary> methods, Map<String, String> properties) {
    keys = new String[methods.size()];
    for (MethodSummary method : methods) {
      keys[all.size()] = method.key();
      all.add(method);
    }
    this.properties = Map.copyOf(properties);
  }

  /** The methods by {@code name/arity}; built on first use, as a scan may never ask. */
  private Map<String, List<MethodSummary>> byKey() {
    if (byKey == null) {
      byKey = new HashMap<>();
      for (int i = 0; i < all.size(); i++) {
        byKey.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(all.get(i));
      }
    }
    return byKey;
  }

  /**
   * The methods that pass a parameter on to each callee key; built on first use (only
   * cross-file taint questions ask).
   */
  private Map<String, List<MethodSummary>> passersByCallee() {
    if (passersByCallee == null) {
      passersByCallee = new HashMap<>();
      for (MethodSummary method : all) {
        for (String flow : method.parameterFlows()) {
          String callee = flow.substring(flow.indexOf('>') + 1, flow.indexOf('#'));
          passersByCallee.computeIfAbsent(callee, k -> new ArrayList<>()).add(method);
        }
      }
    }
    return passersByCallee;
  }

  /** An index that also knows where untrusted data was passed to methods of other files. */
  public ProjectIndex(Collection<MethodSummary> methods, Map<String, String> properties,
      Collection<TaintedCall> calls) {
    this(methods, properties);
    for (TaintedCall call : calls) {
      taintedCalls.computeIfAbsent(call.callee() + "/" + call.arity(), k -> new ArrayList<>())
          .add(call);
    }
  }

  /**
   * A call somewhere in the project that passes untrusted data into one of {@code params} of the
   * method {@code type.name/arity} — directly, or through methods that hand their own parameter
   * on to it (a controller calling a service calling a repository). Receivers whose declared
   * type is known must be the method's type or one of its supertypes.
   */
  public Optional<TaintedCall> taintArriving(String type, Set<String> supertypes, String name,
      int arity, Set<Integer> params) {
    if (taintedCalls.isEmpty()) {
      return Optional.empty(); // nothing in the project passes untrusted data anywhere
    }
    String key = type + "|" + new java.util.TreeSet<>(supertypes) + "|" + name + "/" + arity
        + "|" + new java.util.TreeSet<>(params);
    return arrivals.computeIfAbsent(key,
        k -> taintArriving(type, supertypes, name, arity, params, 0, new HashSet<>()));
  }

  /** Answers already computed: many sinks share a method and ask the same question. */
  private final Map<String, Optional<TaintedCall>> arrivals = new HashMap<>();

  private Optional<TaintedCall> taintArriving(String type, Set<String> supertypes, String name,
      int arity, Set<Integer> params, int depth, Set<String> seen) {
    String key = name + "/" + arity;
    if (depth > 4 || !seen.add(type + "." + key + params)) {
      return Optional.empty();
    }
    for (TaintedCall call : taintedCalls.getOrDefault(key, List.of())) {
      if (params.contains(call.argument())
          && receiverMatches(call.receiverType(), type, supertypes)) {
        return Optional.of(call);
      }
    }
    for (MethodSummary passer : passersByCallee().getOrDefault(key, List.of())) {
      Set<Integer> passed = new HashSet<>();
      for (String flow : passer.parameterFlows()) {
        int gt = flow.indexOf('>');
        int hash = flow.indexOf('#');
        if (flow.substring(gt + 1, hash).equals(key)
            && params.contains(Integer.parseInt(flow.substring(hash + 1)))) {
          passed.add(Integer.parseInt(flow.substring(0, gt)));
        }
      }
      if (!passed.isEmpty()) {
        Optional<TaintedCall> upstream = taintArriving(passer.type(), passer.supertypes(),
            passer.name(), passer.arity(), passed, depth + 1, seen);
        if (upstream.isPresent()) {
          return upstream;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean receiverMatches(String receiverType, String type,
      Set<String> supertypes) {
    if (receiverType == null || receiverType.isEmpty() || type.isEmpty()) {
      return true;
    }
    return receiverType.equals(type) || supertypes.contains(receiverType)
        || type.startsWith(receiverType) || receiverType.startsWith(type);
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
    return byKey().getOrDefault(name + "/" + arity, List.of());
  }

  /**
   * A method reachable from {@code start} (itself included) that satisfies {@code fact},
   * following calls up to {@link #MAX_DEPTH} deep; empty when there is none.
   *
   * <p>Answered from one backward pass per fact over the whole project (every method that
   * satisfies it, then their callers, and theirs, up to the depth), so each question costs a
   * look at the start's own calls: a project asks thousands of them, and a forward search per
   * question fans out through every method sharing a common name.
   */
  public Optional<MethodSummary> reaches(MethodSummary start, Predicate<MethodSummary> fact) {
    if (factsKnown(fact).computeIfAbsent(start, fact::test)) {
      return Optional.of(start);
    }
    Map<String, Reach> nearest = reachByKey(fact);
    Reach best = null;
    for (String call : start.calls()) {
      Reach reach = nearest.get(call);
      if (reach != null && (best == null || reach.distance() < best.distance())) {
        best = reach;
      }
    }
    return best != null && best.distance() + 1 <= MAX_DEPTH ? Optional.of(best.witness())
        : Optional.empty();
  }

  /** How far a method is from one that satisfies a fact, and that method. */
  private record Reach(int distance, MethodSummary witness) {}

  /**
   * For each callee key, the nearest method satisfying {@code fact} among the methods with that
   * key and what they call, within {@link #MAX_DEPTH} - 1 calls. Methods are numbered by their
   * position in {@link #all}, so the breadth-first pass over a whole project (most of its
   * methods, for a fact as common as "logs") runs on arrays.
   */
  private Map<String, Reach> reachByKey(Predicate<MethodSummary> fact) {
    return reachKnown.computeIfAbsent(fact, f -> {
      int count = all.size();
      int[] distance = new int[count];
      java.util.Arrays.fill(distance, -1);
      int[] witness = new int[count];
      int[] queue = new int[count]; // each method is queued at most once
      int head = 0;
      int tail = 0;
      for (int i = 0; i < count; i++) {
        if (f.test(all.get(i))) {
          distance[i] = 0;
          witness[i] = i;
          queue[tail++] = i;
        }
      }
      Map<String, Reach> byCalleeKey = new HashMap<>();
      Map<String, Positions> callers = callers();
      while (head < tail) {
        int method = queue[head++];
        // Methods leave the queue nearest first, so the first with a key is its nearest; the
        // callers of a key are the same for every method sharing it (hundreds share get/1).
        if (byCalleeKey.containsKey(keys[method])) {
          continue;
        }
        byCalleeKey.put(keys[method], new Reach(distance[method], all.get(witness[method])));
        if (distance[method] + 1 > MAX_DEPTH - 1) {
          continue;
        }
        Positions calling = callers.getOrDefault(keys[method], NONE);
        for (int c = 0; c < calling.size; c++) {
          int caller = calling.items[c];
          if (distance[caller] < 0) {
            distance[caller] = distance[method] + 1;
            witness[caller] = witness[method];
            queue[tail++] = caller;
          }
        }
      }
      return byCalleeKey;
    });
  }

  private static final Positions NONE = new Positions();

  /** The positions in {@link #all} of the methods calling each callee key ({@code name/arity}). */
  private Map<String, Positions> callers() {
    if (callersByKey == null) {
      callersByKey = new HashMap<>();
      for (int i = 0; i < all.size(); i++) {
        for (String call : all.get(i).calls()) {
          callersByKey.computeIfAbsent(call, k -> new Positions()).add(i);
        }
      }
    }
    return callersByKey;
  }

  /** A growable list of method positions, without a boxed Integer per entry. */
  private static final class Positions {
    private int[] items = new int[2];
    private int size;

    void add(int position) {
      if (size == items.length) {
        items = java.util.Arrays.copyOf(items, size * 2);
      }
      items[size++] = position;
    }
  }

  private Map<String, Positions> callersByKey;
  private final Map<Predicate<MethodSummary>, Map<String, Reach>> reachKnown =
      new java.util.IdentityHashMap<>();

  /** True when any method of the project satisfies {@code fact}. */
  public Optional<MethodSummary> any(Predicate<MethodSummary> fact) {
    return anyKnown.computeIfAbsent(fact, f -> all.stream().filter(f).findFirst());
  }

  /**
   * What each fact said of each method, by identity: thousands of deferred findings ask the
   * same few facts (logs? throttles?) of the same methods, and a fact is a handful of regular
   * expressions over every name the method calls. A fact must be a pure function of the
   * summary, which every rule's static predicate is.
   */
  private Map<MethodSummary, Boolean> factsKnown(Predicate<MethodSummary> fact) {
    return known.computeIfAbsent(fact, f -> new java.util.IdentityHashMap<>());
  }

  private final Map<Predicate<MethodSummary>, Map<MethodSummary, Boolean>> known =
      new java.util.IdentityHashMap<>();
  private final Map<Predicate<MethodSummary>, Optional<MethodSummary>> anyKnown =
      new java.util.IdentityHashMap<>();
}
