package io.github.bulwark.rules.errors;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
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
 * Flags catch blocks that make an error disappear: empty, or only printing to the console, with
 * no rethrow, no returned error and no log record; and catches of {@code InterruptedException}
 * that do not restore the interrupt. A comment that says why ignoring is safe, or a parameter
 * named {@code ignored}/{@code expected}, counts as a decision. Test code is skipped: tests catch
 * exceptions on purpose, and nothing they swallow reaches a user.
 */
@RuleInfo(
    id = "SwallowedException",
    family = Family.ERRORS,
    title = "Exception swallowed without handling",
    cwe = {390, 391},
    owasp = OwaspCategory.A09_SECURITY_LOGGING_MONITORING_FAILURES,
    severity = Severity.MEDIUM,
    confidence = Confidence.HIGH,
    description = "A swallowed exception hides failures, including attacks: a failed signature "
        + "check, a rejected certificate or a denied permission vanishes, the code goes on as if "
        + "it had succeeded, and nothing is left for anyone to investigate. A swallowed "
        + "InterruptedException also stops a thread from shutting down when asked.",
    fix = "Rethrow (wrapped if needed), return an explicit error, or record it with "
        + "SecurityLog.failure(event, e); restore the interrupt with "
        + "Thread.currentThread().interrupt() when catching InterruptedException.",
    helper = "io.github.bulwark.runtime.SecurityLog")
public final class SwallowedException implements NodeRule<CatchClause> {

  @Override
  public Class<CatchClause> nodeType() {
    return CatchClause.class;
  }

  @Override
  public void check(CatchClause clause, FileContext file, Findings findings) {
    List<Statement> statements = clause.getBody().getStatements();
    boolean rethrows = !clause.getBody().findAll(ThrowStmt.class).isEmpty();
    String caught = caughtTypes(clause.getParameter().getType());

    if (catchesInterrupted(clause.getParameter().getType())) {
      // Loops that must finish often note the interrupt and restore it afterwards
      // ("interrupted = true; ... finally { if (interrupted) Thread.currentThread().interrupt(); }").
      Node scope = clause.findAncestor(CallableDeclaration.class).map(c -> (Node) c)
          .or(() -> clause.findAncestor(LambdaExpr.class).map(l -> (Node) l))
          .orElse(clause.getBody());
      boolean restores = scope.findAll(MethodCallExpr.class).stream()
          .anyMatch(call -> call.getNameAsString().equals("interrupt"));
      if (!rethrows && !restores) {
        findings.report(clause, "catching InterruptedException without restoring the interrupt "
            + "or rethrowing loses the request to stop");
      }
      return;
    }
    if (rethrows || file.isTestCode()) {
      // Tests catch exceptions on purpose ("expected"); what they swallow reaches no user.
      return;
    }
    if (statements.isEmpty()) {
      if (!CatchBlocks.intentional(clause)) {
        findings.report(clause, "empty catch block swallows %s", caught);
      }
      return;
    }
    if (CatchBlocks.onlyPrints(clause) && !CatchBlocks.intentional(clause)) {
      findings.report(clause,
          "catch block only prints %s to the console: no rethrow, no error returned, no log record",
          caught);
    }
  }

  private static boolean catchesInterrupted(Type type) {
    if (type instanceof UnionType union) {
      return union.getElements().stream().anyMatch(SwallowedException::catchesInterrupted);
    }
    String name = type.asString();
    return name.equals("InterruptedException") || name.equals("java.lang.InterruptedException");
  }

  private static String caughtTypes(Type type) {
    return Optional.of(type.asString()).map(s -> s.replace(" ", "")).orElse("the exception");
  }
}
