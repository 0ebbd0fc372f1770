package io.github.bulwark.rules.transport;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
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
import java.util.Set;

/**
 * Flags hostname verification that is switched off: a {@code HostnameVerifier} that answers
 * {@code true} (class, anonymous class, lambda, method reference), the libraries' allow-all
 * verifiers, and the JDK HttpClient property that disables the check.
 */
@RuleInfo(
    id = "HostnameVerificationDisabled",
    family = Family.TRANSPORT,
    title = "TLS hostname verification is disabled",
    cwe = {297},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.HIGH,
    description = "Without hostname verification any valid certificate for any site is accepted "
        + "for this one: an attacker with a certificate for their own domain can intercept the "
        + "connection and read or change everything sent, credentials included.",
    fix = "Remove the custom verifier and keep the default check; if a certificate names the "
        + "wrong host, fix the certificate. SecureHttp.client() verifies hostnames always.",
    helper = "io.github.bulwark.runtime.SecureHttp")
public final class HostnameVerificationDisabled implements NodeRule<Node> {

  private static final List<String> ALLOW_ALL_TYPES = List.of(
      "org.apache.http.conn.ssl.NoopHostnameVerifier",
      "org.apache.hc.client5.http.ssl.NoopHostnameVerifier",
      "org.apache.http.conn.ssl.AllowAllHostnameVerifier",
      "org.apache.http.conn.ssl.SSLConnectionSocketFactory");
  /** Calls and constructors whose argument is a hostname verifier. */
  private static final Set<String> VERIFIER_SINKS = Set.of(
      "setHostnameVerifier", "setDefaultHostnameVerifier", "hostnameVerifier",
      "setSSLHostnameVerifier", "setX509HostnameVerifier");
  private static final List<String> VERIFIER_TYPES = List.of(
      "javax.net.ssl.HostnameVerifier", "org.apache.http.conn.ssl.X509HostnameVerifier");
  private static final String DISABLE_PROPERTY =
      "jdk.internal.httpclient.disableHostnameVerification";

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodDeclaration.class, LambdaExpr.class, MethodReferenceExpr.class,
        FieldAccessExpr.class, ObjectCreationExpr.class, MethodCallExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof MethodDeclaration method) {
      if (isVerifyMethod(method) && PermissiveBodies.answersTrueOnly(method.getBody())) {
        findings.report(method.getName(),
            "verify() returns true for every host, so hostname verification is off");
      }
    } else if (node instanceof LambdaExpr lambda) {
      if (lambda.getParameters().size() == 2 && PermissiveBodies.lambdaAnswersTrue(lambda)
          && inVerifierPosition(lambda, file)) {
        findings.report(lambda, "this hostname verifier accepts every host");
      }
    } else if (node instanceof MethodReferenceExpr reference) {
      checkMethodReference(reference, file, findings);
    } else if (node instanceof FieldAccessExpr access) {
      checkConstant(access, file, findings);
    } else if (node instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameWithScope();
      if (!type.endsWith("SSLConnectionSocketFactory")
          && file.types().isAny(type, ALLOW_ALL_TYPES)) {
        findings.report(creation, "new %s() accepts every host", type);
      }
    } else if (node instanceof MethodCallExpr call) {
      checkDisablingProperty(call, file, findings);
    }
  }

  /** {@code boolean verify(String hostname, SSLSession session)}. */
  private static boolean isVerifyMethod(MethodDeclaration method) {
    return method.getNameAsString().equals("verify") && method.getParameters().size() == 2
        && method.getParameter(1).getType().asString().endsWith("SSLSession");
  }

  private static boolean inVerifierPosition(Expression expression, FileContext file) {
    Optional<Node> parent = expression.getParentNode();
    if (parent.isEmpty()) {
      return false;
    }
    if (parent.get() instanceof MethodCallExpr call) {
      return VERIFIER_SINKS.contains(call.getNameAsString())
          && call.getArguments().contains(expression);
    }
    if (parent.get() instanceof ObjectCreationExpr creation) {
      // new SSLConnectionSocketFactory(context, protocols, ciphers, verifier)
      return creation.getType().getNameAsString().endsWith("SSLConnectionSocketFactory")
          || creation.getType().getNameAsString().endsWith("SSLConnectionSocketFactoryBuilder");
    }
    if (parent.get() instanceof CastExpr cast) {
      return file.types().isAny(cast.getType().asString(), VERIFIER_TYPES);
    }
    if (parent.get() instanceof VariableDeclarator variable) {
      return file.types().isAny(variable.getType().asString(), VERIFIER_TYPES);
    }
    return false;
  }

  /** {@code .hostnameVerifier(Insecure::anyHost)} where the method in this file answers true. */
  private static void checkMethodReference(
      MethodReferenceExpr reference, FileContext file, Findings findings) {
    if (!inVerifierPosition(reference, file)) {
      return;
    }
    String name = reference.getIdentifier();
    boolean permissive = file.methodsNamed(name).stream()
        .filter(m -> m.getParameters().size() == 2)
        .anyMatch(m -> PermissiveBodies.answersTrueOnly(m.getBody()));
    if (permissive) {
      findings.report(reference, "%s returns true for every host", reference.toString());
    }
  }

  private static void checkConstant(FieldAccessExpr access, FileContext file, Findings findings) {
    String field = access.getNameAsString();
    if (!field.equals("ALLOW_ALL_HOSTNAME_VERIFIER") && !field.equals("INSTANCE")) {
      return; // most field accesses: no need to print the owner
    }
    String owner = ExpressionText.of(access.getScope());
    if (field.equals("ALLOW_ALL_HOSTNAME_VERIFIER")
        || (field.equals("INSTANCE") && !owner.endsWith("SSLConnectionSocketFactory")
            && file.types().isAny(owner, ALLOW_ALL_TYPES))) {
      findings.report(access, "%s.%s accepts every host", owner, field);
    }
  }

  /** {@code System.setProperty("jdk.internal.httpclient.disableHostnameVerification", ...)}. */
  private static void checkDisablingProperty(
      MethodCallExpr call, FileContext file, Findings findings) {
    if (!call.getNameAsString().equals("setProperty") || call.getArguments().isEmpty()) {
      return;
    }
    Optional<String> key = file.constantString(call.getArgument(0));
    if (key.isEmpty() || !key.get().equals(DISABLE_PROPERTY)) {
      return;
    }
    boolean setsFalse = call.getArguments().size() > 1
        && file.constantString(call.getArgument(1)).map("false"::equalsIgnoreCase).orElse(false);
    if (!setsFalse) {
      findings.report(call, "setting %s turns off hostname verification in every HttpClient",
          DISABLE_PROPERTY);
    }
  }
}
