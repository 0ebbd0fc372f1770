package io.github.bulwark.rules.logging;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.Statement;
import io.github.bulwark.core.analysis.CallShapes;
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
import java.util.Optional;

/**
 * Flags {@code System.out/err.print*} and {@code e.printStackTrace()} used as logging in server
 * code. Tests, {@code main} methods and command-line tools (classes with a {@code main} method or
 * a picocli {@code @Command}) print by design. A one-line catch that only prints is left to
 * {@code SwallowedException}, which reports the catch on the same line.
 */
@RuleInfo(
    id = "ConsoleLogging",
    family = Family.LOGGING,
    title = "Console output used as logging",
    cwe = {778},
    owasp = OwaspCategory.A09_SECURITY_LOGGING_MONITORING_FAILURES,
    severity = Severity.LOW,
    confidence = Confidence.HIGH,
    description = "Console output in a server has no level, no timestamp, no user or request, "
        + "and often goes nowhere: container stdout is rotated away or never collected. Errors "
        + "and security events printed there are invisible to monitoring and to the people "
        + "investigating an incident.",
    fix = "Write through the application's logger, and record security events with "
        + "SecurityLog (SecurityLog.accessDenied(user, resource), SecurityLog.failure(event, e)).",
    helper = "io.github.bulwark.runtime.SecurityLog")
public final class ConsoleLogging implements NodeRule<MethodCallExpr> {

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    if (!CallShapes.isPrintCall(call) || file.isTestCode()) {
      return;
    }
    boolean stackTrace = call.getNameAsString().equals("printStackTrace");
    if (stackTrace && !call.getArguments().isEmpty()
        && !ExpressionText.of(call.getArgument(0)).matches("System\\.(out|err)")) {
      return; // printed into a writer of the program's choosing, not the console
    }
    if (inCommandLineTool(call, file) || leftToSwallowedException(call)) {
      return;
    }
    if (stackTrace) {
      findings.report(call, "printStackTrace() writes to the console instead of the log");
    } else {
      findings.report(call, "%s.%s is console output, not a log record",
          call.getScope().get(), call.getNameAsString());
    }
  }

  private static boolean inCommandLineTool(MethodCallExpr call, FileContext file) {
    Optional<MethodDeclaration> method = call.findAncestor(MethodDeclaration.class);
    if (method.isPresent() && isMain(method.get())) {
      return true;
    }
    Node top = call;
    for (Node current = call; current != null; current = current.getParentNode().orElse(null)) {
      if (current instanceof TypeDeclaration<?>) {
        top = current;
      }
    }
    if (!(top instanceof TypeDeclaration<?> type)) {
      return false;
    }
    // The file's index of methods by name, not a walk of the type for each print.
    return type.isAnnotationPresent("Command")
        || file.methodsNamed("main").stream().anyMatch(m -> isMain(m) && m.isDescendantOf(type));
  }

  private static boolean isMain(MethodDeclaration method) {
    return method.getNameAsString().equals("main") && method.isStatic()
        && method.getParameters().size() == 1;
  }

  /** {@code catch (E e) { e.printStackTrace(); }} on one line: SwallowedException's finding. */
  private static boolean leftToSwallowedException(MethodCallExpr call) {
    Optional<CatchClause> clause = call.findAncestor(CatchClause.class);
    if (clause.isEmpty() || call.getBegin().isEmpty() || clause.get().getBegin().isEmpty()
        || call.getBegin().get().line != clause.get().getBegin().get().line) {
      return false;
    }
    List<Statement> statements = clause.get().getBody().getStatements();
    return statements.stream().allMatch(statement ->
        CallShapes.soleCall(statement).map(CallShapes::isPrintCall).orElse(false));
  }
}
