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

/** Flags untrusted input stored in the HTTP session ({@code HttpSession.setAttribute}, {@code putValue}), where later code trusts it as if the server had put it there. */
@RuleInfo(
    id = "TrustBoundaryViolation",
    family = Family.INPUT,
    title = "Untrusted input stored in the session",
    cwe = {501},
    owasp = OwaspCategory.A04_INSECURE_DESIGN,
    severity = Severity.MEDIUM,
    description = "Data in the session is trusted by the code that reads it later; storing request data there unvalidated lets a client plant values (a user id, a role, a flag) that other code treats as verified.",
    fix = "Validate the value before storing it (InputValidator.integer, uuid, enumValue or matches), and never store client data under a name that other code treats as authoritative.",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class TrustBoundaryViolation implements NodeRule<MethodCallExpr>, TaintSinks.CrossFile {

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (!name.equals("setAttribute") && !name.equals("putValue")) {
      return; // cheap test first: most calls are not this sink
    }
    String receiver = TaintSinks.receiver(call);
    String type = TaintSinks.receiverType(call, file);
    if (call.getArguments().isEmpty()
        || !((name.equals("setAttribute") || name.equals("putValue")) && call.getArguments().size() == 2 && (type.contains("HttpSession") || receiver.matches("(?is).*(session|getSession\\(\\)).*")))) {
      return;
    }
    TaintSinks.checkArguments(call.getArguments(), List.of(0, 1), SinkKind.SESSION, file, findings,
        "the session via " + name + "()");
  }
}
