package io.github.bulwark.core.taint;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a call does to taint: a request source brings it in, a sanitizer clears it for some
 * sinks, maps and lists built in the method keep it per key and index, the file's own methods
 * apply their summaries, and anything else passes its receiver's and arguments' taint on.
 */
final class Calls {

  private static final Pattern REQUEST_NAME =
      Pattern.compile("(?i)(.*request|req|.*getRequest\\(\\))");
  /** Methods that answer "who is this request from", not "what did it send". */
  private static final Pattern IDENTITY_LOOKUP = Pattern.compile(
      "(?i).*(user|session|principal|auth|authenticate|authorize|login|account|role|roles|"
          + "permission|permissions|tenant|locale|identity|caller|subject|token)(for|of|from)?");

  private Calls() {}

  static Value evaluate(Interpreter interpreter, MethodCallExpr call, State state) {
    String name = call.getNameAsString();
    Optional<Expression> scopeExpr = call.getScope();
    Value scope = scopeExpr.map(s -> interpreter.eval(s, state)).orElse(null);
    String receiver = scopeExpr.map(Expression::toString).orElse("");

    List<Value> args = new ArrayList<>();
    for (Expression argument : call.getArguments()) {
      if (argument instanceof LambdaExpr lambda) {
        Value element = scope == null ? Value.UNKNOWN : Value.tainted(scope.allTaint());
        args.add(interpreter.runLambda(lambda, element, state));
      } else {
        args.add(interpreter.eval(argument, state));
      }
    }

    // 1. Request data comes in.
    if (scope != null && scope.requestObject) {
      if (TaintModel.REQUEST_SAFE.contains(name)) {
        return Value.UNKNOWN;
      }
      if (name.equals("getParameterMap") || name.equals("getHeaderNames")
          || name.equals("getParameterNames") || name.equals("getCookies")
          || TaintModel.REQUEST_SOURCES.contains(name) || name.startsWith("get")) {
        return source(call);
      }
      return Value.UNKNOWN;
    }
    if (TaintModel.REQUEST_SOURCES.contains(name) && REQUEST_NAME.matcher(receiver).matches()
        && (scope == null || scope.constant == null)) {
      return source(call);
    }

    // The project's own sources and sanitizers, from bulwark.yml.
    io.github.bulwark.core.config.BulwarkConfig config = interpreter.file().config();
    String receiverType = scopeExpr.flatMap(interpreter.file()::declaredType)
        .map(t -> t.substring(t.lastIndexOf('.') + 1))
        .orElse(receiver.isEmpty() ? "" : receiver.substring(receiver.lastIndexOf('.') + 1));
    if (config.isTaintSource(receiverType, name)) {
      return source(call);
    }
    java.util.Set<SinkKind> configured = config.sanitizes(receiverType, name);
    if (!configured.isEmpty()) {
      Taint taint = mergeAll(scope, args);
      return taint == null ? Value.UNKNOWN : Value.tainted(taint.clearedFor(configured,
          TaintAnalysis.step(call, "sanitized by " + name + "() (bulwark.yml)")));
    }

    // bulwark-runtime's SecureCookies refuses CR/LF and control characters in names and values.
    if (receiverType.equals("SecureCookies") || receiverType.equals("SecureCookie")) {
      Taint taint = mergeAll(scope, args);
      return taint == null ? Value.UNKNOWN : Value.tainted(taint.clearedFor(
          java.util.EnumSet.of(SinkKind.HEADER, SinkKind.LOG),
          TaintAnalysis.step(call, "checked by SecureCookies")));
    }

    // 2. Sanitizers.
    Optional<java.util.Set<SinkKind>> cleared = TaintModel.sanitizes(receiver, name);
    if (cleared.isPresent()) {
      Taint taint = mergeAll(scope, args);
      return taint == null ? Value.UNKNOWN : Value.tainted(taint.clearedFor(cleared.get(),
          TaintAnalysis.step(call, "sanitized by " + name + "() for " + describe(cleared.get()))));
    }

    // 3. Constant folding of String methods on constants.
    Optional<Value> folded = foldStringCall(name, scope, args);
    if (folded.isPresent()) {
      return folded.get();
    }

    // 4. Results that carry none of the input's text.
    if (TaintModel.CLEAN_RESULT.contains(name) || TaintModel.returnsBoolean(name)
        || TaintModel.isParsingFactory(receiver, name)) {
      return Value.UNKNOWN;
    }

    // Stripping line breaks makes text safe for a log line or a header, nothing else.
    if ((name.equals("replace") || name.equals("replaceAll")) && args.size() == 2
        && scope != null && scope.isTainted() && removesLineBreaks(args.get(0))) {
      return Value.tainted(scope.allTaint().clearedFor(
          java.util.EnumSet.of(SinkKind.LOG, SinkKind.HEADER),
          TaintAnalysis.step(call, "line breaks removed by " + name + "()")));
    }

    // 5. Maps and lists built in this method.
    if (scopeExpr.isPresent() && scopeExpr.get() instanceof NameExpr variable
        && scope != null && (scope.entries != null || scope.elements != null)) {
      Optional<Value> structured = Collections.apply(variable.getNameAsString(), scope, name,
          args, state);
      if (structured.isPresent()) {
        return structured.get();
      }
    }

    // 6. The file's own methods, by summary.
    Optional<Value> summarised = interpreter.analysis().applySummary(call, scope, args);
    if (summarised.isPresent()) {
      return summarised.get();
    }

    // 7. Calls that store their arguments in the receiver (append, add, put, setX).
    Taint argumentTaint = mergeAll(null, args);
    if (argumentTaint != null && TaintModel.mutatesReceiver(name) && scopeExpr.isPresent()) {
      // sb.append(a).append(b): the builder at the root of the chain is the one changed.
      Expression target = scopeExpr.get();
      while (target instanceof MethodCallExpr inner && inner.getScope().isPresent()
          && TaintModel.mutatesReceiver(inner.getNameAsString())) {
        target = inner.getScope().get();
      }
      if (target instanceof NameExpr variable && state.get(variable.getNameAsString()) != null) {
        Value updated = state.get(variable.getNameAsString()).withTaint(argumentTaint);
        state.set(variable.getNameAsString(), updated);
      } else if (target instanceof NameExpr variable) {
        interpreter.analysis().assignField(variable.getNameAsString(),
            Value.tainted(argumentTaint));
      }
    }

    // 8. Everything else passes taint through. A method handed the request itself reads client
    // data through it (Query.parse(exchange), readBody(request)), unless its name says it looks
    // up who is calling (sessions.userFor(request), authenticate(request), currentUser(req)).
    Taint result = mergeAll(scope, args);
    if (result == null && args.stream().anyMatch(a -> a.requestObject)
        && !IDENTITY_LOOKUP.matcher(name).matches()) {
      return source(call);
    }
    return Value.tainted(result);
  }

