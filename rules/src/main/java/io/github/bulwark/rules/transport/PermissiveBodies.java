package io.github.bulwark.rules.transport;

import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import io.github.bulwark.core.analysis.CallShapes;
import io.github.bulwark.core.analysis.FileContext;
import java.util.Optional;

/**
 * Recognises the bodies of trust decisions that decide nothing: a check that only logs, a
 * verifier that answers {@code true} whatever it is asked, a check whose failure is caught and
 * dropped.
 */
final class PermissiveBodies {

  private PermissiveBodies() {}

  /** A void check whose body only logs, prints or returns: nothing can reject the input. */
  static boolean acceptsEverything(Optional<BlockStmt> body) {
    if (body.isEmpty()) {
      return false; // abstract or interface method
    }
    for (Statement statement : body.get().getStatements()) {
      if (!isInert(statement)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A check whose real validation sits in a try block whose catch drops the failure
   * ({@code try { delegate.check(..); } catch (CertificateException e) { log.warn(..); }}).
   */
  static boolean swallowsFailure(Optional<BlockStmt> body) {
    if (body.isEmpty() || body.get().getStatements().size() != 1
        || !(body.get().getStatement(0) instanceof TryStmt tryStmt)) {
      return false;
    }
    if (tryStmt.getCatchClauses().isEmpty()) {
      return false;
    }
    for (CatchClause clause : tryStmt.getCatchClauses()) {
      if (!clause.getBody().findAll(ThrowStmt.class).isEmpty()) {
        return false;
      }
      for (Statement statement : clause.getBody().getStatements()) {
        if (!isInert(statement)) {
          return false;
        }
      }
    }
    return true;
  }

  /** A body whose only answer is {@code return true;} (logging around it allowed). */
  static boolean answersTrueOnly(Optional<BlockStmt> body) {
    if (body.isEmpty()) {
      return false;
    }
    boolean returnsTrue = false;
    for (Statement statement : body.get().getStatements()) {
      if (statement instanceof ReturnStmt ret) {
        if (ret.getExpression().filter(PermissiveBodies::isTrueLiteral).isEmpty()) {
          return false;
        }
        returnsTrue = true;
      } else if (!isInert(statement)) {
        return false;
      }
    }
    return returnsTrue;
  }

  /** {@code (a, b) -> true} or a block lambda that only returns true. */
  static boolean lambdaAnswersTrue(LambdaExpr lambda) {
    Statement body = lambda.getBody();
    if (body instanceof ExpressionStmt expression) {
      return isTrueLiteral(expression.getExpression());
    }
    return body instanceof BlockStmt block && answersTrueOnly(Optional.of(block));
  }

  static boolean isTrueLiteral(Expression expression) {
    Expression e = FileContext.unwrap(expression);
    return e instanceof BooleanLiteralExpr literal && literal.getValue();
  }

  private static boolean isInert(Statement statement) {
    if (statement instanceof EmptyStmt) {
      return true;
    }
    if (statement instanceof ReturnStmt ret && ret.getExpression().isEmpty()) {
      return true;
    }
    Optional<MethodCallExpr> call = CallShapes.soleCall(statement);
    return call.isPresent()
        && (CallShapes.isLoggingCall(call.get()) || CallShapes.isPrintCall(call.get()));
  }
}
