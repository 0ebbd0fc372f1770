package io.github.bulwark.core.analysis;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the calls several rules care about by their shape: a record written through a logging
 * framework, and output that only prints to the console. Without types this is by name: a logger
 * is a receiver whose name says "log" ({@code log}, {@code LOGGER}, {@code auditLog},
 * {@code getLogger()}), calling a level method.
 */
public final class CallShapes {

  private static final Set<String> LOG_LEVEL_METHODS = Set.of(
      "trace", "debug", "info", "warn", "warning", "error", "fatal", "severe", "fine", "finer",
      "finest", "config", "log", "logp", "atError", "atWarn", "atInfo", "atDebug", "atTrace");
  private static final Set<String> PRINT_METHODS =
      Set.of("print", "println", "printf", "format", "write", "append");

  private CallShapes() {}

  /** A call that writes a log record ({@code log.warn(..)}, {@code LOGGER.log(Level.X, ..)}). */
  public static boolean isLoggingCall(MethodCallExpr call) {
    if (!LOG_LEVEL_METHODS.contains(call.getNameAsString())) {
      // Fluent loggers: log.atWarn().setCause(e).log("..")
      return call.getNameAsString().equals("log") && call.getScope().isPresent();
    }
    Optional<Expression> scope = call.getScope();
    if (scope.isEmpty()) {
      return false;
    }
    String receiver = ExpressionText.of(scope.get());
    if (receiver.startsWith("System.")) {
      return false;
    }
    return receiver.toLowerCase(Locale.ROOT).contains("log");
  }

  /** {@code e.printStackTrace()} or {@code System.out/err.print*(..)}: console output only. */
  public static boolean isPrintCall(MethodCallExpr call) {
    String name = call.getNameAsString();
    if (name.equals("printStackTrace")) {
      return true;
    }
    return PRINT_METHODS.contains(name) && call.getScope()
        .map(scope -> {
          String receiver = ExpressionText.of(scope);
          return receiver.equals("System.out") || receiver.equals("System.err");
        })
        .orElse(false);
  }

  /** The call a statement consists of, when it is just one call. */
  public static Optional<MethodCallExpr> soleCall(Statement statement) {
    if (statement instanceof ExpressionStmt expressionStmt
        && expressionStmt.getExpression() instanceof MethodCallExpr call) {
      return Optional.of(call);
    }
    return Optional.empty();
  }
}
