package io.github.bulwark.rules.input;

import com.github.javaparser.ast.expr.MethodCallExpr;
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
import java.util.regex.Pattern;

/** Flags XPath expressions built from untrusted input ({@code XPath.evaluate}, {@code XPath.compile}, {@code selectNodes}). */
@RuleInfo(
    id = "XPathInjection",
    family = Family.INPUT,
    title = "XPath expression built from untrusted input",
    cwe = {643},
    owasp = OwaspCategory.A03_INJECTION,
    severity = Severity.HIGH,
    description = "Request data in an XPath expression lets an attacker rewrite the query, read parts of the document they should not, or bypass an XML-backed login.",
    fix = "Use a constant expression with variables bound through an XPathVariableResolver, or allow-list the value with InputValidator.matches(value, pattern).",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class XPathInjection implements NodeRule<MethodCallExpr>, TaintSinks.CrossFile {

  private static final Set<String> XPATH_METHODS = Set.of(
      "evaluate", "compile", "evaluateExpression", "selectNodes", "selectSingleNode");
  /** xpath, xp, xPath, xpe, XPathFactory.newInstance().newXPath(): not any name with "xp" in it. */
  private static final Pattern XPATH_RECEIVER =
      Pattern.compile("(?i)(.*xpath|xp|xpe|.*newXPath\\(\\))");
  /** dom4j: document.selectNodes(expr), node.selectSingleNode(expr). */
  private static final Pattern DOM4J_RECEIVER =
      Pattern.compile("(?i)(.*document|doc|.*node|root|.*element)");

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (!name.equals("evaluate") && !name.equals("compile") && !name.equals("evaluateExpression") && !name.equals("selectNodes") && !name.equals("selectSingleNode")) {
      return; // cheap test first: most calls are not this sink
    }
    String receiver = TaintSinks.receiver(call);
    String type = TaintSinks.receiverType(call, file);
    if (call.getArguments().isEmpty() || !XPATH_METHODS.contains(name)) {
      return;
    }
    // xp.compile(expr).evaluate(doc): the expression was checked at compile(); doc is data.
    boolean compiled = type.contains("XPathExpression") || call.getScope()
        .filter(s -> s instanceof MethodCallExpr m && m.getNameAsString().equals("compile"))
        .isPresent();
    boolean xpath = type.contains("XPath") || XPATH_RECEIVER.matcher(receiver).matches()
        || (name.startsWith("select") && DOM4J_RECEIVER.matcher(receiver).matches());
    if (compiled || !xpath) {
      return;
    }
    TaintSinks.checkArguments(call.getArguments(), List.of(0), SinkKind.XPATH, file, findings,
        "the XPath expression of " + name + "()");
  }
}
