package io.github.bulwark.rules.input;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.CallShapes;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.taint.SinkKind;
import java.util.Set;

/**
 * Flags untrusted input written to a log record through SLF4J, Log4j, java.util.logging or
 * commons-logging, where CR/LF lets it forge log lines.
 */
@RuleInfo(
    id = "LogInjection",
    family = Family.INPUT,
    title = "Untrusted input written to the log",
    cwe = {117},
    owasp = OwaspCategory.A09_SECURITY_LOGGING_MONITORING_FAILURES,
    severity = Severity.LOW,
    confidence = Confidence.MEDIUM,
    description = "Request data with line breaks written to a log forges entries: an attacker "
        + "adds fake 'login succeeded' lines, hides their tracks, or injects markup into a log "
        + "viewer.",
    fix = "Log request values through SecurityLog, which neutralises CR/LF and control "
        + "characters, or strip them first.",
    helper = "io.github.bulwark.runtime.SecurityLog")
public final class LogInjection implements NodeRule<MethodCallExpr>, TaintSinks.CrossFile {

  /** A logger held under a name without "log" in it (JUL, AUDIT) is known by its type. */
  private static final Set<String> LOGGER_TYPES =
      Set.of("Logger", "Log", "ExtendedLogger", "Category", "System.Logger");
  private static final Set<String> LEVELS = Set.of(
      "trace", "debug", "info", "warn", "warning", "error", "fatal", "severe", "fine", "finer",
      "finest", "config", "log", "logp");

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    if (call.getArguments().isEmpty() || !(CallShapes.isLoggingCall(call)
        || LEVELS.contains(call.getNameAsString())
            && LOGGER_TYPES.contains(TaintSinks.receiverType(call, file)))) {
      return;
    }
    for (Expression argument : call.getArguments()) {
      if (TaintSinks.check(argument, SinkKind.LOG, file, findings,
          "the log via " + call.getNameAsString() + "()")) {
        return;
      }
    }
  }
}
