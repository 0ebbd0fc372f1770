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
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * Flags outbound requests whose URL or host comes from untrusted input: {@code new URL} (unless
 * it is only parsed and inspected), the JDK HttpClient, RestTemplate, WebClient, OkHttp, Apache HttpClient,
 * Jsoup and JAX-RS clients. An address whose scheme and host are constant (only the path or
 * query varies) is not a finding.
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
public final class ServerSideRequestForgery implements NodeRule<Node>, TaintSinks.CrossFile {

  private static final Set<String> URL_TYPES = Set.of(
      "URL", "HttpGet", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch", "HttpHead",
      "Socket", "InetSocketAddress");
  private static final Pattern FIXED_HOST =
      Pattern.compile("(?is)[a-z][a-z0-9+.-]*://[^/?#@\\\\]+[/?#].*");
  /** URL methods that read the parsed address and connect nowhere. */
  private static final Set<String> INSPECTION = Set.of(
      "getHost", "getProtocol", "getPort", "getDefaultPort", "getPath", "getQuery", "getFile",
      "getRef", "getAuthority", "getUserInfo", "toURI", "toExternalForm", "toString", "equals",
      "sameFile");
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
      if (URL_TYPES.contains(type) && !creation.getArguments().isEmpty()
          && !fixedHost(creation.getArgument(0), file)
          && !(type.equals("URL") && onlyInspected(creation))) {
        TaintSinks.check(creation.getArgument(0), SinkKind.URL, file, findings,
            "the address of new " + type + "()");
      }
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    String name = call.getNameAsString();
    if (call.getArguments().isEmpty() || !URL_METHODS.contains(name)) {
      return;
    }
    String receiver = TaintSinks.receiver(call);
    boolean client = switch (name) {
      // URI.create only parses: the request is made where the URI is used (newBuilder, uri).
      case "create" -> receiver.endsWith("WebClient") || receiver.endsWith("RestClient");
      case "newBuilder" -> receiver.endsWith("HttpRequest");
      case "connect" -> receiver.endsWith("Jsoup");
      case "target" -> receiver.matches("(?i).*client.*");
      case "uri", "url", "baseUrl" -> !receiver.isEmpty()
          && !receiver.matches("(?i).*(map|header|model|properties).*");
      default -> receiver.matches("(?i).*(rest|template|client|http).*");
    };
    if (client && !fixedHost(call.getArgument(0), file)) {
      TaintSinks.check(call.getArgument(0), SinkKind.URL, file, findings,
          "the address of " + name + "()");
    }
  }

  /**
   * The address starts with a constant scheme, host and a path separator: the client only picks
   * the path or query on a host we chose ("https://api.example.com/users/" + id). Without the
   * separator, "https://api.example.com" + "@evil.example" would still change the host.
   */
  private static boolean fixedHost(Expression address, FileContext file) {
    return file.constantPrefix(address).map(p -> FIXED_HOST.matcher(p).matches()).orElse(false);
  }

  /**
   * A URL only parsed and inspected (new URL(next).getHost() to validate a redirect) makes no
   * request; one that is opened, or passed on, may.
   */
  private static boolean onlyInspected(ObjectCreationExpr creation) {
    Node parent = creation.getParentNode().orElse(null);
    if (parent instanceof MethodCallExpr call && call.getScope().orElse(null) == creation) {
      return INSPECTION.contains(call.getNameAsString());
    }
    if (!(parent instanceof VariableDeclarator variable)) {
      return false;
    }
    String name = variable.getNameAsString();
    Optional<CallableDeclaration> method = creation.findAncestor(CallableDeclaration.class);
    if (method.isEmpty()) {
      return false;
    }
    List<NameExpr> uses = method.get().findAll(NameExpr.class).stream()
        .filter(n -> ((NameExpr) n).getNameAsString().equals(name)).map(n -> (NameExpr) n)
        .toList();
    return !uses.isEmpty() && uses.stream().allMatch(use -> use.getParentNode()
        .filter(p -> p instanceof MethodCallExpr m && m.getScope().orElse(null) == use
            && INSPECTION.contains(m.getNameAsString()))
        .isPresent());
  }
}
