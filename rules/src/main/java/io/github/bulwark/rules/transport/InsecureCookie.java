package io.github.bulwark.rules.transport;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Flags cookies sent without the {@code Secure} attribute (and session-like cookies without
 * {@code HttpOnly}): servlet {@code Cookie}s added to a response, Spring {@code ResponseCookie}
 * builders, and hand-written {@code Set-Cookie} headers.
 */
@RuleInfo(
    id = "InsecureCookie",
    family = Family.TRANSPORT,
    title = "Cookie sent without Secure or HttpOnly",
    cwe = {614, 1004},
    owasp = OwaspCategory.A05_SECURITY_MISCONFIGURATION,
    severity = Severity.MEDIUM,
    description = "A cookie without Secure is also sent over plain HTTP, where anyone on the path "
        + "can read it; a session cookie without HttpOnly can be read by any script injected "
        + "into the page. Either way the session can be stolen.",
    fix = "Call cookie.setSecure(true) (and setHttpOnly(true) for session and auth cookies), or "
        + "ResponseCookie.from(..).secure(true).httpOnly(true); SecureCookies.session(name, value) "
        + "builds a Set-Cookie value with Secure, HttpOnly and SameSite=Strict set.",
    helper = "io.github.bulwark.runtime.SecureCookies")
public final class InsecureCookie implements NodeRule<Node> {

