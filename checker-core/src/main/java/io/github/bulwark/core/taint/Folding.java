package io.github.bulwark.core.taint;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.Objects;

/**
 * Constant arithmetic, comparison, boolean and string operations on abstract values, so that a
 * condition like {@code (7 * 18) + num > 200} is decided and the branch it excludes never runs.
 * Taint flows through {@code +} on strings and through arithmetic on tainted numbers.
 */
final class Folding {

  private Folding() {}

  static Value binary(BinaryExpr binary, Value left, Value right) {
    BinaryExpr.Operator operator = binary.getOperator();
    switch (operator) {
      case PLUS:
        return plus(left, right);
      case AND:
        if (Boolean.FALSE.equals(left.constant) || Boolean.FALSE.equals(right.constant)) {
          return Value.constant(false);
        }
        return bothBoolean(left, right) ? Value.constant((Boolean) left.constant
            && (Boolean) right.constant) : Value.UNKNOWN;
      case OR:
        if (Boolean.TRUE.equals(left.constant) || Boolean.TRUE.equals(right.constant)) {
          return Value.constant(true);
        }
        return bothBoolean(left, right) ? Value.constant((Boolean) left.constant
            || (Boolean) right.constant) : Value.UNKNOWN;
      case EQUALS:
      case NOT_EQUALS: {
        if (left.constant == null || right.constant == null) {
          return Value.UNKNOWN;
        }
        boolean equal = numeric(left.constant) && numeric(right.constant)
            ? asDouble(left.constant) == asDouble(right.constant)
            : Objects.equals(left.constant, right.constant);
        return Value.constant(operator == BinaryExpr.Operator.EQUALS ? equal : !equal);
      }
      case LESS:
      case LESS_EQUALS:
      case GREATER:
      case GREATER_EQUALS: {
        if (!numeric(left.constant) || !numeric(right.constant)) {
          return Value.UNKNOWN;
        }
        double a = asDouble(left.constant);
        double b = asDouble(right.constant);
        boolean result = operator == BinaryExpr.Operator.LESS ? a < b
            : operator == BinaryExpr.Operator.LESS_EQUALS ? a <= b
            : operator == BinaryExpr.Operator.GREATER ? a > b : a >= b;
        return Value.constant(result);
      }
      case MINUS:
      case MULTIPLY:
      case DIVIDE:
      case REMAINDER:
        return arithmetic(operator, left, right);
      default:
        return Value.tainted(Taint.merge(left.allTaint(), right.allTaint()));
    }
  }

  static Value plus(Value left, Value right) {
    if (left.constant != null && right.constant != null) {
      if (left.constant instanceof String || right.constant instanceof String) {
        return Value.constant(String.valueOf(left.constant) + right.constant);
      }
      if (numeric(left.constant) && numeric(right.constant)) {
        return arithmetic(BinaryExpr.Operator.PLUS, left, right);
      }
    }
    return Value.tainted(Taint.merge(left.allTaint(), right.allTaint()));
  }

  private static Value arithmetic(BinaryExpr.Operator operator, Value left, Value right) {
    if (!numeric(left.constant) || !numeric(right.constant)) {
      return Value.tainted(Taint.merge(left.allTaint(), right.allTaint()));
    }
    if (integral(left.constant) && integral(right.constant)) {
      long a = asLong(left.constant);
      long b = asLong(right.constant);
      switch (operator) {
        case PLUS: return Value.constant(a + b);
        case MINUS: return Value.constant(a - b);
        case MULTIPLY: return Value.constant(a * b);
        case DIVIDE: return b == 0 ? Value.UNKNOWN : Value.constant(a / b);
        case REMAINDER: return b == 0 ? Value.UNKNOWN : Value.constant(a % b);
        default: return Value.UNKNOWN;
      }
    }
    double a = asDouble(left.constant);
    double b = asDouble(right.constant);
    switch (operator) {
      case PLUS: return Value.constant(a + b);
      case MINUS: return Value.constant(a - b);
      case MULTIPLY: return Value.constant(a * b);
      case DIVIDE: return Value.constant(a / b);
      case REMAINDER: return Value.constant(a % b);
      default: return Value.UNKNOWN;
    }
  }

  static Value unary(UnaryExpr.Operator operator, Value operand) {
    if (operator == UnaryExpr.Operator.LOGICAL_COMPLEMENT && operand.constant instanceof Boolean b) {
      return Value.constant(!b);
    }
    if (operator == UnaryExpr.Operator.MINUS && operand.constant instanceof Long n) {
      return Value.constant(-n);
    }
    if (operator == UnaryExpr.Operator.MINUS && operand.constant instanceof Double d) {
      return Value.constant(-d);
    }
    if (operator == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      return Value.UNKNOWN;
    }
    return Value.tainted(operand.allTaint());
  }

  private static boolean bothBoolean(Value a, Value b) {
    return a.constant instanceof Boolean && b.constant instanceof Boolean;
  }

  private static boolean numeric(Object value) {
    return value instanceof Long || value instanceof Double || value instanceof Character;
  }

  private static boolean integral(Object value) {
    return value instanceof Long || value instanceof Character;
  }

  private static long asLong(Object value) {
    return value instanceof Character c ? c : ((Number) value).longValue();
  }

  private static double asDouble(Object value) {
    return value instanceof Character c ? c : ((Number) value).doubleValue();
  }
}
