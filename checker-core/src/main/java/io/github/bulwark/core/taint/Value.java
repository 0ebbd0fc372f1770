package io.github.bulwark.core.taint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The abstract value of an expression or variable during taint interpretation: its taint (or
 * none), its constant value when known, and, for maps, lists and arrays built in the method, the
 * values stored under each constant key or index, so that a map holding a safe value under one
 * key and request data under another is read precisely. Immutable.
 */
final class Value {

  static final Value UNKNOWN = new Value(null, null, null, null, false);

  final Taint taint;
  /** A folded constant (String, Long, Double, Boolean, Character), or null. */
  final Object constant;
  /** Entries of a map built here, by constant key; null when not tracked. */
  final Map<Object, Value> entries;
  /** Elements of a list or array built here, in order; null when not tracked. */
  final List<Value> elements;
  /** The request object itself: data read from it is untrusted, but it is not data. */
  final boolean requestObject;

  private Value(Taint taint, Object constant, Map<Object, Value> entries, List<Value> elements,
      boolean requestObject) {
    this.taint = taint;
    this.constant = constant;
    this.entries = entries;
    this.elements = elements;
    this.requestObject = requestObject;
  }

  static Value tainted(Taint taint) {
    return taint == null ? UNKNOWN : new Value(taint, null, null, null, false);
  }

  static Value constant(Object constant) {
    return constant == null ? UNKNOWN : new Value(null, constant, null, null, false);
  }

  static Value requestObject() {
    return new Value(null, null, null, null, true);
  }

  static Value map(Map<Object, Value> entries) {
    return new Value(null, null, Map.copyOf(entries), null, false);
  }

  static Value list(List<Value> elements) {
    return new Value(null, null, null, List.copyOf(elements), false);
  }

  boolean isTainted() {
    return allTaint() != null;
  }

  /** The taint of the value and everything it contains. */
  Taint allTaint() {
    Taint all = taint;
    if (entries != null) {
      for (Value entry : entries.values()) {
        all = Taint.merge(all, entry.allTaint());
      }
    }
    if (elements != null) {
      for (Value element : elements) {
        all = Taint.merge(all, element.allTaint());
      }
    }
    return all;
  }

  Value withTaint(Taint more) {
    if (more == null) {
      return this;
    }
    return new Value(Taint.merge(taint, more), null, entries, elements, requestObject);
  }

  /** The same value with its own taint replaced (contents keep theirs). */
  Value withOwnTaint(Taint replacement) {
    return new Value(replacement, constant, entries, elements, requestObject);
  }

  Value withEntry(Object key, Value value) {
    Map<Object, Value> copy = new HashMap<>(entries);
    copy.put(key, value);
    return new Value(taint, null, copy, null, requestObject);
  }

  Value withElements(List<Value> newElements) {
    return new Value(taint, null, null, List.copyOf(newElements), requestObject);
  }

  /** The value read under a constant key or index; the whole taint when not tracked. */
  Value read(Object keyOrIndex) {
    if (entries != null && keyOrIndex != null) {
      Value entry = entries.get(keyOrIndex);
      return entry == null ? tainted(taint) : entry.withTaint(taint);
    }
    if (elements != null && keyOrIndex instanceof Long index && index >= 0
        && index < elements.size()) {
      return elements.get(index.intValue()).withTaint(taint);
    }
    return tainted(allTaint());
  }

  /** Either value (after a branch): taints merge, structure survives only where both agree. */
  static Value merge(Value a, Value b) {
    if (a == null) {
      return b;
    }
    if (b == null || a == b) {
      return a;
    }
    Object constant = Objects.equals(a.constant, b.constant) ? a.constant : null;
    Map<Object, Value> entries = null;
    if (a.entries != null && b.entries != null) {
      entries = new HashMap<>(a.entries);
      for (Map.Entry<Object, Value> entry : b.entries.entrySet()) {
        entries.merge(entry.getKey(), entry.getValue(), Value::merge);
      }
    }
    List<Value> elements = null;
    if (a.elements != null && b.elements != null && a.elements.size() == b.elements.size()) {
      elements = new ArrayList<>();
      for (int i = 0; i < a.elements.size(); i++) {
        elements.add(merge(a.elements.get(i), b.elements.get(i)));
      }
    }
    Taint taint = Taint.merge(a.taint, b.taint);
    if ((a.entries != null || b.entries != null) && entries == null) {
      taint = Taint.merge(taint, Taint.merge(a.allTaint(), b.allTaint()));
    }
    if ((a.elements != null || b.elements != null) && elements == null) {
      taint = Taint.merge(taint, Taint.merge(a.allTaint(), b.allTaint()));
    }
    return new Value(taint, constant, entries == null ? null : Map.copyOf(entries),
        elements == null ? null : List.copyOf(elements), a.requestObject || b.requestObject);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Value v && Objects.equals(v.taint, taint)
        && Objects.equals(v.constant, constant) && Objects.equals(v.entries, entries)
        && Objects.equals(v.elements, elements) && v.requestObject == requestObject;
  }

  @Override
  public int hashCode() {
    return Objects.hash(taint, constant, requestObject);
  }
}
