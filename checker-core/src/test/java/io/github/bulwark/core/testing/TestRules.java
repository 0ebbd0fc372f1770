package io.github.bulwark.core.testing;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.rule.RuleRegistry;
import java.util.List;

/**
 * Small rules for the engine's own tests (checker-core cannot see the real rules module). Each
 * flags calls by method name, so a test source says plainly where a finding must appear.
 */
public final class TestRules {

  private TestRules() {}

  /** Every test rule. */
  public static RuleRegistry all() {
    return RuleRegistry.of(List.of(new DangerCall(), new RiskyCall(), new NeverFires(),
        new ExplodingRule(), new DangerEcho()));
  }

  /** The rules most engine tests run: DangerCall, RiskyCall, NeverFires. */
  public static RuleRegistry standard() {
    return RuleRegistry.of(List.of(new DangerCall(), new RiskyCall(), new NeverFires()));
  }

  /** Flags {@code danger(..)}; the message shows the first argument's constant value. */
  @RuleInfo(
      id = "DangerCall",
      aliases = {"OldDanger"},
      title = "Call to danger()",
      family = Family.INPUT,
      severity = Severity.HIGH,
      cwe = {20, 116},
      owasp = OwaspCategory.A03_INJECTION,
      description = "danger() runs whatever it is given.",
      fix = "Call InputValidator.safe(..) instead.",
      helper = "io.github.bulwark.runtime.InputValidator")
  public static final class DangerCall implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (!call.getNameAsString().equals("danger")) {
        return;
      }
      if (call.getArguments().isEmpty()) {
        findings.report(call, "danger() is called");
        return;
      }
      String argument = file.constantString(call.getArgument(0)).orElse("?");
      findings.report(call, "danger() is called with '%s'", argument);
    }
  }

  /** Flags {@code risky(..)}. */
  @RuleInfo(
      id = "RiskyCall",
      title = "Call to risky()",
      family = Family.TRANSPORT,
      severity = Severity.MEDIUM,
      confidence = Confidence.MEDIUM,
      cwe = {295},
      owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
      description = "risky() trusts every certificate.",
      fix = "Use SecureHttp.client() instead.",
      helper = "io.github.bulwark.runtime.SecureHttp")
  public static final class RiskyCall implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (call.getNameAsString().equals("risky")) {
        findings.report(call, "risky() is called");
      }
    }
  }

  /** Looks at every class and never reports: a rule that ran without results. */
  @RuleInfo(
      id = "NeverFires",
      title = "A rule with no results",
      family = Family.LOGGING,
      severity = Severity.LOW,
      cwe = {778},
      owasp = OwaspCategory.A09_SECURITY_LOGGING_MONITORING_FAILURES,
      description = "Nothing in the tests trips it.",
      fix = "Log it with SecurityLog.event(..).",
      helper = "io.github.bulwark.runtime.SecurityLog")
  public static final class NeverFires implements NodeRule<ClassOrInterfaceDeclaration> {
    @Override
    public Class<ClassOrInterfaceDeclaration> nodeType() {
      return ClassOrInterfaceDeclaration.class;
    }

    @Override
    public void check(ClassOrInterfaceDeclaration type, FileContext file, Findings findings) {
      // Never reports.
    }
  }

  /** Throws on {@code boom()}: a broken rule the engine must contain. */
  @RuleInfo(
      id = "ExplodingRule",
      title = "A rule that throws",
      family = Family.ERRORS,
      severity = Severity.CRITICAL,
      cwe = {703},
      owasp = OwaspCategory.A04_INSECURE_DESIGN,
      description = "It fails on boom().",
      fix = "None.",
      helper = "io.github.bulwark.runtime.SafeErrors")
  public static final class ExplodingRule implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (call.getNameAsString().equals("boom")) {
        throw new IllegalStateException("kaboom");
      }
    }
  }

  /** Flags the same {@code danger(..)} calls as {@link DangerCall}, under another id. */
  @RuleInfo(
      id = "DangerEcho",
      title = "Call to danger(), again",
      family = Family.INPUT,
      severity = Severity.LOW,
      cwe = {20},
      owasp = OwaspCategory.A03_INJECTION,
      description = "Same construct, different rule.",
      fix = "Call InputValidator.safe(..) instead.",
      helper = "io.github.bulwark.runtime.InputValidator")
  public static final class DangerEcho implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (call.getNameAsString().equals("danger")) {
        findings.report(call, "danger() again");
      }
    }
  }
}
