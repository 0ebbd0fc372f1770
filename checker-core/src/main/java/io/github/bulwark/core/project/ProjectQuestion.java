package io.github.bulwark.core.project;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rule asks of the whole project about one finding, held as plain data until every file
 * has been read: named text facts (an endpoint's route, a property key, a sink's parameter) and
 * the method summaries the question is about. Data rather than code, so a file's deferred
 * findings are cached with its other results, and asked again against a new project index when
 * any other file changes, without parsing this file again. The rule that asked answers it
 * ({@link io.github.bulwark.core.rule.ProjectRule}).
 *
 * @param facts named values, each a list of texts (one for a single value)
 * @param methods the method summaries the question is about, first the main one
 */
public record ProjectQuestion(Map<String, List<String>> facts, List<MethodSummary> methods) {

  public ProjectQuestion {
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    facts.forEach((name, values) -> sorted.put(name, List.copyOf(values)));
    facts = java.util.Collections.unmodifiableMap(sorted);
    methods = List.copyOf(methods);
  }

  /** A question about these methods, facts to be added with {@link #with}. */
  public static ProjectQuestion about(MethodSummary... methods) {
    return new ProjectQuestion(Map.of(), Arrays.asList(methods));
  }

  /** This question with one more single-valued fact. */
  public ProjectQuestion with(String name, String value) {
    return with(name, List.of(value));
  }

  /** This question with one more fact holding several values (kept in the given order). */
  public ProjectQuestion with(String name, Collection<String> values) {
    TreeMap<String, List<String>> more = new TreeMap<>(facts);
    more.put(name, new ArrayList<>(values));
    return new ProjectQuestion(more, methods);
  }

  /** The single value of a fact; a question without it was built by another rule version. */
  public String text(String name) {
    List<String> values = texts(name);
    if (values.size() != 1) {
      throw new IllegalStateException("fact '" + name + "' has " + values.size()
          + " values, expected one");
    }
    return values.get(0);
  }

  /** All values of a fact. */
  public List<String> texts(String name) {
    List<String> values = facts.get(name);
    if (values == null) {
      throw new IllegalStateException("question has no fact '" + name + "' (facts: "
          + facts.keySet() + ")");
    }
    return values;
  }

  /** The method the question is about. */
  public MethodSummary method() {
    if (methods.isEmpty()) {
      throw new IllegalStateException("question is about no method");
    }
    return methods.get(0);
  }
}
