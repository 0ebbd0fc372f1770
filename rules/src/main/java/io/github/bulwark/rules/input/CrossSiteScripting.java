package io.github.bulwark.rules.input;

import com.github.javaparser.ast.Node;
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
import java.util.Set;

/** Flags untrusted input written into an HTML response: servlet writers and output streams ({@code print}, {@code println}, {@code write}, {@code format}, {@code printf}, {@code append}), and Spring {@code @ResponseBody}/{@code @RestController} methods returning request text. HTML encoders clear it; other sanitizers do not. */
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
public final class CrossSiteScripting implements NodeRule<Node> {

  private static final Set<String> WRITE_METHODS =
      Set.of("print", "println", "write", "format", "printf", "append");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, com.github.javaparser.ast.stmt.ReturnStmt.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof com.github.javaparser.ast.stmt.ReturnStmt ret) {
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

  /** response.getWriter().print(..), or a writer variable obtained from the response. */
  private static boolean writesToResponse(MethodCallExpr call, FileContext file) {
    String receiver = TaintSinks.receiver(call);
    if (receiver.contains("getWriter()") || receiver.contains("getOutputStream()")) {
      return receiver.matches("(?is).*(response|resp|res)\\\\s*\\\\.\\\\s*get(Writer|OutputStream)\\\\(\\\\).*")
          || receiver.startsWith("get");
    }
    if (!(call.getScope().orElse(null) instanceof com.github.javaparser.ast.expr.NameExpr name)) {
      return false;
    }
    return file.initializerOf(name)
        .map(init -> init.toString().matches("(?s).*(getWriter|getOutputStream)\\\\(\\\\).*"))
        .orElse(false);
  }

  private static void checkResponseBody(com.github.javaparser.ast.stmt.ReturnStmt ret,
      FileContext file, Findings findings) {
    if (ret.getExpression().isEmpty()) {
      return;
    }
    var method = ret.findAncestor(com.github.javaparser.ast.body.MethodDeclaration.class);
    if (method.isEmpty() || !method.get().getType().asString().equals("String")) {
      return;
    }
    boolean responseBody = method.get().isAnnotationPresent("ResponseBody")
        || method.get().findAncestor(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration.class)
            .map(c -> c.isAnnotationPresent("RestController")).orElse(false);
    boolean mapped = method.get().getAnnotations().stream()
        .anyMatch(a -> a.getNameAsString().endsWith("Mapping"));
    String produces = method.get().getAnnotations().toString();
    boolean nonHtml = produces.contains("APPLICATION_JSON") || produces.contains("application/json")
        || produces.contains("TEXT_PLAIN") || produces.contains("text/plain");
    if (responseBody && mapped && !nonHtml) {
      TaintSinks.check(ret.getExpression().get(), SinkKind.HTML, file, findings,
          "the response body of " + method.get().getNameAsString() + "()");
    }
  }
}
