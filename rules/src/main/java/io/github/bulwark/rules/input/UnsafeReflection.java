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

/** Flags classes and members chosen by untrusted input: {@code Class.forName}, {@code ClassLoader.loadClass}, {@code getMethod}/{@code getDeclaredMethod}/{@code getField}. */
@RuleInfo(
    id = "UnsafeReflection",
    family = Family.INPUT,
    title = "Class or method chosen by untrusted input",
    cwe = {470},
    owasp = OwaspCategory.A03_INJECTION,
    severity = Severity.HIGH,
    description = "Letting the client name the class or method to load or call lets an attacker reach code that was never meant to be exposed, and often to run gadgets that lead to code execution.",
    fix = "Map the client's choice through a fixed table of allowed implementations (a Map<String, Supplier<T>>, or InputValidator.identifier(value, allowed)).",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class UnsafeReflection implements NodeRule<MethodCallExpr>, TaintSinks.CrossFile {

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (!name.equals("forName") && !name.equals("loadClass") && !name.equals("getMethod") && !name.equals("getDeclaredMethod") && !name.equals("getField") && !name.equals("getDeclaredField")) {
      return; // cheap test first: most calls are not this sink
    }
    String receiver = TaintSinks.receiver(call);
    String type = TaintSinks.receiverType(call, file);
    if (call.getArguments().isEmpty()
        || !((name.equals("forName") && (receiver.equals("Class") || receiver.equals("java.lang.Class"))) || name.equals("loadClass") || ((name.equals("getMethod") || name.equals("getDeclaredMethod") || name.equals("getField") || name.equals("getDeclaredField")) && !receiver.isEmpty()))) {
      return;
    }
    TaintSinks.checkArguments(call.getArguments(), List.of(0), SinkKind.REFLECTION, file, findings,
        "the class or member name of " + name + "()");
  }
}
