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

/** Flags regular expressions built from untrusted input ({@code Pattern.compile}, {@code Pattern.matches}, {@code String.matches}/{@code replaceAll}/{@code replaceFirst}/{@code split}); {@code Pattern.quote} clears it. */
@RuleInfo(
    id = "RegexInjection",
    family = Family.INPUT,
    title = "Regular expression built from untrusted input",
    cwe = {1333, 400},
    owasp = OwaspCategory.A03_INJECTION,
    severity = Severity.MEDIUM,
    description = "A regular expression from the client can be written to backtrack catastrophically ((a+)+$), tying up a server thread for minutes per request: a cheap denial of service.",
    fix = "Quote the input with Pattern.quote(value) when it is meant literally, or match it with a fixed, anchored pattern via InputValidator.matches(value, pattern).",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class RegexInjection implements NodeRule<MethodCallExpr>, TaintSinks.CrossFile {

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (!name.equals("compile") && !name.equals("matches") && !name.equals("replaceAll") && !name.equals("replaceFirst") && !name.equals("split")) {
      return; // cheap test first: most calls are not this sink
    }
    String receiver = TaintSinks.receiver(call);
    if (call.getArguments().isEmpty()
        || !(isPatternCall(name, receiver) || isStringRegexCall(name, receiver, call))) {
      return;
    }
    TaintSinks.checkArguments(call.getArguments(), List.of(0), SinkKind.REGEX, file, findings,
        "the regular expression of " + name + "()");
  }

  private static boolean isPatternCall(String name, String receiver) {
    return (name.equals("compile") || name.equals("matches"))
        && (receiver.equals("Pattern") || receiver.endsWith(".Pattern"));
  }

  /** text.matches(regex), replaceAll(regex, x), replaceFirst(regex, x), split(regex[, n]). */
  private static boolean isStringRegexCall(String name, String receiver, MethodCallExpr call) {
    if (receiver.isEmpty() || Character.isUpperCase(receiver.charAt(0))
        && !receiver.contains("(") && !receiver.contains(".")) {
      return false; // a static call such as InputValidator.matches(value, pattern)
    }
    int arity = call.getArguments().size();
    return (name.equals("matches") && arity == 1)
        || ((name.equals("replaceAll") || name.equals("replaceFirst")) && arity == 2)
        || (name.equals("split") && (arity == 1 || arity == 2));
  }
}
