package io.github.bulwark.rules.errors;

import com.github.javaparser.ast.stmt.CatchClause;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.List;
import java.util.Set;

/**
 * Flags {@code catch (Exception)}, {@code catch (Throwable)} and {@code catch (Error)} in
 * production code that neither rethrows, logs, nor hands the exception on. Catches that are empty
 * or only print are {@code SwallowedException}'s, and catches that grant access are
 * {@code FailOpenOnException}'s: each catch gets the one finding that says most about it. A
 * comment in the block that gives a reason counts as a decision.
 */
@RuleInfo(
    id = "OverlyBroadCatch",
    family = Family.ERRORS,
    title = "Generic exception caught and dropped",
    cwe = {396},
    owasp = OwaspCategory.A09_SECURITY_LOGGING_MONITORING_FAILURES,
    severity = Severity.LOW,
    confidence = Confidence.MEDIUM,
    description = "Catching Exception, Throwable or Error takes in every failure at once: "
        + "programming errors, security exceptions, out-of-memory. Without a log record or a "
        + "rethrow the cause is lost, and a failed check or an attack looks like an ordinary "
        + "fallback.",
    fix = "Catch the specific exceptions the code can recover from; for the rest, let them "
        + "propagate or answer with SafeErrors.respond(e), which logs the full exception and "
        + "returns a generic message with an incident id.",
    helper = "io.github.bulwark.runtime.SafeErrors")
public final class OverlyBroadCatch implements NodeRule<CatchClause> {

  private static final Set<String> BROAD = Set.of("Exception", "Throwable", "Error");

  @Override
  public Class<CatchClause> nodeType() {
    return CatchClause.class;
  }

  @Override
  public void check(CatchClause clause, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return;
    }
    List<String> broad = CatchBlocks.caughtNames(clause).stream().filter(BROAD::contains).toList();
    if (broad.isEmpty() || clause.getBody().getStatements().isEmpty()
        || CatchBlocks.swallows(clause) || CatchBlocks.rethrows(clause)
        || CatchBlocks.logs(clause.getBody()) || CatchBlocks.forwards(clause)
        || CatchBlocks.intentional(clause) || FailOpenOnException.failsOpen(clause, file)) {
      return;
    }
    findings.report(clause, "catch (%s) takes in every failure and drops it: no rethrow, no log "
        + "record", String.join(" | ", broad));
  }
}
