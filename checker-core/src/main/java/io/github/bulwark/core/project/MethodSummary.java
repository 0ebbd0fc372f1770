package io.github.bulwark.core.project;

import java.util.Set;

/**
 * The compact facts the project index keeps about one method or constructor once its file's AST
 * is gone: who it is, what it calls (by name and argument count), which annotations sit on it
 * and its class, and the string literals it uses. Enough to answer "does this endpoint log,
 * throttle or check a second factor anywhere it calls?" across files.
 *
 * @param type simple name of the declaring type
 * @param name method name ({@code <init>} for constructors)
 * @param calls callees as {@code name/arity}
 * @param calledNames callees' bare names, also with their receiver ({@code limiter.tryAcquire})
 * @param annotations simple names of annotations on the method and its enclosing types
 * @param literals string literals in the body (capped)
 * @param supertypes simple names of the declaring type's superclass and interfaces
 * @param parameterFlows where parameters are passed on, as {@code i>callee/arity#j}: parameter
 *     {@code i} appears in argument {@code j} of a call to {@code callee}
 */
public record MethodSummary(
    String file,
    String type,
    String name,
    int arity,
    Set<String> calls,
    Set<String> calledNames,
    Set<String> annotations,
    Set<String> literals,
    Set<String> supertypes,
    Set<String> parameterFlows) {

  /** A summary without type hierarchy or parameter flows. */
  public MethodSummary(String file, String type, String name, int arity, Set<String> calls,
      Set<String> calledNames, Set<String> annotations, Set<String> literals) {
    this(file, type, name, arity, calls, calledNames, annotations, literals, Set.of(), Set.of());
  }

  public MethodSummary {
    supertypes = Set.copyOf(supertypes);
    parameterFlows = Set.copyOf(parameterFlows);
    calls = Set.copyOf(calls);
    calledNames = Set.copyOf(calledNames);
    annotations = Set.copyOf(annotations);
    literals = Set.copyOf(literals);
  }

  public String key() {
    return name + "/" + arity;
  }

  /** True when the method calls something whose name (or receiver.name) matches. */
  public boolean callsMatching(java.util.regex.Pattern pattern) {
    for (String called : calledNames) {
      if (pattern.matcher(called).matches()) {
        return true;
      }
    }
    return false;
  }
}
