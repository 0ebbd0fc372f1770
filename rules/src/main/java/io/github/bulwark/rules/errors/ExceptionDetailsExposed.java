package io.github.bulwark.rules.errors;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ReturnStmt;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags exception messages, {@code toString()} and stack traces sent to the client: written to a
 * servlet response, passed to {@code sendError}, put in a {@code ResponseEntity} or JAX-RS
 * {@code Response} body, returned from an {@code @ExceptionHandler} or a REST endpoint, or
 * printed with {@code printStackTrace(response.getWriter())}.
 */
@RuleInfo(
    id = "ExceptionDetailsExposed",
    family = Family.ERRORS,
    title = "Exception details sent to the client",
    cwe = {209, 497},
    owasp = OwaspCategory.A05_SECURITY_MISCONFIGURATION,
    severity = Severity.MEDIUM,
    confidence = Confidence.HIGH,
    description = "Exception messages and stack traces describe the inside of the application: "
        + "SQL text and table names, file paths, library versions, host names, sometimes the "
        + "data that failed. An attacker provokes errors on purpose to read them and to plan the "
        + "next step.",
    fix = "Answer with a generic message and an incident id, and keep the details in the log: "
        + "return SafeErrors.respond(e), which logs the full exception and returns both.",
    helper = "io.github.bulwark.runtime.SafeErrors")
public final class ExceptionDetailsExposed implements NodeRule<Node> {

  private static final Set<String> BODY_METHODS = Set.of("body", "entity", "bodyValue", "ok");
  private static final Set<String> WRITER_METHODS =
      Set.of("write", "print", "println", "printf", "format", "append");

