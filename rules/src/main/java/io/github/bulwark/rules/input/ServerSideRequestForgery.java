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

/**
 * Flags outbound requests whose URL or host comes from untrusted input: {@code new URL},
 * {@code URI.create}, the JDK HttpClient, RestTemplate, WebClient, OkHttp, Apache HttpClient,
 * Jsoup and JAX-RS clients.
 */
@RuleInfo(
    id = "ServerSideRequestForgery",
    family = Family.INPUT,
    title = "Outbound request to a URL from untrusted input",
    cwe = {918},
    owasp = OwaspCategory.A10_SERVER_SIDE_REQUEST_FORGERY,
    severity = Severity.HIGH,
    description = "If the client chooses where the server connects, it can make the server call "
        + "internal services, cloud metadata endpoints (169.254.169.254) and admin ports that are "
        + "unreachable from outside, and read the answers.",
    fix = "Never take a whole URL from the client: pick the host from a fixed allow-list "
        + "(InputValidator.identifier(host, allowedHosts)) and send the request through "
        + "SecureHttp.client().",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class ServerSideRequestForgery implements NodeRule<Node> {

  private static final Set<String> URL_TYPES = Set.of(
      "URL", "HttpGet", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch", "HttpHead",
      "Socket", "InetSocketAddress");
  private static final Set<String> URL_METHODS = Set.of(
      "getForObject", "getForEntity", "postForObject", "postForEntity", "exchange",
      "baseUrl", "uri", "url", "target", "connect", "newBuilder", "create");

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
      String type = creation.getType().getNameAsString();
      if (URL_TYPES.contains(type) && !creation.getArguments().isEmpty()) {
        TaintSinks.check(creation.getArgument(0), SinkKind.URL, file, findings,
            "the address of new " + type + "()");
      }
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    String name = call.getNameAsString();
    String receiver = TaintSinks.receiver(call);
    if (call.getArguments().isEmpty() || !URL_METHODS.contains(name)) {
      return;
    }
    boolean client = switch (name) {
      case "create" -> receiver.equals("URI") || receiver.endsWith("WebClient")
          || receiver.endsWith("RestClient");
      case "newBuilder" -> receiver.endsWith("HttpRequest");
      case "connect" -> receiver.endsWith("Jsoup");
      case "target" -> receiver.matches("(?i).*client.*");
      case "uri", "url", "baseUrl" -> !receiver.isEmpty()
          && !receiver.matches("(?i).*(map|header|model|properties).*");
      default -> receiver.matches("(?i).*(rest|template|client|http).*");
    };
    if (client) {
      TaintSinks.check(call.getArgument(0), SinkKind.URL, file, findings,
          "the address of " + name + "()");
    }
  }
}
