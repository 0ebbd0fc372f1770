package io.github.bulwark.rules.transport;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.List;
import java.util.Optional;

/**
 * Flags TLS trust decisions that accept every certificate: an {@code X509TrustManager} whose
 * {@code checkServerTrusted} (or, on a server-side manager, {@code checkClientTrusted}) does not
 * check anything, an Apache {@code TrustStrategy} that answers {@code true} (class, anonymous
 * class or lambda), and the library objects that trust all by design.
 */
@RuleInfo(
    id = "TrustAllCertificates",
    family = Family.TRANSPORT,
    title = "TLS certificate validation is disabled",
    cwe = {295},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.CRITICAL,
    description = "A trust manager or trust strategy that accepts every certificate turns HTTPS "
        + "into unauthenticated encryption: anyone on the network path (a rogue Wi-Fi, a "
        + "compromised proxy) can present their own certificate and read or change the traffic, "
        + "including credentials and tokens.",
    fix = "Delete the custom trust manager and use the platform's default validation; to trust a "
        + "private CA, trust exactly it with SecureHttp.trustingOnly(caCertificate).",
    helper = "io.github.bulwark.runtime.SecureHttp")
public final class TrustAllCertificates implements NodeRule<Node> {

  private static final String CHECK_SERVER = "checkServerTrusted";
  private static final String CHECK_CLIENT = "checkClientTrusted";
  /** Library objects that trust every certificate (or every self-signed one) by design. */
  private static final List<String> TRUST_ALL_TYPES = List.of(
      "org.apache.http.conn.ssl.TrustAllStrategy",
      "org.apache.hc.client5.http.ssl.TrustAllStrategy",
      "org.apache.http.conn.ssl.TrustSelfSignedStrategy",
      "org.apache.hc.client5.http.ssl.TrustSelfSignedStrategy",
      "io.netty.handler.ssl.util.InsecureTrustManagerFactory");
  private static final List<String> TRUST_STRATEGY_TYPES = List.of(
      "org.apache.http.ssl.TrustStrategy",
      "org.apache.http.conn.ssl.TrustStrategy",
      "org.apache.hc.core5.ssl.TrustStrategy");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodDeclaration.class, LambdaExpr.class, FieldAccessExpr.class,
        ObjectCreationExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof MethodDeclaration method) {
      checkMethod(method, findings);
    } else if (node instanceof LambdaExpr lambda) {
      checkLambda(lambda, file, findings);
    } else if (node instanceof FieldAccessExpr access) {
      checkConstant(access, file, findings);
    } else if (node instanceof ObjectCreationExpr creation) {
      checkCreation(creation, file, findings);
    }
  }

  private void checkMethod(MethodDeclaration method, Findings findings) {
    String name = method.getNameAsString();
    if (name.equals("isTrusted") && isCertificateCheck(method)) {
      // Apache TrustStrategy: "true" means "skip validation entirely".
      if (PermissiveBodies.answersTrueOnly(method.getBody())) {
        findings.report(method.getName(),
            "isTrusted() returns true for every certificate chain, so validation is skipped");
      }
      return;
    }
    if (!(name.equals(CHECK_SERVER) || name.equals(CHECK_CLIENT)) || !isCertificateCheck(method)
        || !permissive(method)) {
      return;
    }
    List<MethodDeclaration> servers = siblings(method, CHECK_SERVER);
    if (name.equals(CHECK_CLIENT) && !servers.isEmpty()) {
      return; // a client-side manager: the server check is what matters
    }
    List<MethodDeclaration> checks = name.equals(CHECK_SERVER) ? servers
        : siblings(method, CHECK_CLIENT);
    boolean allAcceptEverything =
        checks.stream().allMatch(TrustAllCertificates::permissive);
    if (allAcceptEverything && checks.get(0) != method) {
      return; // one finding per trust-all manager, on its first check method
    }
    String side = name.equals(CHECK_SERVER) ? "server" : "client";
    if (PermissiveBodies.swallowsFailure(method.getBody())) {
      findings.report(method.getName(),
          "%s() catches the validation failure and carries on, so every %s certificate passes",
          name, side);
    } else {
      findings.report(method.getName(),
          "%s() accepts every %s certificate without validating it", name, side);
    }
  }

  private static boolean permissive(MethodDeclaration method) {
    return PermissiveBodies.acceptsEverything(method.getBody())
        || PermissiveBodies.swallowsFailure(method.getBody());
  }

  /** (X509Certificate[] chain, String authType[, Socket|SSLEngine]). */
  private static boolean isCertificateCheck(MethodDeclaration method) {
    int count = method.getParameters().size();
    return count >= 2 && count <= 3
        && method.getParameter(0).getType().asString().contains("X509Certificate");
  }

  private static List<MethodDeclaration> siblings(MethodDeclaration method, String name) {
    NodeList<BodyDeclaration<?>> members = method.getParentNode()
        .map(TrustAllCertificates::membersOf).orElse(new NodeList<>());
    return members.stream()
        .filter(MethodDeclaration.class::isInstance)
        .map(MethodDeclaration.class::cast)
        .filter(m -> m.getNameAsString().equals(name) && isCertificateCheck(m))
        .toList();
  }

  private static NodeList<BodyDeclaration<?>> membersOf(Node owner) {
    if (owner instanceof TypeDeclaration<?> type) {
      return type.getMembers();
    }
    if (owner instanceof ObjectCreationExpr creation) {
      return creation.getAnonymousClassBody().orElse(new NodeList<>());
    }
    return new NodeList<>();
  }

  private void checkLambda(LambdaExpr lambda, FileContext file, Findings findings) {
    if (lambda.getParameters().size() != 2 || !PermissiveBodies.lambdaAnswersTrue(lambda)) {
      return;
    }
    if (isTrustStrategyPosition(lambda, file)) {
      findings.report(lambda,
          "this trust strategy returns true for every certificate chain, so validation is skipped");
    }
  }

  /** Passed to loadTrustMaterial, or held or cast as a TrustStrategy. */
  private static boolean isTrustStrategyPosition(LambdaExpr lambda, FileContext file) {
    Optional<Node> parent = lambda.getParentNode();
    if (parent.isEmpty()) {
      return false;
    }
    if (parent.get() instanceof MethodCallExpr call
        && call.getNameAsString().equals("loadTrustMaterial")
        && call.getArguments().contains(lambda)) {
      return true;
    }
    if (parent.get() instanceof CastExpr cast) {
      return file.types().isAny(cast.getType().asString(), TRUST_STRATEGY_TYPES);
    }
    if (parent.get() instanceof VariableDeclarator variable) {
      return file.types().isAny(variable.getType().asString(), TRUST_STRATEGY_TYPES);
    }
    return false;
  }

  private void checkConstant(FieldAccessExpr access, FileContext file, Findings findings) {
    if (!access.getNameAsString().equals("INSTANCE")) {
      return;
    }
    String owner = ExpressionText.of(access.getScope());
    if (file.types().isAny(owner, TRUST_ALL_TYPES)) {
      findings.report(access, "%s trusts every certificate", owner + ".INSTANCE");
    }
  }

  private void checkCreation(ObjectCreationExpr creation, FileContext file, Findings findings) {
    String type = creation.getType().getNameWithScope();
    if (file.types().isAny(type, TRUST_ALL_TYPES)) {
      findings.report(creation, "new %s() trusts %s", type,
          type.endsWith("SelfSignedStrategy") ? "any self-signed certificate, including an "
              + "attacker's" : "every certificate");
    }
  }
}
