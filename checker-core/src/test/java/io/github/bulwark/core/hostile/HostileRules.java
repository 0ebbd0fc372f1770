package io.github.bulwark.core.hostile;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Test rules that make the engine's life hard: runaway, file-deleting and taint-asking rules. */
final class HostileRules {

  private HostileRules() {}

  /**
   * Spins on {@code hang()} for {@link #SPIN_MILLIS} ignoring interrupts: a runaway rule the
   * per-file time limit must cut off without waiting for it.
   */
  @RuleInfo(
      id = "HangingRule",
      title = "A rule that never returns",
      family = Family.ERRORS,
      severity = Severity.LOW,
      cwe = {400},
      owasp = OwaspCategory.A04_INSECURE_DESIGN,
      description = "It spins on hang().",
      fix = "None.",
      helper = "io.github.bulwark.runtime.SafeErrors")
  static final class HangingRule implements NodeRule<MethodCallExpr> {
    static final long SPIN_MILLIS = 6_000;

    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (!call.getNameAsString().equals("hang")) {
        return;
      }
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPIN_MILLIS);
      long spins = 0;
      while (System.nanoTime() < until) {
        spins++; // deliberately deaf to interrupts, like a catastrophic regex
        Thread.onSpinWait();
      }
      findings.report(call, "hang() returned after %d spins", spins);
    }
  }

  /**
   * On {@code deleteSiblings()}, deletes every other {@code Z*.java} in the file's folder: files
   * that vanish after discovery, while the scan runs.
   */
  @RuleInfo(
      id = "DeletingRule",
      title = "A rule that deletes files",
      family = Family.ERRORS,
      severity = Severity.LOW,
      cwe = {367},
      owasp = OwaspCategory.A04_INSECURE_DESIGN,
      description = "It deletes Z*.java siblings.",
      fix = "None.",
      helper = "io.github.bulwark.runtime.SafeErrors")
  static final class DeletingRule implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      if (!call.getNameAsString().equals("deleteSiblings")) {
        return;
      }
      Path folder = file.file().path().getParent();
      try (Stream<Path> siblings = Files.list(folder)) {
        for (Path sibling : siblings.toList()) {
          if (sibling.getFileName().toString().startsWith("Z")) {
            Files.deleteIfExists(sibling);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Asks the taint engine about every argument of every call and reports the tainted ones, so a
   * fuzzed source drives the interpreter through whatever shapes it holds.
   */
  @RuleInfo(
      id = "TaintProbe",
      title = "Tainted argument",
      family = Family.INPUT,
      severity = Severity.MEDIUM,
      cwe = {20},
      owasp = OwaspCategory.A03_INJECTION,
      description = "An argument carries request data.",
      fix = "Validate it with InputValidator.",
      helper = "io.github.bulwark.runtime.InputValidator")
  static final class TaintProbe implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr call, FileContext file, Findings findings) {
      for (Expression argument : call.getArguments()) {
        file.taint().taintOf(argument).ifPresent(taint ->
            findings.reportFlow(argument, taint, "argument of %s() is tainted",
                call.getNameAsString()));
      }
    }
  }
}
