package io.github.bulwark.core.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import io.github.bulwark.core.analysis.FileContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Taint facts for one file, computed lazily and shared by every input rule: the abstract value of
 * any expression, found by interpreting its enclosing method once (with summaries of the file's
 * own methods, fields joined over every assignment, and the file's call sites consulted when a
 * method's parameter reaches a sink). A file with no source of untrusted data anywhere in its
 * text costs nothing beyond one scan of its text.
 */
public final class TaintAnalysis {

  private static final int MAX_CALLER_DEPTH = 3;
  /**
   * Cheap pre-check: without one of these words the file has no source at all. Searched as plain
   * text (a regex alternation is tried at every position of the file, several percent of a scan).
   */
  private static final String[] SOURCE_WORDS = {"ServletRequest", "HttpExchange",
      "ServerHttpRequest", "WebRequest", "MultipartFile", "getParameter(", "getQueryString(",
      "getHeader(", "getCookies("};
  /** Source annotations: a name after an '@' that ends a word. */
  private static final java.util.regex.Pattern SOURCE_ANNOTATION = java.util.regex.Pattern.compile(
      "@(RequestParam|PathVariable|RequestHeader|CookieValue|RequestBody|ModelAttribute|"
          + "RequestPart|MatrixVariable|QueryParam|PathParam|FormParam|HeaderParam|CookieParam|"
          + "MatrixParam|BeanParam|FormDataParam|POST|PUT|PATCH)\\b");
  /** What every match of {@link #SOURCE_ANNOTATION} starts with, after its '@'. */
  private static final String[] ANNOTATION_STARTS = {"Request", "Cookie", "Model", "Matrix",
      "Query", "Form", "Header", "Bean", "P"};

  private final FileContext file;
  private final boolean active;
  private final Map<Node, Interpreter> interpreted = new IdentityHashMap<>();
  private final Set<Node> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<String, Value> fields = new HashMap<>();
  private final Set<String> fieldsResolved = new HashSet<>();
  private Map<String, List<AssignExpr>> assignmentsByName;

  public TaintAnalysis(FileContext file, String sourceText) {
    this.file = file;
    this.active = mayHaveSources(sourceText, file.config());
  }

  /** True when a file's text shows a source of untrusted data (a cheap textual test). */
  public static boolean mayHaveSources(String sourceText,
      io.github.bulwark.core.config.BulwarkConfig config) {
    return hasSourceWord(sourceText)
        || config.taintSources().stream().anyMatch(source ->
            sourceText.contains(source.substring(source.indexOf('#') + 1)));
  }

  private static boolean hasSourceWord(String text) {
    for (String word : SOURCE_WORDS) {
      if (text.contains(word)) {
        return true;
      }
    }
    java.util.regex.Matcher annotation = null;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      for (String start : ANNOTATION_STARTS) {
        if (text.startsWith(start, at + 1)) {
          // Confirmed by the regex at this position only (its \b as the running JDK has it).
          if (annotation == null) {
            annotation = SOURCE_ANNOTATION.matcher(text);
          }
          if (annotation.region(at, text.length()).lookingAt()) {
            return true;
          }
          break;
        }
      }
    }
    return false;
  }

  /**
   * The untrusted data that reaches {@code expression}, if any, with its path from the source.
   * Taint that only comes from the enclosing method's parameters is followed back to the file's
   * call sites of that method.
   */
  public Optional<Taint> taintOf(Expression expression) {
    if (!active) {
      return Optional.empty();
    }
    return resolve(expression, 0);
  }

  private Optional<Taint> resolve(Expression expression, int depth) {
    Value value = valueOf(expression);
    Taint taint = value == null ? null : value.allTaint();
    if (taint == null) {
      return Optional.empty();
    }
    if (taint.fromSource()) {
      return Optional.of(taint);
    }
    if (taint.parameters().isEmpty() || depth >= MAX_CALLER_DEPTH) {
      return Optional.empty();
    }
    Optional<CallableDeclaration<?>> method = enclosingMethod(expression);
    if (method.isEmpty()) {
      return Optional.empty();
    }
    for (Expression call : callSites(method.get())) {
      List<Expression> arguments = call instanceof MethodCallExpr m ? m.getArguments()
          : ((ObjectCreationExpr) call).getArguments();
      for (int index : taint.parameters()) {
        if (index < arguments.size()) {
          Optional<Taint> caller = resolve(arguments.get(index), depth + 1);
          if (caller.isPresent()) {
            return Optional.of(taint.appliedTo(caller.get(), step(call,
                "passed to " + method.get().getNameAsString() + "()")));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * When {@code expression}'s taint comes only from the enclosing method's parameters (and the
   * file's own callers pass nothing untrusted), where those parameters are: the project index
   * then looks for callers in other files. Interprets the method even in a file without sources.
   */
  public Optional<ParameterReach> parameterReach(Expression expression) {
    if (!file.projectHasSources()) {
      return Optional.empty(); // nothing in the project reads untrusted data
    }
    Optional<CallableDeclaration<?>> owner = enclosingMethod(expression);
    if (owner.isEmpty() || !mentionsParameter(expression, owner.get())) {
      return Optional.empty(); // cheap syntactic test first: most sinks never see a parameter
    }
    Value value = valueOf(expression);
    Taint taint = value == null ? null : value.allTaint();
    if (taint == null || taint.fromSource() || taint.parameters().isEmpty()) {
      return Optional.empty();
    }
    Optional<CallableDeclaration<?>> method = enclosingMethod(expression);
    if (method.isEmpty() || method.get().isPrivate() && callSites(method.get()).size() > 0) {
      return Optional.empty(); // private methods are reached through this file's callers only
    }
    CallableDeclaration<?> callable = method.get();
    Set<String> supertypes = new HashSet<>();
    String type = callable.findAncestor(TypeDeclaration.class)
        .map(t -> ((TypeDeclaration<?>) t).getNameAsString()).orElse("");
    callable.findAncestor(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration.class)
        .ifPresent(c -> {
          c.getExtendedTypes().forEach(e -> supertypes.add(e.getNameAsString()));
          c.getImplementedTypes().forEach(i -> supertypes.add(i.getNameAsString()));
        });
    String name = callable instanceof ConstructorDeclaration ? "<init>"
        : callable.getNameAsString();
    return Optional.of(new ParameterReach(type, Set.copyOf(supertypes), name,
        callable.getParameters().size(), Set.copyOf(taint.parameters()),
        Set.copyOf(taint.cleared())));
  }

  /**
   * Every call in this file that passes untrusted data to a method of another file, with the
   * argument's taint. In a file with sources, every method is interpreted for this (a controller
   * that only hands request data to a service has no sink of its own).
   */
  public List<io.github.bulwark.core.project.TaintedCall> taintedCalls() {
    List<io.github.bulwark.core.project.TaintedCall> calls = new ArrayList<>();
    if (!active) {
      return calls;
    }
    for (CallableDeclaration<?> callable : file.unit().findAll(CallableDeclaration.class)) {
      Interpreter interpreter = interpret(callable);
      if (interpreter == null) {
        continue;
      }
      for (MethodCallExpr call : callable.findAll(MethodCallExpr.class)) {
        if (isOwnCall(call) && ownTargetExists(call)) {
          continue;
        }
        String receiverType = call.getScope().flatMap(file::declaredType)
            .map(t -> t.substring(t.lastIndexOf('.') + 1)).orElse("");
        addTaintedArguments(calls, interpreter, call, call.getNameAsString(),
            call.getArguments(), receiverType);
      }
      for (ObjectCreationExpr creation : callable.findAll(ObjectCreationExpr.class)) {
        if (declaredHere(creation.getType().getNameAsString())) {
          continue;
        }
        addTaintedArguments(calls, interpreter, creation, "<init>", creation.getArguments(),
            creation.getType().getNameAsString());
      }
    }
    return calls;
  }

  private void addTaintedArguments(List<io.github.bulwark.core.project.TaintedCall> calls,
      Interpreter interpreter, Node call, String callee,
      com.github.javaparser.ast.NodeList<Expression> arguments, String receiverType) {
    for (int i = 0; i < arguments.size(); i++) {
      Value value = interpreter.recorded().get(arguments.get(i));
      Taint taint = value == null ? null : value.allTaint();
      if (taint != null && taint.fromSource()) {
        int line = call.getRange().map(r -> r.begin.line).orElse(0);
        calls.add(new io.github.bulwark.core.project.TaintedCall(file.file().relativePath(),
            line, callee, arguments.size(), i, receiverType, taint));
      }
    }
  }

  private boolean ownTargetExists(MethodCallExpr call) {
    return file.methodsNamed(call.getNameAsString()).stream()
        .anyMatch(m -> m.getParameters().size() == call.getArguments().size());
  }

  /** The abstract value recorded for an expression when its method was interpreted. */
  Value valueOf(Expression expression) {
    Node callable = enclosingCallable(expression);
    if (callable == null) {
      return null;
    }
    Interpreter interpreter = interpret(callable);
    return interpreter == null ? null : interpreter.recorded().get(expression);
  }

  private Interpreter interpret(Node callable) {
    Interpreter done = interpreted.get(callable);
    if (done != null) {
      return done;
    }
    if (!inProgress.add(callable)) {
      return null; // recursion: the caller uses the conservative default
    }
    try {
      Interpreter interpreter = new Interpreter(this, file);
      interpreter.run(callable);
      interpreted.put(callable, interpreter);
      return interpreter;
    } finally {
      inProgress.remove(callable);
    }
  }

  /** The outermost method, constructor or initializer holding a node (lambdas run inside it). */
  private static Node enclosingCallable(Node node) {
    Node found = null;
    for (Optional<Node> current = Optional.of(node); current.isPresent();
        current = current.get().getParentNode()) {
      Node n = current.get();
      if (n instanceof CallableDeclaration<?> || n instanceof InitializerDeclaration) {
        return n;
      }
      if (n instanceof FieldDeclaration) {
        return null;
      }
      if (n instanceof LambdaExpr && found == null && n.getParentNode()
          .map(p -> p instanceof VariableDeclarator || p instanceof FieldDeclaration)
          .orElse(false)) {
        found = n;
      }
    }
    return found;
  }

  private static Optional<CallableDeclaration<?>> enclosingMethod(Node node) {
    return node.findAncestor(CallableDeclaration.class).map(c -> (CallableDeclaration<?>) c);
  }

  /**
   * True when the expression names one of the method's non-primitive parameters, directly or
   * through a local variable whose initialiser or assignments name one (one level).
   */
  private static boolean mentionsParameter(Expression expression,
      CallableDeclaration<?> method) {
    Set<String> carriers = new HashSet<>();
    for (com.github.javaparser.ast.body.Parameter parameter : method.getParameters()) {
      if (!parameter.getType().isPrimitiveType()) {
        carriers.add(parameter.getNameAsString());
      }
    }
    if (carriers.isEmpty()) {
      return false;
    }
    Set<String> named = new HashSet<>();
    if (expression instanceof NameExpr n) {
      named.add(n.getNameAsString());
    }
    expression.findAll(NameExpr.class).forEach(n -> named.add(n.getNameAsString()));
    for (String name : named) {
      if (carriers.contains(name)) {
        return true;
      }
    }
    for (VariableDeclarator local : method.findAll(VariableDeclarator.class)) {
      if (named.contains(local.getNameAsString()) && local.getInitializer().isPresent()
          && local.getInitializer().get().findAll(NameExpr.class).stream()
              .anyMatch(n -> carriers.contains(n.getNameAsString()))) {
        return true;
      }
    }
    for (AssignExpr assign : method.findAll(AssignExpr.class)) {
      if (assign.getTarget() instanceof NameExpr target
          && named.contains(target.getNameAsString())
          && assign.getValue().findAll(NameExpr.class).stream()
              .anyMatch(n -> carriers.contains(n.getNameAsString()))) {
        return true;
      }
    }
    return false;
  }

  private final Map<Node, List<Expression>> callSiteCache = new IdentityHashMap<>();

  /** Calls in this file to a method or constructor, by name and argument count. */
  private List<Expression> callSites(CallableDeclaration<?> callable) {
    return callSiteCache.computeIfAbsent(callable, c -> findCallSites(callable));
  }

  private List<Expression> findCallSites(CallableDeclaration<?> callable) {
    List<Expression> sites = new ArrayList<>();
    int arity = callable.getParameters().size();
    if (callable instanceof MethodDeclaration method) {
      for (MethodCallExpr call : file.callsNamed(method.getNameAsString())) {
        if (call.getArguments().size() == arity && isOwnCall(call)) {
          sites.add(call);
        }
      }
    } else if (callable instanceof ConstructorDeclaration ctor) {
      for (ObjectCreationExpr creation : file.creationsOf(ctor.getNameAsString())) {
        if (creation.getArguments().size() == arity) {
          sites.add(creation);
        }
      }
    }
    return sites;
  }

  /** A call that can land in this file: unqualified, on this, or on a type declared here. */
  private boolean isOwnCall(MethodCallExpr call) {
    if (call.getScope().isEmpty()) {
      return true;
    }
    Expression scope = call.getScope().get();
    if (scope instanceof ThisExpr || scope instanceof com.github.javaparser.ast.expr.SuperExpr) {
      return true;
    }
    if (scope instanceof ObjectCreationExpr creation) {
      return declaredHere(creation.getType().getNameAsString());
    }
    if (scope instanceof NameExpr name) {
      if (declaredHere(name.getNameAsString())) {
        return true; // static call on a class of this file
      }
      return file.declaredType(name).map(t -> declaredHere(t.substring(t.lastIndexOf('.') + 1)))
          .orElse(false);
    }
    return false;
  }

  private boolean declaredHere(String simpleName) {
    return !file.typesNamed(simpleName).isEmpty();
  }

  /** The result of a call to one of this file's methods, from its summary. */
  Optional<Value> applySummary(MethodCallExpr call, Value scope, List<Value> args) {
    if (!isOwnCall(call)) {
      return Optional.empty();
    }
    List<MethodDeclaration> targets = new ArrayList<>();
    for (MethodDeclaration method : file.methodsNamed(call.getNameAsString())) {
      if (method.getParameters().size() == args.size() && method.getBody().isPresent()) {
        targets.add(method);
      }
    }
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    Value result = null;
    for (MethodDeclaration target : targets) {
      if (target.getType().isPrimitiveType() || target.getType().isVoidType()) {
        result = Value.merge(result, Value.UNKNOWN);
        continue;
      }
      Interpreter callee = interpret(target);
      if (callee == null) {
        result = Value.merge(result, Value.tainted(Calls.mergeAll(scope, args)));
        continue;
      }
      Value returned = callee.returned();
      Taint summary = returned == null ? null : returned.allTaint();
      Value applied = returned != null && summary == null
          ? Value.constant(returned.constant) : Value.UNKNOWN;
      if (summary != null) {
        Taint out = summary.fromSource() ? summary : null;
        for (int index : summary.parameters()) {
          if (index >= args.size()) {
            continue; // varargs or a mismatched overload: no argument to follow
          }
          Taint argument = args.get(index).allTaint();
          if (argument != null) {
            out = Taint.merge(out, summary.appliedTo(argument,
                step(call, "through " + target.getNameAsString() + "()")));
          }
        }
        applied = Value.tainted(out);
      }
      // An instance method of a tainted object (a request DTO's getter) returns data of that
      // object: the receiver's taint passes on unless the method returns only constants.
      boolean readsInstanceState = !target.isStatic() && scope != null
          && (returned == null || returned.constant == null);
      if (readsInstanceState && scope.isTainted()) {
        applied = applied.withTaint(scope.allTaint());
      }
      result = Value.merge(result, applied);
    }
    return Optional.ofNullable(result);
  }

  /** A field's value joined over every assignment to it in this file. */
  Value fieldValue(String name, Node use) {
    if (fieldsResolved.add(name)) {
      if (assignmentsByName == null) {
        // Indexed once per file: a walk per field name is quadratic on large classes.
        assignmentsByName = new HashMap<>();
        for (AssignExpr assign : file.unit().findAll(AssignExpr.class)) {
          Expression target = assign.getTarget();
          String written = target instanceof NameExpr n ? n.getNameAsString()
              : target instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
                  ? f.getNameAsString() : null;
          if (written != null) {
            assignmentsByName.computeIfAbsent(written, k -> new ArrayList<>()).add(assign);
          }
        }
      }
      for (AssignExpr assign : assignmentsByName.getOrDefault(name, List.of())) {
        {
          Node callable = enclosingCallable(assign);
          if (callable != null) {
            interpret(callable);
          }
        }
      }
      // Field initialisers are not sources: a request is not in scope where fields are built.
    }
    Value value = fields.get(name);
    return value == null ? Value.UNKNOWN : value;
  }

  /** Joins a value into a field; parameter-only taint stays with the method that had it. */
  void assignField(String name, Value value) {
    Taint taint = value.allTaint();
    Taint kept = taint == null ? null : taint.withoutParameters();
    fields.merge(name, kept == null ? Value.UNKNOWN : Value.tainted(kept), Value::merge);
  }

  /** A flow step at a node's position. */
  static FlowStep step(Node node, String message) {
    return node.getRange()
        .map(r -> new FlowStep(r.begin.line, r.begin.column, r.end.line, r.end.column, message))
        .orElse(new FlowStep(1, 1, 1, 1, message));
  }
}