  /** Names that carry a session or credential, which scripts must not read. */
  private static final Pattern SESSION_LIKE = Pattern.compile(
      "(?i).*(sess|sid|auth|token|jwt|remember|login|logged|user|account|identity|sso).*");
  private static final List<String> COOKIE_TYPES =
      List.of("javax.servlet.http.Cookie", "jakarta.servlet.http.Cookie");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(ObjectCreationExpr.class, MethodCallExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof ObjectCreationExpr creation) {
      checkServletCookie(creation, file, findings);
    } else if (node instanceof MethodCallExpr call) {
      if (call.getNameAsString().equals("from") && call.getScope()
          .map(s -> s.toString().endsWith("ResponseCookie")).orElse(false)) {
        checkResponseCookie(call, file, findings);
      } else if ((call.getNameAsString().equals("addHeader")
          || call.getNameAsString().equals("setHeader")
          || call.getNameAsString().equals("header")
          || ((call.getNameAsString().equals("add") || call.getNameAsString().equals("set"))
              && call.getScope().map(s -> ExpressionText.of(s)
                  .matches("(?is).*(headers|getResponseHeaders\\(\\))")).orElse(false)))
          && call.getArguments().size() == 2) {
        checkSetCookieHeader(call, file, findings);
      }
    }
  }

  private void checkServletCookie(ObjectCreationExpr creation, FileContext file,
      Findings findings) {
    if (creation.getArguments().size() != 2
        || !file.types().isAny(creation.getType().getNameWithScope(), COOKIE_TYPES)) {
      return;
    }
    Node scope = enclosingBody(creation);
    Optional<String> variable = assignedName(creation);
    boolean addedDirectly = creation.getParentNode()
        .filter(p -> p instanceof MethodCallExpr call
            && call.getNameAsString().equals("addCookie"))
        .isPresent();
    if (!addedDirectly && (variable.isEmpty() || !calls(scope, variable.get(), "addCookie"))) {
      return; // not sent here (a factory returns it, or it is only read)
    }
    String name = file.constantString(creation.getArgument(0)).orElse("");
    List<String> missing = new ArrayList<>();
    if (variable.isEmpty()) {
      missing.add("Secure");
    } else {
      String var = variable.get();
      if (setsTo(scope, var, "setMaxAge", "0")) {
        return; // deleting a cookie sends no value worth protecting
      }
      if (!enabled(scope, var, "setSecure", file)) {
        missing.add("Secure");
      }
      if (SESSION_LIKE.matcher(name).matches() && !enabled(scope, var, "setHttpOnly", file)) {
        missing.add("HttpOnly");
      }
    }
    if (!missing.isEmpty()) {
      findings.report(creation, "cookie %s is added to the response without %s",
          name.isEmpty() ? creation.getArgument(0).toString() : "'" + name + "'",
          String.join(" and ", missing));
    }
  }

  private void checkResponseCookie(MethodCallExpr from, FileContext file, Findings findings) {
    List<MethodCallExpr> chain = new ArrayList<>();
    Node current = from;
    while (current.getParentNode().isPresent()
        && current.getParentNode().get() instanceof MethodCallExpr next
        && next.getScope().map(s -> s == from || chain.contains(s)).orElse(false)) {
      chain.add(next);
      current = next;
    }
    if (chain.stream().noneMatch(c -> c.getNameAsString().equals("build"))) {
      return; // the builder continues elsewhere; not judged here
    }
    String name = from.getArguments().isEmpty() ? ""
        : file.constantString(from.getArgument(0)).orElse("");
    List<String> missing = new ArrayList<>();
    if (!chainEnables(chain, "secure", file)) {
      missing.add("Secure");
    }
    if (SESSION_LIKE.matcher(name).matches() && !chainEnables(chain, "httpOnly", file)) {
      missing.add("HttpOnly");
    }
    boolean deletes = chain.stream().anyMatch(c -> c.getNameAsString().equals("maxAge")
        && c.getArguments().size() == 1
        && file.constantValue(c.getArgument(0)).map(v -> v.equals(0L)).orElse(false));
    if (!missing.isEmpty() && !deletes) {
      findings.report(from, "ResponseCookie %s is built without %s",
          name.isEmpty() ? "" : "'" + name + "'", String.join(" and ", missing));
    }
  }

  private void checkSetCookieHeader(MethodCallExpr call, FileContext file, Findings findings) {
    boolean setCookie = file.constantString(call.getArgument(0))
        .map(h -> h.equalsIgnoreCase("Set-Cookie")).orElse(false)
        || call.getArgument(0).toString().endsWith("SET_COOKIE");
    if (!setCookie) {
      return;
    }
    List<String> fragments = file.constantFragments(call.getArgument(1));
    if (fragments.isEmpty()) {
      return; // nothing known about the value
    }
    String known = String.join("", fragments).toLowerCase(Locale.ROOT);
    if (!known.contains("secure")) {
      findings.report(call, "Set-Cookie header is written without the Secure attribute");
    }
  }

  private static boolean chainEnables(List<MethodCallExpr> chain, String method,
      FileContext file) {
    return chain.stream().anyMatch(c -> c.getNameAsString().equals(method)
        && (c.getArguments().isEmpty()
            || !file.constantValue(c.getArgument(0)).map(Boolean.FALSE::equals).orElse(false)));
  }

  private static Node enclosingBody(Node node) {
    return node.findAncestor(CallableDeclaration.class).map(c -> (Node) c)
        .or(() -> node.findAncestor(LambdaExpr.class).map(l -> (Node) l))
        .orElse(node.findRootNode());
  }

  private static Optional<String> assignedName(ObjectCreationExpr creation) {
    Optional<Node> parent = creation.getParentNode();
    if (parent.isPresent() && parent.get() instanceof VariableDeclarator variable) {
      return Optional.of(variable.getNameAsString());
    }
    if (parent.isPresent() && parent.get() instanceof AssignExpr assign
        && assign.getTarget() instanceof NameExpr target) {
      return Optional.of(target.getNameAsString());
    }
    return Optional.empty();
  }

  /** Some call in scope passes {@code variable} to a method named {@code method}. */
  private static boolean calls(Node scope, String variable, String method) {
    return scope.findAll(MethodCallExpr.class).stream()
        .anyMatch(call -> call.getNameAsString().equals(method)
            && call.getArguments().stream().anyMatch(a -> isName(a, variable)));
  }

  /** {@code variable.method(x)} with x not the constant false. */
  private static boolean enabled(Node scope, String variable, String method, FileContext file) {
    return scope.findAll(MethodCallExpr.class).stream()
        .anyMatch(call -> call.getNameAsString().equals(method)
            && call.getScope().map(s -> isName(s, variable)).orElse(false)
            && call.getArguments().size() == 1
            && !file.constantValue(call.getArgument(0)).map(Boolean.FALSE::equals)
                .orElse(false));
  }

  private static boolean setsTo(Node scope, String variable, String method, String literal) {
    return scope.findAll(MethodCallExpr.class).stream()
        .anyMatch(call -> call.getNameAsString().equals(method)
            && call.getScope().map(s -> isName(s, variable)).orElse(false)
            && call.getArguments().size() == 1
            && call.getArgument(0).toString().equals(literal));
  }

  private static boolean isName(Expression expression, String name) {
    return expression instanceof NameExpr n && n.getNameAsString().equals(name);
  }
}
