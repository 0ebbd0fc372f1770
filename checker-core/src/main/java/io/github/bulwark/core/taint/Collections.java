package io.github.bulwark.core.taint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps and lists built inside the method, tracked per constant key and index: {@code put},
 * {@code get}, {@code getOrDefault}, {@code remove}, {@code add}, {@code set}. An operation with
 * a key or index that is not constant gives up the structure and keeps the taint.
 */
final class Collections {

  private Collections() {}

  static Optional<Value> apply(String variable, Value collection, String method,
      List<Value> args, State state) {
    if (collection.entries != null) {
      return map(variable, collection, method, args, state);
    }
    return list(variable, collection, method, args, state);
  }

  private static Optional<Value> map(String variable, Value map, String method,
      List<Value> args, State state) {
    switch (method) {
      case "put":
      case "putIfAbsent":
      case "setProperty":
        if (args.size() == 2) {
          Object key = args.get(0).constant;
          state.set(variable, key != null ? map.withEntry(key, args.get(1))
              : Value.tainted(Taint.merge(map.allTaint(), args.get(1).allTaint())));
          return Optional.of(Value.UNKNOWN);
        }
        return Optional.empty();
      case "get":
      case "getProperty":
        if (args.size() == 1) {
          return Optional.of(map.read(args.get(0).constant));
        }
        if (args.size() == 2 && method.equals("getProperty")) {
          return Optional.of(Value.merge(map.read(args.get(0).constant), args.get(1)));
        }
        return Optional.empty();
      case "getOrDefault":
        if (args.size() == 2) {
          Value found = map.read(args.get(0).constant);
          return Optional.of(Value.merge(found, args.get(1)));
        }
        return Optional.empty();
      case "remove":
        if (args.size() == 1 && args.get(0).constant != null) {
          java.util.Map<Object, Value> copy = new java.util.HashMap<>(map.entries);
          Value removed = copy.remove(args.get(0).constant);
          state.set(variable, Value.map(copy));
          return Optional.of(removed == null ? Value.UNKNOWN : removed);
        }
        return Optional.empty();
      case "clear":
        state.set(variable, Value.map(Interpreter.emptyEntries()));
        return Optional.of(Value.UNKNOWN);
      case "values":
      case "entrySet":
      case "keySet":
        return Optional.of(Value.tainted(map.allTaint()));
      default:
        return Optional.empty();
    }
  }

  private static Optional<Value> list(String variable, Value list, String method,
      List<Value> args, State state) {
    List<Value> elements = new ArrayList<>(list.elements);
    switch (method) {
      case "add":
      case "addLast":
      case "offer":
      case "push":
        if (args.size() == 1) {
          if (method.equals("push")) {
            elements.add(0, args.get(0));
          } else {
            elements.add(args.get(0));
          }
          state.set(variable, list.withElements(elements));
          return Optional.of(Value.UNKNOWN);
        }
        if (args.size() == 2 && args.get(0).constant instanceof Long index
            && index >= 0 && index <= elements.size()) {
          elements.add(index.intValue(), args.get(1));
          state.set(variable, list.withElements(elements));
          return Optional.of(Value.UNKNOWN);
        }
        return Optional.empty();
      case "addFirst":
        if (args.size() == 1) {
          elements.add(0, args.get(0));
          state.set(variable, list.withElements(elements));
          return Optional.of(Value.UNKNOWN);
        }
        return Optional.empty();
      case "get":
        if (args.size() == 1) {
          return Optional.of(list.read(args.get(0).constant));
        }
        return Optional.empty();
      case "set":
        if (args.size() == 2 && args.get(0).constant instanceof Long index
            && index >= 0 && index < elements.size()) {
          Value old = elements.set(index.intValue(), args.get(1));
          state.set(variable, list.withElements(elements));
          return Optional.of(old);
        }
        return Optional.empty();
      case "remove":
        if (args.size() == 1 && args.get(0).constant instanceof Long index
            && index >= 0 && index < elements.size()) {
          Value removed = elements.remove(index.intValue());
          state.set(variable, list.withElements(elements));
          return Optional.of(removed);
        }
        return Optional.empty();
      case "getFirst":
      case "peek":
      case "peekFirst":
      case "element":
        return Optional.of(elements.isEmpty() ? Value.UNKNOWN
            : elements.get(0).withTaint(list.taint));
      case "getLast":
      case "peekLast":
        return Optional.of(elements.isEmpty() ? Value.UNKNOWN
            : elements.get(elements.size() - 1).withTaint(list.taint));
      case "poll":
      case "pop":
      case "removeFirst":
        if (!elements.isEmpty()) {
          Value first = elements.remove(0);
          state.set(variable, list.withElements(elements));
          return Optional.of(first.withTaint(list.taint));
        }
        return Optional.empty();
      case "clear":
        state.set(variable, Value.list(List.of()));
        return Optional.of(Value.UNKNOWN);
      case "size":
        return Optional.of(Value.constant((long) elements.size()));
      default:
        return Optional.empty();
    }
  }
}