  static Value construct(Interpreter interpreter, ObjectCreationExpr creation, State state) {
    List<Value> args = new ArrayList<>();
    for (Expression argument : creation.getArguments()) {
      args.add(interpreter.eval(argument, state));
    }
    String type = creation.getType().getNameAsString();
    if (args.isEmpty() && (type.endsWith("Map") || type.equals("Properties")
        || type.equals("Hashtable"))) {
      return Value.map(Interpreter.emptyEntries());
    }
    if (args.isEmpty() && (type.endsWith("List") || type.equals("Vector")
        || type.endsWith("Deque") || type.equals("Stack"))) {
      return Value.list(List.of());
    }
    if (TaintModel.isParsingFactory(type, "valueOf")) {
      return Value.UNKNOWN; // new Integer(x), new BigDecimal(x)
    }
    if (args.stream().anyMatch(a -> a.requestObject)) {
      return Value.requestObject(); // a wrapper around the request
    }
    return Value.tainted(mergeAll(null, args));
  }

  private static Value source(MethodCallExpr call) {
    return Value.tainted(Taint.source(TaintAnalysis.step(call, "untrusted input from "
        + abbreviate(call.toString()))));
  }

  private static boolean removesLineBreaks(Value pattern) {
    if (pattern.constant instanceof Character c) {
      return c == '\n' || c == '\r';
    }
    if (pattern.constant instanceof String text) {
      return text.contains("\n") || text.contains("\r") || text.contains("\\n")
          || text.contains("\\r") || text.contains("\\R") || text.contains("\\v")
          || text.contains("\\s");
    }
    return false;
  }

  static String abbreviate(String code) {
    String flat = code.replaceAll("\\s+", " ");
    return flat.length() > 80 ? flat.substring(0, 77) + "..." : flat;
  }

  private static String describe(Set<SinkKind> kinds) {
    if (kinds.size() == SinkKind.values().length) {
      return "every sink";
    }
    List<String> names = new ArrayList<>();
    for (SinkKind kind : kinds) {
      names.add(kind.name().toLowerCase(Locale.ROOT));
    }
    return String.join(", ", names);
  }

  static Taint mergeAll(Value scope, List<Value> args) {
    Taint taint = scope == null ? null : scope.allTaint();
    for (Value arg : args) {
      taint = Taint.merge(taint, arg.allTaint());
    }
    return taint;
  }

  private static Optional<Value> foldStringCall(String name, Value scope, List<Value> args) {
    if (scope == null || !(scope.constant instanceof String text)) {
      return Optional.empty();
    }
    try {
      switch (name) {
        case "charAt":
          if (args.size() == 1 && args.get(0).constant instanceof Long i) {
            return Optional.of(Value.constant(text.charAt(i.intValue())));
          }
          break;
        case "length":
          return Optional.of(Value.constant((long) text.length()));
        case "toUpperCase":
          return Optional.of(Value.constant(text.toUpperCase(Locale.ROOT)));
        case "toLowerCase":
          return Optional.of(Value.constant(text.toLowerCase(Locale.ROOT)));
        case "trim":
          return Optional.of(Value.constant(text.trim()));
        case "equals":
          if (args.size() == 1 && args.get(0).constant != null) {
            return Optional.of(Value.constant(text.equals(args.get(0).constant)));
          }
          break;
        case "substring":
          if (args.size() == 1 && args.get(0).constant instanceof Long from) {
            return Optional.of(Value.constant(text.substring(from.intValue())));
          }
          if (args.size() == 2 && args.get(0).constant instanceof Long from
              && args.get(1).constant instanceof Long to) {
            return Optional.of(Value.constant(text.substring(from.intValue(), to.intValue())));
          }
          break;
        default:
          break;
      }
    } catch (IndexOutOfBoundsException e) {
      return Optional.of(Value.UNKNOWN); // the real code would throw here
    }
    return Optional.empty();
  }
}
