package io.github.bulwark.rules.input;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.taint.SinkKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags untrusted input written into an HTML response: servlet writers and output streams
 * ({@code print}, {@code println}, {@code write}, {@code format}, {@code printf},
 * {@code append}), and the String bodies returned by Spring {@code @ResponseBody} /
 * {@code @RestController} handlers and JAX-RS resource methods unless they produce JSON, plain
 * text or another type browsers do not render. HTML encoders clear it; other sanitizers do not.
 */
@RuleInfo(
    id = "CrossSiteScripting",
    family = Family.INPUT,
    title = "Untrusted input written to an HTML response",
    cwe = {79},
    owasp = OwaspCategory.A03_INJECTION,
    severity = Severity.HIGH,
    description = "Request data echoed into a page runs as script in the victim's browser: the attacker steals sessions, acts as the user, or rewrites the page.",
    fix = "Encode for the context where the value lands: InputValidator.html(value) for element content, htmlAttribute for attributes, javaScript for script blocks.",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class CrossSiteScripting implements NodeRule<Node>, TaintSinks.CrossFile {

  private static final Set<String> WRITE_METHODS =
      Set.of("print", "println", "write", "format", "printf", "append");
  private static final Pattern TEXT_BODY =
      Pattern.compile("String|(ResponseEntity|HttpEntity)<String>");
  private static final Set<String> JAX_RS_VERBS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
  private static final Pattern HTML = Pattern.compile("(?i)html");
  private static final Pattern NON_HTML = Pattern.compile("(?i)json|plain|xml|csv|octet|image|pdf");
  private static final Set<String> STREAM_GETTERS = Set.of("getWriter", "getOutputStream");
  /** Receivers that name an HTTP response (not a socket, process or URL connection). */
  private static final Pattern RESPONSE_NAME =
      Pattern.compile("(?i)(.*response|resp|res|rsp|.*getResponse\\(\\))");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ReturnStmt.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof ReturnStmt ret) {
      checkResponseBody(ret, file, findings);
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    if (!WRITE_METHODS.contains(call.getNameAsString()) || call.getArguments().isEmpty()
        || !writesToResponse(call, file)) {
      return;
    }
    TaintSinks.checkArguments(call.getArguments(), List.of(), SinkKind.HTML, file, findings,
        "the HTTP response via " + call.getNameAsString() + "()");
  }

  /**
   * response.getWriter().print(..), out.append(a).append(b), or a writer or stream variable
   * obtained from the response (declared with it, assigned it, or wrapping it).
   */
  private static boolean writesToResponse(MethodCallExpr call, FileContext file) {
    Expression target = call.getScope().orElse(null);
    // A fluent chain writes to the object at its root: out.append("<b>").append(value).
    while (target instanceof MethodCallExpr inner && inner.getScope().isPresent()
        && WRITE_METHODS.contains(inner.getNameAsString())) {
      target = inner.getScope().get();
    }
    if (target == null) {
      return false;
    }
    target = FileContext.unwrap(target);
    if (isResponseStream(target, file) || isHtmlExchangeBody(target, call)) {
      return true;
    }
    if (!(target instanceof NameExpr name)) {
      return false;
    }
    if (file.initializerOf(name).map(init -> isResponseStream(init, file)).orElse(false)) {
      return true;
    }
    // PrintWriter out = null; ... out = response.getWriter();
    return name.findAncestor(CallableDeclaration.class).stream()
        .flatMap(m -> m.findAll(AssignExpr.class).stream())
        .anyMatch(a -> a.getTarget() instanceof NameExpr t
            && t.getNameAsString().equals(name.getNameAsString())
            && isResponseStream(a.getValue(), file));
  }

  /**
   * The JDK HttpServer's {@code exchange.getResponseBody()} (directly or held in a variable) in a
   * handler that declares an HTML content type; a JSON body is not a page a script can run in.
   */
  private static boolean isHtmlExchangeBody(Expression target, MethodCallExpr call) {
    Expression body = target;
    if (body instanceof NameExpr name) {
      body = name.findAncestor(CallableDeclaration.class).stream()
          .flatMap(m -> m.findAll(com.github.javaparser.ast.body.VariableDeclarator.class)
              .stream())
          .filter(v -> v.getNameAsString().equals(name.getNameAsString()))
          .findFirst().flatMap(v -> v.getInitializer()).orElse(body);
    }
    if (!(FileContext.unwrap(body) instanceof MethodCallExpr getter)
        || !getter.getNameAsString().equals("getResponseBody")) {
      return false;
    }
    return call.findAncestor(CallableDeclaration.class)
        .map(m -> m.findAll(com.github.javaparser.ast.expr.StringLiteralExpr.class).stream()
            .anyMatch(l -> l.getValue().toLowerCase(java.util.Locale.ROOT).contains("text/html")))
        .orElse(false);
  }

  /** response.getWriter(), response.getOutputStream(), or a writer wrapping one of them. */
  private static boolean isResponseStream(Expression expression, FileContext file) {
    Expression e = FileContext.unwrap(expression);
    if (e instanceof ObjectCreationExpr creation) {
      return creation.getArguments().stream().anyMatch(a -> isResponseStream(a, file));
    }
    if (!(e instanceof MethodCallExpr getter) || !STREAM_GETTERS.contains(getter.getNameAsString())
        || getter.getScope().isEmpty()) {
      return false;
    }
    Expression owner = getter.getScope().get();
    return RESPONSE_NAME.matcher(owner.toString()).matches()
        || file.declaredType(owner).map(t -> t.endsWith("Response") || t.endsWith("ResponseWrapper"))
            .orElse(false);
  }

  /**
   * The return value of a Spring {@code @ResponseBody}/{@code @RestController} handler or a
   * JAX-RS resource method is the response body: text from the request there is reflected XSS
   * unless the method produces a type browsers do not render as HTML (JSON, plain text, XML).
   */
  private static void checkResponseBody(ReturnStmt ret, FileContext file, Findings findings) {
    if (ret.getExpression().isEmpty()) {
      return;
    }
    Optional<MethodDeclaration> found = ret.findAncestor(MethodDeclaration.class);
    if (found.isEmpty() || !TEXT_BODY.matcher(found.get().getType().asString()).matches()
        || ret.findAncestor(LambdaExpr.class).isPresent()) {
      return;
    }
    MethodDeclaration method = found.get();
    Optional<ClassOrInterfaceDeclaration> owner =
        method.findAncestor(ClassOrInterfaceDeclaration.class);
    boolean spring = method.getAnnotations().stream()
            .anyMatch(a -> a.getNameAsString().endsWith("Mapping"))
        && (method.isAnnotationPresent("ResponseBody") || owner.map(
            c -> c.isAnnotationPresent("RestController") || c.isAnnotationPresent("ResponseBody"))
            .orElse(false));
    boolean jaxRs = method.getAnnotations().stream()
        .anyMatch(a -> JAX_RS_VERBS.contains(a.getNameAsString()));
    if (!spring && !jaxRs) {
      return;
    }
    String produces = produces(method).or(() -> owner.flatMap(CrossSiteScripting::produces))
        .orElse("");
    if (NON_HTML.matcher(produces).find() && !HTML.matcher(produces).find()) {
      return;
    }
    TaintSinks.check(ret.getExpression().get(), SinkKind.HTML, file, findings,
        "the response body of " + method.getNameAsString() + "()");
  }

  /** The media types a method or class declares it produces, as source text. */
  private static Optional<String> produces(NodeWithAnnotations<?> node) {
    for (AnnotationExpr annotation : node.getAnnotations()) {
      String name = annotation.getNameAsString();
      if (name.equals("Produces") || name.endsWith(".Produces")) {
        return Optional.of(annotation.toString());
      }
      if (name.endsWith("Mapping") && annotation instanceof NormalAnnotationExpr normal) {
        for (MemberValuePair pair : normal.getPairs()) {
          if (pair.getNameAsString().equals("produces")) {
            return Optional.of(pair.getValue().toString());
          }
        }
      }
    }
    return Optional.empty();
  }
}
