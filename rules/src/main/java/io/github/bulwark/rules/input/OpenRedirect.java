package io.github.bulwark.rules.input;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
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

/**
 * Flags redirects to a target from untrusted input: {@code sendRedirect}, a {@code Location}
 * header, Spring {@code "redirect:" + value} view names, {@code RedirectView} and
 * {@code ModelAndView}, JAX-RS {@code Response.seeOther/temporaryRedirect}.
 */
@RuleInfo(
    id = "OpenRedirect",
    family = Family.INPUT,
    title = "Redirect to a target from untrusted input",
    cwe = {601},
    owasp = OwaspCategory.A01_BROKEN_ACCESS_CONTROL,
    severity = Severity.MEDIUM,
    description = "A redirect whose target the client controls sends users from your trusted "
        + "domain to a phishing page, and can leak tokens in the URL to the attacker's site.",
    fix = "Redirect only to relative paths of your own site or to targets from a fixed "
        + "allow-list: InputValidator.identifier(target, allowedTargets).",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class OpenRedirect implements NodeRule<Node>, TaintSinks.CrossFile {

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
      String name = call.getNameAsString();
      if (name.equals("sendRedirect") && call.getArguments().size() == 1) {
        checkTarget(call.getArgument(0), file, findings, "the target of sendRedirect()");
      } else if ((name.equals("setHeader") || name.equals("addHeader") || name.equals("header")
          || ((name.equals("set") || name.equals("add"))
              && TaintSinks.receiver(call).matches("(?is).*(headers|getResponseHeaders\\(\\))")))
          && call.getArguments().size() == 2
          && file.constantString(call.getArgument(0)).map("Location"::equalsIgnoreCase)
              .orElse(false)) {
        checkTarget(call.getArgument(1), file, findings, "the Location header");
      } else if ((name.equals("seeOther") || name.equals("temporaryRedirect")
          || name.equals("location")) && call.getArguments().size() == 1
          && TaintSinks.receiver(call).matches("(?s).*Response.*")) {
        checkTarget(call.getArgument(0), file, findings,
            "the redirect target of " + name + "()");
      } else if (name.equals("setViewName") && call.getArguments().size() == 1) {
        checkViewName(call.getArgument(0), file, findings);
      }
    } else if (node instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      if (type.equals("RedirectView") && !creation.getArguments().isEmpty()) {
        checkTarget(creation.getArgument(0), file, findings, "the target of new RedirectView()");
      } else if (type.equals("ModelAndView") && !creation.getArguments().isEmpty()) {
        checkViewName(creation.getArgument(0), file, findings);
      }
    } else if (node instanceof ReturnStmt ret && ret.getExpression().isPresent()) {
      checkViewName(ret.getExpression().get(), file, findings);
    }
  }

  /** "redirect:" + value as a Spring view name. */
  private static void checkViewName(Expression expression, FileContext file, Findings findings) {
    Optional<String> prefix = file.constantPrefix(expression);
    if (prefix.isEmpty() || !prefix.get().startsWith("redirect:")
        || !(FileContext.unwrap(expression) instanceof BinaryExpr
            || expression instanceof com.github.javaparser.ast.expr.NameExpr)) {
      return;
    }
    checkTarget(expression, file, findings, "a redirect: view name");
  }

  /** A fixed local path or a fixed host in front of the request data keeps the user on site. */
  private static final java.util.regex.Pattern FIXED_DESTINATION = java.util.regex.Pattern.compile(
      "(?i)(redirect:)?(/(?![/\\\\])|https?://[^/?#\\s]+[/?#]).*");

  private static void checkTarget(Expression target, FileContext file, Findings findings,
      String sink) {
    Optional<String> prefix = file.constantPrefix(target);
    if (prefix.isPresent() && FIXED_DESTINATION.matcher(prefix.get()).matches()) {
      return; // "/users/" + id or "https://shop.example/" + path cannot leave the site
    }
    TaintSinks.check(target, SinkKind.REDIRECT, file, findings, sink);
  }
}
