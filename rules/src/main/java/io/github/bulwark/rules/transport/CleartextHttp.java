package io.github.bulwark.rules.transport;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags cleartext URLs ({@code http://}, {@code ws://}, {@code ftp://}) that reach a network
 * client: URL/URI construction, the JDK HttpClient, RestTemplate, WebClient, RestClient, Feign,
 * OkHttp, Apache HttpClient, JAX-RS clients and Jsoup, through constants, fields, concatenation
 * and {@code @Value("${key:http://...}")} defaults. Loopback hosts, XML namespace and schema
 * identifiers, and test code are left alone.
 */
@RuleInfo(
    id = "CleartextHttp",
    family = Family.TRANSPORT,
    title = "Cleartext HTTP connection",
    cwe = {319},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.MEDIUM,
    confidence = Confidence.HIGH,
    description = "Anything sent over http://, ws:// or ftp:// crosses the network readable and "
        + "changeable by anyone on the path: API keys, session cookies, tokens and personal "
        + "data leak, and responses can be replaced.",
    fix = "Use https:// (wss://, sftp://) and send requests through SecureHttp.client(), which "
        + "refuses cleartext URLs.",
    helper = "io.github.bulwark.runtime.SecureHttp")
public final class CleartextHttp implements NodeRule<Node> {

  private static final Pattern CLEARTEXT =
      Pattern.compile("^\\s*(http|ws|ftp)://([^/?#\\s]*)(.*)$", Pattern.CASE_INSENSITIVE);
  /** Constructors whose first argument is a URL a client will connect to. */
  private static final Set<String> URL_CONSTRUCTORS = Set.of(
      "URL", "HttpGet", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch", "HttpHead",
      "HttpOptions", "HttpTrace", "HttpUriRequestBase", "BasicClassicHttpRequest",
      "GetMethod", "PostMethod", "Socket");
  /** Builder steps and client calls whose name alone says "this is a URL" (first argument). */
  private static final Set<String> URL_METHODS = Set.of(
      "uri", "url", "baseUrl", "rootUri", "getForObject", "getForEntity", "postForObject",
      "postForEntity", "postForLocation", "patchForObject", "headForHeaders", "optionsForAllow",
      "newBuilder", "fromHttpUrl", "buildAsync");
  /** HTTP-verb style calls that take a URL only when the receiver is an HTTP client. */
  private static final Set<String> VERB_METHODS = Set.of(
      "get", "post", "put", "delete", "patch", "head", "exchange", "execute", "target",
      "connect", "Get", "Post", "Put", "Delete", "Patch", "Head");
  private static final Pattern CLIENT_RECEIVER = Pattern.compile(
      "(?i)(.*(client|template|rest|http|request|jsoup|feign|webtarget|unirest).*)");
  /** Receivers of URL methods that are not network clients (maps, caches, JSON). */
  private static final Pattern NON_CLIENT_RECEIVER = Pattern.compile(
      "(?i).*(map|cache|cookie|header|param|props|properties|json|node|config|registry|"
          + "attributes|model|list|set|env|store|table|index)s?$");
  /** Hosts whose http URLs name XML namespaces, schemas and DTDs, never fetched. */
  private static final Pattern IDENTIFIER_HOSTS = Pattern.compile(
      "(?i)(www\\.)?(w3\\.org|xmlns\\.jcp\\.org|java\\.sun\\.com|xmlns\\.oracle\\.com|"
          + "schemas\\.xmlsoap\\.org|schemas\\.microsoft\\.com|purl\\.org|json-schema\\.org|"
          + "maven\\.apache\\.org|www\\.springframework\\.org|springframework\\.org|"
          + "ns\\.adobe\\.com|xml\\.org|docs\\.oasis-open\\.org|xml\\.apache\\.org|"
          + "jboss\\.org|www\\.jboss\\.org|hibernate\\.org|www\\.hibernate\\.org|"
          + "apache\\.org/xml|schemas\\.android\\.com|ws-i\\.org|xmlsoap\\.org)");
  private static final Pattern SCHEMA_PATH = Pattern.compile("(?i).*\\.(xsd|dtd|wsdl|rdf|owl)$");
  private static final Pattern VALUE_DEFAULT = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(ObjectCreationExpr.class, MethodCallExpr.class, NormalAnnotationExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return; // test servers run on plain HTTP by design
    }
    if (node instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      if (type.equals("URL") && creation.getArguments().size() >= 3) {
        // new URL("http", host, port, file)
        file.constantString(creation.getArgument(0))
            .filter(protocol -> protocol.equalsIgnoreCase("http")
                || protocol.equalsIgnoreCase("ftp"))
            .ifPresent(protocol -> findings.report(creation.getArgument(0),
                "new URL(\"%s\", ..) connects without TLS", protocol));
      } else if (URL_CONSTRUCTORS.contains(type) && !creation.getArguments().isEmpty()
          && !type.equals("Socket")) {
        checkUrl(creation.getArgument(0), file, findings, "new " + type + "(..)");
      } else if (type.equals("URI") && creation.getArguments().size() == 1) {
        checkUrl(creation.getArgument(0), file, findings, "new URI(..)");
      }
    } else if (node instanceof MethodCallExpr call) {
      checkCall(call, file, findings);
    } else if (node instanceof NormalAnnotationExpr annotation) {
      checkFeign(annotation, file, findings);
    }
  }

  private void checkCall(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (call.getArguments().isEmpty() || !name.equals("create") && !URL_METHODS.contains(name)
        && !VERB_METHODS.contains(name)) {
      return; // no URL argument: checked before the receiver is printed
    }
    String receiver = call.getScope().map(ExpressionText::of).orElse("");
    if (name.equals("create") && (receiver.equals("URI") || receiver.endsWith("WebClient")
        || receiver.endsWith("RestClient") || receiver.endsWith("java.net.URI"))) {
      checkUrl(call.getArgument(0), file, findings, receiver + ".create(..)");
      return;
    }
    if (call.getScope().isEmpty() || receiver.equals("this") || receiver.equals("super")
        || NON_CLIENT_RECEIVER.matcher(receiver).matches()) {
      return;
    }
    boolean urlMethod = URL_METHODS.contains(name)
        || (VERB_METHODS.contains(name) && CLIENT_RECEIVER.matcher(receiver).matches());
    if (!urlMethod) {
      return;
    }
    if (name.equals("newBuilder") && !receiver.endsWith("HttpRequest")) {
      return;
    }
    checkUrl(call.getArgument(0), file, findings, name + "(..)");
  }

  /** {@code @FeignClient(name = "x", url = "http://...")}. */
  private void checkFeign(NormalAnnotationExpr annotation, FileContext file, Findings findings) {
    if (!annotation.getNameAsString().endsWith("FeignClient")) {
      return;
    }
    for (MemberValuePair pair : annotation.getPairs()) {
      if (pair.getNameAsString().equals("url")) {
        checkUrl(pair.getValue(), file, findings, "@FeignClient(url)");
      }
    }
  }

  private void checkUrl(Expression argument, FileContext file, Findings findings, String sink) {
    Optional<String> url = file.constantPrefix(argument);
    if (url.isEmpty()) {
      url = valueAnnotationDefault(argument, file);
    }
    url.flatMap(CleartextHttp::cleartextHost).ifPresent(host ->
        findings.report(argument, "%s connects to %s without TLS", sink, host));
  }

  /** The default of {@code @Value("${key:http://...}")} on the field or parameter used. */
  private static Optional<String> valueAnnotationDefault(Expression argument, FileContext file) {
    Expression e = FileContext.unwrap(argument);
    if (!(e instanceof NameExpr name)) {
      if (e instanceof com.github.javaparser.ast.expr.FieldAccessExpr access
          && access.getScope() instanceof com.github.javaparser.ast.expr.ThisExpr) {
        return access.findAncestor(com.github.javaparser.ast.body.TypeDeclaration.class)
            .flatMap(type -> ((com.github.javaparser.ast.body.TypeDeclaration<?>) type)
                .getFieldByName(access.getNameAsString()))
            .flatMap(field -> valueDefault(field, file));
      }
      return Optional.empty();
    }
    Optional<Node> declaration = file.declarationOf(name);
    if (declaration.isEmpty()) {
      return Optional.empty();
    }
    Node holder = declaration.get();
    if (holder instanceof VariableDeclarator variable) {
      Optional<Node> field = variable.getParentNode();
      if (field.isPresent() && field.get() instanceof NodeWithAnnotations<?> annotated) {
        return valueDefault(annotated, file);
      }
      return Optional.empty();
    }
    if (holder instanceof Parameter parameter) {
      return valueDefault(parameter, file);
    }
    return Optional.empty();
  }

  private static Optional<String> valueDefault(NodeWithAnnotations<?> annotated, FileContext file) {
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      if (!annotation.getNameAsString().equals("Value")) {
        continue;
      }
      Expression value = annotation instanceof SingleMemberAnnotationExpr single
          ? single.getMemberValue()
          : annotation instanceof NormalAnnotationExpr normal
              ? normal.getPairs().stream().filter(p -> p.getNameAsString().equals("value"))
                  .map(MemberValuePair::getValue).findFirst().orElse(null)
              : null;
      if (value == null) {
        continue;
      }
      Optional<String> text = file.constantString(value);
      if (text.isPresent()) {
        Matcher matcher = VALUE_DEFAULT.matcher(text.get());
        if (matcher.find()) {
          return Optional.of(matcher.group(1));
        }
      }
    }
    return Optional.empty();
  }

  /** The host of a cleartext URL that is not loopback or an XML identifier. */
  static Optional<String> cleartextHost(String url) {
    Matcher matcher = CLEARTEXT.matcher(url);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String authority = matcher.group(2);
    String rest = matcher.group(3);
    String host = hostOf(authority);
    if (host.isEmpty()) {
      // "http://" + host: the scheme alone decides that the connection is cleartext.
      return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT) + "://<computed host>");
    }
    if (isLoopback(host)) {
      return Optional.empty();
    }
    if (IDENTIFIER_HOSTS.matcher(host).matches()
        || IDENTIFIER_HOSTS.matcher(host + rest).lookingAt()
        || SCHEMA_PATH.matcher(rest).matches()) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT) + "://" + authority);
  }

  private static String hostOf(String authority) {
    String host = authority;
    int at = host.lastIndexOf('@');
    if (at >= 0) {
      host = host.substring(at + 1);
    }
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 ? host.substring(0, close + 1) : host;
    }
    int colon = host.indexOf(':');
    return (colon >= 0 ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT);
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
        || host.equals("[::1]") || host.equals("0.0.0.0") || host.equals("[0:0:0:0:0:0:0:1]");
  }
}