  private static final Set<String> MESSAGE_METHODS =
      Set.of("getMessage", "getLocalizedMessage", "toString", "getStackTrace");
  /** Library helpers that render a whole exception as text. */
  private static final Pattern TRACE_HELPERS = Pattern.compile(
      "getStackTraceAsString|getStackTrace|getFullStackTrace|getRootCauseMessage"
          + "|getRootCauseStackTrace|getMessage|stackTraceToString|getThrowableAsString");
  /** Wrappers whose result still carries the text given to them. */
  private static final Pattern TEXT_WRAPPERS = Pattern.compile(
      "format|formatted|valueOf|toString|join|of|ofEntries|singletonMap|singletonList|asList"
          + "|concat|append|put|add|entry|builder|build|message|detail|error|errors|body|trim"
          + "|substring|replace\\w*|escape\\w*|encode\\w*|getBytes|println|print|write");
  private static final Pattern RESPONSE_FACTORIES =
      Pattern.compile("ResponseEntity|Response|ServerResponse|HttpResponse|Results");
  private static final Pattern WRITER_SOURCE =
      Pattern.compile("(?s).*\\.(getWriter|getOutputStream|getResponseBody)\\(\\).*");
  private static final Pattern EXCEPTION_TYPE = Pattern.compile("(\\w+\\.)*\\w*(Exception|Error|Throwable)");
  private static final Set<String> EXCEPTION_NAMES =
      Set.of("e", "ex", "exc", "exception", "throwable", "cause", "t", "th");
  private static final Set<String> ENDPOINT_ANNOTATIONS = Set.of("GetMapping", "PostMapping",
      "PutMapping", "DeleteMapping", "PatchMapping", "RequestMapping", "GET", "POST", "PUT",
      "DELETE", "PATCH");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ObjectCreationExpr.class, ReturnStmt.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof MethodCallExpr call) {
      checkCall(call, file, findings);
    } else if (node instanceof ObjectCreationExpr creation) {
      if (creation.getType().getNameAsString().equals("ResponseEntity")
          && !creation.getArguments().isEmpty()) {
        reportDetail(creation.getArgument(0), file, findings, "a ResponseEntity body");
      }
    } else if (node instanceof ReturnStmt ret && ret.getExpression().isPresent()) {
      Expression value = FileContext.unwrap(ret.getExpression().get());
      if (isSink(value) || !returnsToClient(ret)) {
        return;
      }
      reportDetail(value, file, findings, "the response body");
    }
  }

  private static void checkCall(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    int arity = call.getArguments().size();
    if (name.equals("printStackTrace") && arity == 1
        && isResponseWriter(call.getArgument(0), file)) {
      findings.report(call, "printStackTrace writes the stack trace into the HTTP response");
      return;
    }
    if (name.equals("sendError") && arity == 2) {
      reportDetail(call.getArgument(1), file, findings, "the error page (sendError)");
    } else if (isWriterCall(call, file)) {
      for (Expression argument : call.getArguments()) {
        if (reportDetail(argument, file, findings, "the response writer")) {
          return;
        }
      }
    } else if (isBodyCall(call)) {
      reportDetail(call.getArgument(arity - 1), file, findings, "the response body");
    } else if (name.equals("forStatusAndDetail") && arity == 2 || name.equals("setDetail")
        && arity == 1 && call.getScope().map(ExpressionText::of)
            .map(s -> s.toLowerCase().contains("problem"))
        .orElse(false)) {
      reportDetail(call.getArgument(arity - 1), file, findings, "the problem detail");
    }
  }

  private static boolean isSink(Expression value) {
    if (value instanceof MethodCallExpr call) {
      return isBodyCall(call) || call.getNameAsString().equals("build")
          && call.findAll(MethodCallExpr.class).stream().anyMatch(ExceptionDetailsExposed::isBodyCall)
          || call.getNameAsString().equals("forStatusAndDetail");
    }
    return value instanceof ObjectCreationExpr creation
        && creation.getType().getNameAsString().equals("ResponseEntity");
  }

  /** {@code ResponseEntity...body(x)}, {@code Response...entity(x)}, {@code ResponseEntity.ok(x)}. */
  private static boolean isBodyCall(MethodCallExpr call) {
    String name = call.getNameAsString();
    if (call.getArguments().size() != 1) {
      return false;
    }
    if (name.equals("result") || name.equals("json")) { // Javalin: ctx.result(..), ctx.json(..)
      return call.getScope().map(s -> ExpressionText.of(s).matches("ctx|context")).orElse(false);
    }
    if (!BODY_METHODS.contains(name)) {
      return false;
    }
    return rootName(call).map(root -> RESPONSE_FACTORIES.matcher(root).matches()
        || !name.equals("ok") && root.matches("(?i).*(response|builder).*")).orElse(false);
  }

  private static Optional<String> rootName(MethodCallExpr call) {
    Expression current = call;
    while (current instanceof MethodCallExpr c && c.getScope().isPresent()) {
      current = c.getScope().get();
    }
    return current instanceof NameExpr n ? Optional.of(n.getNameAsString())
        : current.isFieldAccessExpr() ? Optional.of(current.asFieldAccessExpr().getNameAsString())
        : Optional.empty();
  }

  /** {@code response.getWriter().write(..)}, {@code out.println(..)} on a response writer. */
  private static boolean isWriterCall(MethodCallExpr call, FileContext file) {
    if (!WRITER_METHODS.contains(call.getNameAsString())) {
      return false;
    }
    return call.getScope().map(scope -> isResponseWriter(scope, file)).orElse(false);
  }

  private static boolean isResponseWriter(Expression expression, FileContext file) {
    Expression e = FileContext.unwrap(expression);
    if (WRITER_SOURCE.matcher(e.toString()).matches()) {
      return true;
    }
    if (e instanceof NameExpr name) {
      return file.initializerOf(name)
          .map(init -> WRITER_SOURCE.matcher(init.toString()).matches())
          .orElse(false);
    }
    return false;
  }

  /** Returns from an {@code @ExceptionHandler} or from a REST endpoint go to the client. */
  private static boolean returnsToClient(ReturnStmt ret) {
    Optional<CallableDeclaration<?>> method = ret.findAncestor(CallableDeclaration.class)
        .map(c -> (CallableDeclaration<?>) c);
    if (method.isEmpty() || CatchBlocks.enclosingBody(ret) != method.get()) {
      return false;
    }
    CallableDeclaration<?> callable = method.get();
    if (callable.isAnnotationPresent("ExceptionHandler")
        || callable.getNameAsString().equals("toResponse")) {
      return true;
    }
    boolean endpoint = callable.getAnnotations().stream()
        .anyMatch(a -> ENDPOINT_ANNOTATIONS.contains(a.getName().getIdentifier()));
    if (!endpoint || ret.findAncestor(CatchClause.class).isEmpty()) {
      return false;
    }
    boolean restBody = callable.isAnnotationPresent("ResponseBody")
        || callable.findAncestor(TypeDeclaration.class)
            .map(t -> ((TypeDeclaration<?>) t).isAnnotationPresent("RestController")
                || ((TypeDeclaration<?>) t).isAnnotationPresent("Path")
                || ((TypeDeclaration<?>) t).isAnnotationPresent("ResponseBody"))
            .orElse(false);
    return restBody;
  }

  /**
   * Reports the exception detail that {@code argument} carries, at the expression in the
   * argument that carries it. Returns true when it reported.
   */
  private static boolean reportDetail(Expression argument, FileContext file, Findings findings,
      String where) {
    Optional<Expression> carrier = carrier(argument, file, 0);
    carrier.ifPresent(e -> findings.report(e,
        "exception details (%s) reach %s: the client learns the application's internals",
        describe(e), where));
    return carrier.isPresent();
  }

  private static String describe(Expression carrier) {
    String text = carrier.toString();
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  /** The sub-expression of {@code expression} through which exception details flow. */
  private static Optional<Expression> carrier(Expression expression, FileContext file, int depth) {
    Expression e = FileContext.unwrap(expression);
    if (depth > 4) {
      return Optional.empty();
    }
    if (isDetail(e, file)) {
      return Optional.of(e);
    }
    if (e instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
      if (isException(binary.getLeft(), file) || isException(binary.getRight(), file)) {
        return Optional.of(e); // "failed: " + e renders e.toString()
      }
      return carrier(binary.getLeft(), file, depth + 1)
          .or(() -> carrier(binary.getRight(), file, depth + 1));
    }
    if (e instanceof ConditionalExpr conditional) {
      return carrier(conditional.getThenExpr(), file, depth + 1)
          .or(() -> carrier(conditional.getElseExpr(), file, depth + 1));
    }
    if (e instanceof MethodCallExpr call) {
      if (call.getScope().map(s -> ExpressionText.of(s).matches("(?i).*(safeerrors|log).*"))
          .orElse(false)) {
        return Optional.empty();
      }
      if (call.getNameAsString().matches("valueOf|toString") && call.getArguments().size() == 1
          && isException(call.getArgument(0), file)) {
        return Optional.of(e);
      }
      if (!TEXT_WRAPPERS.matcher(call.getNameAsString()).matches()) {
        return Optional.empty();
      }
      for (Expression argument : call.getArguments()) {
        Optional<Expression> found = carrier(argument, file, depth + 1);
        if (found.isPresent()) {
          return found;
        }
      }
      return call.getScope().flatMap(scope -> carrier(scope, file, depth + 1));
    }
    if (e instanceof ObjectCreationExpr creation) {
      for (Expression argument : creation.getArguments()) {
        Optional<Expression> found = carrier(argument, file, depth + 1);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (e instanceof NameExpr name) {
      if (isException(name, file) && depth == 0) {
        return Optional.of(e); // the exception itself, serialised with its stack trace
      }
      return carriedByVariable(name, file, depth) ? Optional.of(e) : Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * A local variable holding details: initialised from them ({@code String msg = e.getMessage()})
   * or filled with them ({@code body.put("error", e.getMessage())}, {@code dto.setMessage(..)}).
   */
  private static boolean carriedByVariable(NameExpr name, FileContext file, int depth) {
    Optional<Node> declaration = file.declarationOf(name);
    if (declaration.isEmpty() || !(declaration.get() instanceof VariableDeclarator variable)
        || variable.findAncestor(CallableDeclaration.class).isEmpty()) {
      return false;
    }
    if (variable.getInitializer().flatMap(init -> carrier(init, file, depth + 1)).isPresent()) {
      return true;
    }
    Node scope = variable.findAncestor(CallableDeclaration.class).get();
    for (MethodCallExpr call : scope.findAll(MethodCallExpr.class)) {
      if (call.getScope().map(s -> CatchBlocks.isNamed(s, name.getNameAsString())).orElse(false)
          && call.getNameAsString().matches("put|add|append|set\\w*|with\\w*|message|detail")) {
        for (Expression argument : call.getArguments()) {
          if (carrier(argument, file, depth + 1).isPresent()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** {@code e.getMessage()}, {@code e.toString()}, stack-trace helpers, a printed trace. */
  private static boolean isDetail(Expression e, FileContext file) {
    if (!(e instanceof MethodCallExpr call)) {
      return false;
    }
    String name = call.getNameAsString();
    if (call.getScope().isPresent() && MESSAGE_METHODS.contains(name)
        && call.getArguments().isEmpty()) {
      Expression scope = FileContext.unwrap(call.getScope().get());
      if (isException(scope, file)) {
        return true;
      }
      // StringWriter sw; e.printStackTrace(new PrintWriter(sw)); ... sw.toString()
      if (name.equals("toString") && scope instanceof NameExpr writer
          && holdsStackTrace(writer)) {
        return true;
      }
    }
    return TRACE_HELPERS.matcher(name).matches() && call.getArguments().size() == 1
        && isException(call.getArgument(0), file);
  }

  private static boolean holdsStackTrace(NameExpr writer) {
    return writer.findAncestor(CallableDeclaration.class)
        .map(m -> m.findAll(MethodCallExpr.class).stream()
            .anyMatch(c -> c.getNameAsString().equals("printStackTrace")
                && c.getArguments().size() == 1
                && c.getArgument(0).findAll(NameExpr.class).stream()
                    .anyMatch(n -> n.getNameAsString().equals(writer.getNameAsString()))))
        .orElse(false);
  }

  /** An expression that is an exception: a catch parameter, a typed variable, its cause. */
  static boolean isException(Expression expression, FileContext file) {
    Expression e = FileContext.unwrap(expression);
    if (e instanceof MethodCallExpr call) {
      return call.getNameAsString().matches("getCause|getRootCause|getMostSpecificCause")
          && (call.getScope().map(s -> isException(s, file)).orElse(false)
              || call.getArguments().size() == 1 && isException(call.getArgument(0), file));
    }
    if (!(e instanceof NameExpr name)) {
      return false;
    }
    Optional<Node> declaration = file.declarationOf(name);
    if (declaration.isPresent()) {
      if (declaration.get() instanceof Parameter parameter) {
        if (parameter.getParentNode().filter(CatchClause.class::isInstance).isPresent()) {
          return true;
        }
        if (parameter.getType().isUnknownType()) {
          return EXCEPTION_NAMES.contains(name.getNameAsString());
        }
        return EXCEPTION_TYPE.matcher(parameter.getType().asString()).matches();
      }
      if (declaration.get() instanceof VariableDeclarator variable) {
        return EXCEPTION_TYPE.matcher(variable.getType().asString()).matches();
      }
      return false;
    }
    return false;
  }
}
