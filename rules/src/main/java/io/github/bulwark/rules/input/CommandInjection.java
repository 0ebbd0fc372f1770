package io.github.bulwark.rules.input;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.taint.SinkKind;
import java.util.List;

/** Flags operating-system commands built from untrusted input: {@code Runtime.exec} (string, array and environment forms) and {@code ProcessBuilder}. */
@RuleInfo(
    id = "CommandInjection",
    family = Family.INPUT,
    title = "OS command built from untrusted input",
    cwe = {78},
    owasp = OwaspCategory.A03_INJECTION,
    severity = Severity.CRITICAL,
    description = "Request data in a command line lets an attacker run their own commands on the server, with the application's rights: ; rm -rf, a reverse shell, reading every secret the process can see.",
    fix = "Never pass request data to a shell; run a fixed program with a fixed argument list and validate each argument against an allow-list with InputValidator.matches(value, pattern).",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class CommandInjection implements NodeRule<Node>, TaintSinks.CrossFile {

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ObjectCreationExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof MethodCallExpr call) {
      if (!call.getNameAsString().equals("exec") && !call.getNameAsString().equals("command")) {
        return; // cheap test first: most calls are not this sink
      }
      String receiver = TaintSinks.receiver(call);
      boolean runtime = call.getNameAsString().equals("exec")
          && (receiver.contains("Runtime") || receiver.matches("(?i).*(runtime|rt|r)")
              || TaintSinks.receiverType(call, file).equals("Runtime"));
      boolean builder = call.getNameAsString().equals("command")
          && TaintSinks.receiverType(call, file).endsWith("ProcessBuilder");
      if (runtime || builder) {
        TaintSinks.checkArguments(call.getArguments(), List.of(), SinkKind.COMMAND, file,
            findings, "the command of " + call.getNameAsString() + "()");
      }
    } else if (node instanceof ObjectCreationExpr creation
        && creation.getType().getNameAsString().equals("ProcessBuilder")) {
      TaintSinks.checkArguments(creation.getArguments(), List.of(), SinkKind.COMMAND, file,
          findings, "the command of new ProcessBuilder()");
    }
  }
}
