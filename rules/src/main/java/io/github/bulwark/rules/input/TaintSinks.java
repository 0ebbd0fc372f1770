package io.github.bulwark.rules.input;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.project.ProjectIndex;
import io.github.bulwark.core.project.ProjectQuestion;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.ProjectRule;
import io.github.bulwark.core.taint.FlowStep;
import io.github.bulwark.core.taint.ParameterReach;
import io.github.bulwark.core.taint.SinkKind;
import io.github.bulwark.core.taint.Taint;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * The one question every input rule asks the engine: does untrusted data that was not made safe
 * for this kind of sink reach this argument? If so, report it at the argument with its path.
 */
final class TaintSinks {

  private static final Pattern QUOTED = Pattern.compile("\"");

  private TaintSinks() {}

  /** Reports {@code argument} if tainted data not cleared for {@code kind} reaches it. */
  static boolean check(Expression argument, SinkKind kind, FileContext file, Findings findings,
      String sink) {
    Optional<Taint> taint = file.taint().taintOf(argument);
    if (taint.isEmpty()) {
      return checkAcrossFiles(argument, kind, file, findings, sink);
    }
    if (!taint.get().reaches(kind)) {
      return false;
    }
    findings.reportFlow(argument, taint.get(), "%s reaches %s without validation",
        origin(taint.get()), sink);
    return true;
  }

  /**
   * The argument carries only the method's own parameters: ask, once every file is read,
   * whether another file passes untrusted data into them (a controller handing request data to
   * this service or repository method).
   */
  private static boolean checkAcrossFiles(Expression argument, SinkKind kind, FileContext file,
      Findings findings, String sink) {
    if (FileContext.unwrap(argument) instanceof com.github.javaparser.ast.expr.LiteralExpr) {
      return false;
    }
    Optional<ParameterReach> reach = file.taint().parameterReach(argument);
    if (reach.isEmpty() || reach.get().cleared().contains(kind)) {
      return false;
    }
    ParameterReach at = reach.get();
    findings.reportDeferred(argument, ProjectQuestion.about()
        .with("type", at.type()).with("supertypes", new TreeSet<>(at.supertypes()))
        .with("name", at.name()).with("arity", Integer.toString(at.arity()))
        .with("params", at.params().stream().sorted().map(String::valueOf).toList())
        .with("kind", kind.name()).with("sink", sink));
    return false; // decided later; other arguments are still checked
  }

  /** The input rules answer their cross-file questions alike: this does it for them. */
  interface CrossFile extends ProjectRule {
    @Override
    default Optional<String> decide(ProjectQuestion question, ProjectIndex index) {
      return TaintSinks.decide(question, index);
    }
  }

  /**
   * Whether another file passes untrusted data, not cleared for the sink's kind, into the
   * parameters that reach the sink: the message names where it comes from.
   */
  static Optional<String> decide(ProjectQuestion question, ProjectIndex index) {
    String type = question.text("type");
    String name = question.text("name");
    SinkKind kind = SinkKind.valueOf(question.text("kind"));
    Set<Integer> params = question.texts("params").stream().map(Integer::valueOf)
        .collect(Collectors.toSet());
    return index.taintArriving(type, Set.copyOf(question.texts("supertypes")), name,
            Integer.parseInt(question.text("arity")), params)
        .filter(call -> call.taint().reaches(kind))
        .map(call -> origin(call.taint()) + " (" + call.file() + ":" + call.line()
            + ") reaches " + question.text("sink") + " through " + ("<init>".equals(name)
                ? "new " + type : type + "." + name) + "() without validation");
  }

  /** Checks each argument at the given indexes (all when {@code indexes} is empty). */
  static boolean checkArguments(List<Expression> arguments, List<Integer> indexes,
      SinkKind kind, FileContext file, Findings findings, String sink) {
    for (int i = 0; i < arguments.size(); i++) {
      if ((indexes.isEmpty() || indexes.contains(i))
          && check(arguments.get(i), kind, file, findings, sink)) {
        return true; // one finding per call
      }
    }
    return false;
  }

  /** "untrusted input from request.getParameter("id")", from the first step of the path. */
  static String origin(Taint taint) {
    List<FlowStep> path = taint.path();
    if (path.isEmpty()) {
      return "untrusted input";
    }
    String message = path.get(0).message();
    return message.startsWith("untrusted input") || message.startsWith("request data")
        ? QUOTED.matcher(message).replaceAll("'") : "untrusted input";
  }

  /** The receiver's text, or "" for an unqualified call. */
  static String receiver(MethodCallExpr call) {
    return call.getScope().map(ExpressionText::of).orElse("");
  }

  /** The simple type name a receiver is declared with in this file, or "". */
  static String receiverType(MethodCallExpr call, FileContext file) {
    return call.getScope().flatMap(file::declaredType)
        .map(t -> t.substring(t.lastIndexOf('.') + 1)).orElse("");
  }
}
