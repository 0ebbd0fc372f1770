package io.github.bulwark.core.taint;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.Locale;
import java.util.Optional;
import io.github.bulwark.core.analysis.ExpressionText;

/**
 * Validation guards: {@code if (!ALLOWED.matcher(x).matches()) return;} leaves {@code x} clean
 * after the if; {@code if (x.matches("[a-z]+")) { ... }} leaves it clean inside. An allow-list
 * check that rejects clears taint for every sink; a length check alone does not.
 */
final class Guards {

  private Guards() {}

  /** Narrows the states of the two branches of {@code condition}. */
  static void refine(Expression condition, State whenTrue, State whenFalse) {
    Expression c = unwrap(condition);
    if (c instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      refine(unary.getExpression(), whenFalse, whenTrue);
      return;
    }
    if (c instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.AND) {
      refine(binary.getLeft(), whenTrue, new State());
      refine(binary.getRight(), whenTrue, new State());
      return;
    }
    if (c instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.OR) {
      refine(binary.getLeft(), new State(), whenFalse);
      refine(binary.getRight(), new State(), whenFalse);
      return;
    }
    validated(c).ifPresent(name -> {
      Value value = whenTrue.get(name);
      if (value != null) {
        whenTrue.set(name, Value.UNKNOWN);
      }
    });
  }

  /** The variable an allow-list check validates, when the condition is one. */
  private static Optional<String> validated(Expression condition) {
    if (!(condition instanceof MethodCallExpr call)) {
      return Optional.empty();
    }
    String method = call.getNameAsString();
    String lower = method.toLowerCase(Locale.ROOT);
    // x.matches("regex")
    if (method.equals("matches") && call.getArguments().size() == 1
        && call.getScope().isPresent() && unwrap(call.getScope().get()) instanceof NameExpr n) {
      return Optional.of(n.getNameAsString());
    }
    // PATTERN.matcher(x).matches() / Pattern.matches(regex, x)
    if (method.equals("matches") && call.getScope().isPresent()
        && unwrap(call.getScope().get()) instanceof MethodCallExpr matcher
        && matcher.getNameAsString().equals("matcher") && matcher.getArguments().size() == 1
        && unwrap(matcher.getArgument(0)) instanceof NameExpr n) {
      return Optional.of(n.getNameAsString());
    }
    if (method.equals("matches") && call.getArguments().size() == 2
        && unwrap(call.getArgument(1)) instanceof NameExpr n) {
      return Optional.of(n.getNameAsString());
    }
    // isValid(x), isAllowed(x), ALLOWED.contains(x), StringUtils.isNumeric(x), isAlphanumeric
    boolean validator = lower.startsWith("isvalid") || lower.startsWith("isallowed")
        || lower.startsWith("issafe") || lower.startsWith("issupported")
        || lower.startsWith("ispermitted") || lower.startsWith("iswhitelisted")
        || lower.startsWith("isallowlisted") || lower.equals("isnumeric")
        || lower.equals("isalphanumeric") || lower.equals("isalpha")
        || lower.equals("isdigits") || lower.equals("iscreatable")
        || (lower.equals("contains") && call.getScope().isPresent()
            && ExpressionText.of(call.getScope().get())
                .matches("[A-Z_]+|(?i).*allow.*|(?i).*whitelist.*"));
    if (validator && call.getArguments().size() == 1
        && unwrap(call.getArgument(0)) instanceof NameExpr n) {
      return Optional.of(n.getNameAsString());
    }
    return Optional.empty();
  }

  private static Expression unwrap(Expression expression) {
    Expression e = expression;
    while (e instanceof EnclosedExpr enclosed) {
      e = enclosed.getInner();
    }
    return e;
  }
}
