package io.github.bulwark.rules.transport;

import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flags TLS set up with broken protocol versions (SSL 2/3, TLS 1.0/1.1) and JVM-wide settings that
 * weaken TLS or certificate revocation checking.
 */
@RuleInfo(
    id = "InsecureTlsProtocol",
    family = Family.TRANSPORT,
    title = "Obsolete TLS protocol version or weakened TLS settings",
    cwe = {326, 757},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.HIGH,
    description = "SSL 3.0, TLS 1.0 and TLS 1.1 have practical attacks (POODLE, BEAST) and are "
        + "deprecated (RFC 8996); enabling them lets an attacker on the path downgrade the "
        + "connection. Switching off revocation checks or unsafe-renegotiation protections does "
        + "the same for every connection the JVM makes.",
    fix = "Ask for \"TLS\" (or \"TLSv1.3\") and leave the enabled protocols at the JDK default, "
        + "or use SecureHttp.client(), which allows TLS 1.2 and 1.3 only.",
    helper = "io.github.bulwark.runtime.SecureHttp")
public final class InsecureTlsProtocol implements NodeRule<MethodCallExpr> {

  private static final Set<String> WEAK_PROTOCOLS = Set.of(
      "ssl", "sslv2", "sslv3", "sslv2hello", "tlsv1", "tlsv1.0", "tlsv1.1", "tls1", "tls1.0",
      "tls1.1", "tls_1_0", "tls_1_1", "ssl_3_0");
  /** SSLContext / SSLEngine / SSLSocket / SSLParameters / OkHttp calls that pick versions. */
  private static final Set<String> PROTOCOL_SETTERS =
      Set.of("setEnabledProtocols", "setProtocols", "tlsVersions", "setSslProtocols",
          "protocols");
  /** JVM properties whose given value weakens TLS for the whole process. */
  private static final Map<String, String> WEAKENING_PROPERTIES = Map.of(
      "com.sun.net.ssl.checkRevocation", "false",
      "com.sun.security.enableCRLDP", "false",
      "ocsp.enable", "false",
      "jdk.tls.client.enableStatusRequestExtension", "false",
      "sun.security.ssl.allowUnsafeRenegotiation", "true",
      "sun.security.ssl.allowLegacyHelloMessages", "true",
      "jdk.tls.rejectClientInitiatedRenegotiation", "false");
  /** Properties listing protocols or disabled algorithms. */
  private static final Set<String> PROTOCOL_PROPERTIES =
      Set.of("https.protocols", "jdk.tls.client.protocols", "jdk.tls.server.protocols");
  private static final Set<String> DISABLED_ALGORITHM_PROPERTIES =
      Set.of("jdk.tls.disabledAlgorithms", "jdk.certpath.disabledAlgorithms");

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (name.equals("getInstance") && call.getArguments().size() >= 1
        && call.getScope().map(s -> ExpressionText.of(s).endsWith("SSLContext")).orElse(false)) {
      file.constantString(call.getArgument(0))
          .filter(InsecureTlsProtocol::isWeak)
          .ifPresent(protocol -> findings.report(call.getArgument(0),
              "SSLContext.getInstance(\"%s\") asks for an obsolete protocol", protocol));
    } else if (PROTOCOL_SETTERS.contains(name) && !call.getArguments().isEmpty()) {
      List<String> weak = weakProtocols(call, file);
      if (!weak.isEmpty()) {
        // Report on the argument: in a builder chain the call starts lines earlier.
        findings.report(call.getArgument(0), "%s enables obsolete protocol%s %s", name,
            weak.size() > 1 ? "s" : "", String.join(", ", weak));
      }
    } else if (name.equals("setProperty") && call.getArguments().size() == 2) {
      checkProperty(call, file, findings);
    }
  }

  private static boolean isWeak(String protocol) {
    return WEAK_PROTOCOLS.contains(protocol.trim().toLowerCase(Locale.ROOT));
  }

  /** The weak protocol names among a setter's arguments (varargs, arrays, constants, enums). */
  private static List<String> weakProtocols(MethodCallExpr call, FileContext file) {
    List<Expression> values = new ArrayList<>();
    for (Expression argument : call.getArguments()) {
      values.addAll(elements(argument, file));
    }
    List<String> weak = new ArrayList<>();
    for (Expression value : values) {
      Optional<String> text = file.constantString(value);
      if (text.isEmpty() && value instanceof FieldAccessExpr access) {
        text = Optional.of(access.getNameAsString()); // TlsVersion.TLS_1_0
      } else if (text.isEmpty() && value instanceof NameExpr name
          && name.getNameAsString().matches("(TLS|SSL)_\\d_\\d")) {
        text = Optional.of(name.getNameAsString()); // static import of TlsVersion.TLS_1_0
      }
      text.filter(InsecureTlsProtocol::isWeak).ifPresent(weak::add);
    }
    return weak;
  }

  private static List<Expression> elements(Expression argument, FileContext file) {
    Expression e = FileContext.unwrap(argument);
    if (e instanceof NameExpr name) {
      Optional<Expression> init = file.initializerOf(name);
      if (init.isPresent() && (init.get() instanceof ArrayCreationExpr
          || init.get() instanceof ArrayInitializerExpr)) {
        e = init.get();
      }
    }
    if (e instanceof ArrayCreationExpr creation && creation.getInitializer().isPresent()) {
      return new ArrayList<>(creation.getInitializer().get().getValues());
    }
    if (e instanceof ArrayInitializerExpr initializer) {
      return new ArrayList<>(initializer.getValues());
    }
    return List.of(e);
  }

  private static void checkProperty(MethodCallExpr call, FileContext file, Findings findings) {
    Optional<String> key = file.constantString(call.getArgument(0));
    Optional<String> value = file.constantString(call.getArgument(1));
    if (key.isEmpty() || value.isEmpty()) {
      return;
    }
    String property = key.get();
    String setting = value.get().trim();
    String weakening = WEAKENING_PROPERTIES.get(property);
    if (weakening != null && weakening.equalsIgnoreCase(setting)) {
      findings.report(call, "setting %s=%s weakens TLS for the whole JVM", property, setting);
      return;
    }
    if (PROTOCOL_PROPERTIES.contains(property)) {
      List<String> weak = new ArrayList<>();
      for (String protocol : setting.split("[,\\s]+")) {
        if (isWeak(protocol)) {
          weak.add(protocol);
        }
      }
      if (!weak.isEmpty()) {
        findings.report(call, "%s enables obsolete protocols %s", property,
            String.join(", ", weak));
      }
      return;
    }
    if (DISABLED_ALGORITHM_PROPERTIES.contains(property)) {
      String lower = setting.toLowerCase(Locale.ROOT);
      boolean keepsBrokenOnesOut = property.startsWith("jdk.tls")
          ? lower.contains("sslv3") && lower.contains("tlsv1")
          : lower.contains("md5");
      if (!keepsBrokenOnesOut) {
        findings.report(call,
            "overriding %s re-enables algorithms the JDK disables as broken", property);
      }
    }
  }
}
