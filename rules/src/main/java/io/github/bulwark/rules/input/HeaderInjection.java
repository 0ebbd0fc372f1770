package io.github.bulwark.rules.input;

import com.github.javaparser.ast.Node;
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
import java.util.regex.Pattern;

/**
 * Flags response headers and cookies whose value comes from untrusted input
 * ({@code setHeader}, {@code addHeader}, {@code new Cookie}); the {@code Location} header is
 * {@code OpenRedirect}'s.
 */
@RuleInfo(
    id = "HeaderInjection",
    family = Family.INPUT,
    title = "Response header built from untrusted input",
    cwe = {113},
    owasp = OwaspCategory.A03_INJECTION,
    severity = Severity.MEDIUM,
    description = "CR/LF characters in a header value split the response: the attacker adds "
        + "headers of their own (Set-Cookie, a second body), poisons caches or fixes a session.",
    fix = "Validate the value against an allow-list (InputValidator.matches) or encode it with "
        + "InputValidator.urlComponent(value) before it goes into a header or cookie.",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class HeaderInjection implements NodeRule<Node>, TaintSinks.CrossFile {

  private static final Pattern RESPONSE_RECEIVER =
      Pattern.compile("(?is).*(response|resp|res|exchange|headers).*");
  private static final Pattern HEADERS_RECEIVER = Pattern.compile("(?i).*headers.*");
  private static final Set<String> HEADER_METHODS =
      Set.of("setHeader", "addHeader", "header", "set", "add");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ObjectCreationExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof ObjectCreationExpr creation) {
      if (creation.getType().getNameAsString().equals("Cookie")
          && creation.getArguments().size() == 2) {
        TaintSinks.check(creation.getArgument(1), SinkKind.HEADER, file, findings,
            "a cookie value");
      }
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    String name = call.getNameAsString();
    if (!HEADER_METHODS.contains(name) || call.getArguments().size() != 2) {
      return;
    }
    String receiver = TaintSinks.receiver(call);
    // setHeader/addHeader on a servlet response, header(..) on a ResponseEntity or JAX-RS
    // Response builder; set/add on Spring's HttpHeaders.
    String type = TaintSinks.receiverType(call, file);
    boolean response = name.endsWith("Header") || name.equals("header")
        ? RESPONSE_RECEIVER.matcher(receiver).matches() || type.contains("Response")
            || type.contains("Headers")
        : HEADERS_RECEIVER.matcher(receiver).matches() || type.endsWith("Headers");
    boolean location = file.constantString(call.getArgument(0))
        .map("Location"::equalsIgnoreCase).orElse(false);
    if (response && !location) {
      TaintSinks.check(call.getArgument(1), SinkKind.HEADER, file, findings,
          "the response header " + call.getArgument(0));
    }
  }
}
