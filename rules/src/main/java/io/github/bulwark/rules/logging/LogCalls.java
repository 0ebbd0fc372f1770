package io.github.bulwark.rules.logging;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import io.github.bulwark.core.analysis.CallShapes;
import io.github.bulwark.core.analysis.FileContext;
import java.util.Optional;
import java.util.Set;

/**
 * Log calls as the engine's {@link CallShapes} sees them, plus calls on a field or variable
 * declared as a logger whatever its name ({@code JUL.info(..)}, {@code AUDIT.warn(..)}).
 */
final class LogCalls {

  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "warning",
      "error", "fatal", "severe", "fine", "finer", "finest", "config", "log", "logp");
  private static final Set<String> LOGGER_TYPES = Set.of("Logger", "Log", "ExtendedLogger",
      "LocationAwareLogger", "XLogger", "FluentLogger", "System.Logger");

  private LogCalls() {}

  static boolean isLogCall(MethodCallExpr call, FileContext file) {
    if (CallShapes.isLoggingCall(call)) {
      return true;
    }
    if (!LEVELS.contains(call.getNameAsString()) || call.getScope().isEmpty()) {
      return false;
    }
    Expression scope = call.getScope().get();
    if (!(scope instanceof NameExpr)) {
      return false;
    }
    Optional<String> type = file.declaredType(scope);
    return type.map(t -> LOGGER_TYPES.contains(t.substring(t.lastIndexOf('.') + 1))
        || t.equals("java.lang.System.Logger")).orElse(false);
  }
}
