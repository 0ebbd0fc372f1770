package io.github.bulwark.core.analysis;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds expressions to compile-time values within one file: literals, text blocks, string
 * concatenation, parentheses and casts, {@code String.valueOf}/{@code concat}, and names of final
 * (or never reassigned local) variables and fields with constant initialisers, also as
 * {@code Type.NAME} for types declared in the file. Values are {@code String}, {@code Long},
 * {@code Boolean} or {@code Character}.
 */
final class ConstantFolder {

  private static final int MAX_DEPTH = 64;
  private static final Object UNKNOWN = new Object();

  private final TypeNames typeNames;
  /**
   * The file's types, names and field accesses by name (the file's index: a field access or a
   * reassignment question must not walk the file).
   */
  private final FileContext file;
  private final Map<Node, Object> cache = new IdentityHashMap<>();
  /** Whether each variable is never reassigned, found once (it walks the enclosing scope). */
  private final Map<Node, Boolean> reassignment = new IdentityHashMap<>();

  ConstantFolder(TypeNames typeNames, FileContext file) {
    this.typeNames = typeNames;
    this.file = file;
  }

  /**
   * The constant text an expression's value is known to start with: the whole value when it
   * folds, else the folded left part of a concatenation, the literal head of a
   * {@code String.format} pattern, or the prefix of a variable's single initialiser.
   */
  Optional<String> prefix(Expression expression) {
    return Optional.ofNullable(prefix(expression, 0)).filter(p -> !p.isEmpty());
  }

  private String prefix(Expression expression, int depth) {
    if (expression == null || depth > MAX_DEPTH) {
      return null;
    }
    Object whole = fold(expression, depth);
    if (whole != UNKNOWN) {
      return String.valueOf(whole);
    }
    Expression e = expression;
    while (e instanceof EnclosedExpr enclosed) {
      e = enclosed.getInner();
    }
    if (e instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
      Expression left = binary;
      java.util.ArrayDeque<Expression> rights = new java.util.ArrayDeque<>();
      while (left instanceof BinaryExpr leftBinary
          && leftBinary.getOperator() == BinaryExpr.Operator.PLUS) {
        rights.push(leftBinary.getRight());
        left = leftBinary.getLeft();
      }
      Object head = fold(left, depth + 1);
      if (head == UNKNOWN) {
        return prefix(left, depth + 1);
      }
      StringBuilder text = new StringBuilder(String.valueOf(head));
      while (!rights.isEmpty()) {
        Expression next = rights.pop();
        Object value = fold(next, depth + 1);
        if (value == UNKNOWN) {
          String partial = prefix(next, depth + 1);
          if (partial != null) {
            text.append(partial);
          }
          break;
        }
        text.append(value);
      }
      return text.toString();
    }
    if (e instanceof MethodCallExpr call && call.getArguments().size() >= 1
        && (call.getNameAsString().equals("format") || call.getNameAsString().equals("formatted"))) {
      Expression pattern = call.getNameAsString().equals("format")
          ? call.getArgument(0) : call.getScope().orElse(null);
      Object value = fold(pattern, depth + 1);
      if (value instanceof String text) {
        int placeholder = text.indexOf('%');
        return placeholder < 0 ? text : text.substring(0, placeholder);
      }
      return null;
    }
    if (e instanceof NameExpr name) {
      return Declarations.find(name.getNameAsString(), name)
          .filter(VariableDeclarator.class::isInstance)
          .map(VariableDeclarator.class::cast)
          .filter(this::neverReassigned)
          .flatMap(VariableDeclarator::getInitializer)
          .map(init -> prefix(init, depth + 1))
          .orElse(null);
    }
    return null;
  }

  /**
   * Every constant piece of a concatenation (literals and folded names), in order; the unknown
   * parts are left out. Lets a rule ask "does any fixed part of this header say Secure?".
   */
  java.util.List<String> fragments(Expression expression) {
    java.util.List<String> pieces = new java.util.ArrayList<>();
    Object whole = fold(expression, 0);
    if (whole != UNKNOWN) {
      pieces.add(String.valueOf(whole));
      return pieces;
    }
    java.util.ArrayDeque<Expression> work = new java.util.ArrayDeque<>();
    work.push(expression);
    while (!work.isEmpty() && pieces.size() < 10_000) {
      Expression e = work.pop();
      while (e instanceof EnclosedExpr enclosed) {
        e = enclosed.getInner();
      }
      if (e instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
        work.push(binary.getRight());
        work.push(binary.getLeft());
        continue;
      }
      Object value = fold(e, 0);
      if (value != UNKNOWN) {
        pieces.add(String.valueOf(value));
      }
    }
    return pieces;
  }

  Optional<Object> fold(Expression expression) {
    Object value = fold(expression, 0);
    return value == UNKNOWN ? Optional.empty() : Optional.of(value);
  }

  private Object fold(Expression expression, int depth) {
    if (expression == null || depth > MAX_DEPTH) {
      return UNKNOWN;
    }
    Object cached = cache.get(expression);
    if (cached != null) {
      return cached;
    }
    Object value = compute(expression, depth);
    cache.put(expression, value);
    return value;
  }

  private Object compute(Expression expression, int depth) {
    if (expression instanceof StringLiteralExpr literal) {
      return literal.asString();
    }
    if (expression instanceof TextBlockLiteralExpr textBlock) {
      return textBlock.asString();
    }
    if (expression instanceof CharLiteralExpr character) {
      return character.asChar();
    }
    if (expression instanceof IntegerLiteralExpr integer) {
      try {
        return integer.asNumber().longValue();
      } catch (NumberFormatException e) {
        return UNKNOWN;
      }
    }
    if (expression instanceof LongLiteralExpr longLiteral) {
      try {
        return longLiteral.asNumber().longValue();
      } catch (NumberFormatException e) {
        return UNKNOWN;
      }
    }
    if (expression instanceof BooleanLiteralExpr bool) {
      return bool.getValue();
    }
    if (expression instanceof EnclosedExpr enclosed) {
      return fold(enclosed.getInner(), depth + 1);
    }
    if (expression instanceof CastExpr cast) {
      return fold(cast.getExpression(), depth + 1);
    }
    if (expression instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.MINUS) {
      Object inner = fold(unary.getExpression(), depth + 1);
      return inner instanceof Long number ? (Object) (-number) : UNKNOWN;
    }
    if (expression instanceof BinaryExpr binary) {
      return binary(binary, depth);
    }
    if (expression instanceof ConditionalExpr conditional) {
      Object condition = fold(conditional.getCondition(), depth + 1);
      if (condition instanceof Boolean chosen) {
        return fold(chosen ? conditional.getThenExpr() : conditional.getElseExpr(), depth + 1);
      }
      return UNKNOWN;
    }
    if (expression instanceof NameExpr name) {
      return Declarations.find(name.getNameAsString(), name)
          .map(declaration -> variableValue(declaration, depth))
          .orElse(UNKNOWN);
    }
    if (expression instanceof FieldAccessExpr access) {
      return fieldAccess(access, depth);
    }
    if (expression instanceof MethodCallExpr call) {
      return call(call, depth);
    }
    return UNKNOWN;
  }

  private Object binary(BinaryExpr binary, int depth) {
    if (binary.getOperator() != BinaryExpr.Operator.PLUS) {
      return UNKNOWN;
    }
    // Long concatenations nest to the left; fold iteratively so 100,000 terms cost no stack.
    java.util.ArrayDeque<Expression> operands = new java.util.ArrayDeque<>();
    Expression left = binary;
    while (left instanceof BinaryExpr leftBinary
        && leftBinary.getOperator() == BinaryExpr.Operator.PLUS) {
      operands.push(leftBinary.getRight());
      left = leftBinary.getLeft();
    }
    Object result = fold(left, depth + 1);
    while (result != UNKNOWN && !operands.isEmpty()) {
      Object right = fold(operands.pop(), depth + 1);
      result = plus(result, right);
    }
    return result;
  }

  private static Object plus(Object left, Object right) {
    if (left == UNKNOWN || right == UNKNOWN) {
      return UNKNOWN;
    }
    if (left instanceof String || right instanceof String) {
      return String.valueOf(left) + right;
    }
    if (left instanceof Long a && right instanceof Long b) {
      return a + b;
    }
    return UNKNOWN;
  }

  private Object fieldAccess(FieldAccessExpr access, int depth) {
    Expression scope = access.getScope();
    String field = access.getNameAsString();
    Optional<TypeDeclaration<?>> owner = Optional.empty();
    if (scope instanceof ThisExpr) {
      owner = access.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
    } else if (scope instanceof NameExpr || scope instanceof FieldAccessExpr) {
      String written = ExpressionText.of(scope);
      String fqn = typeNames.resolve(written);
      owner = access.findCompilationUnit().flatMap(unit -> typeNamed(fqn, written));
    }
    return owner.flatMap(type -> type.getFieldByName(field))
        .flatMap(declaration -> declaration.getVariables().stream()
            .filter(v -> v.getNameAsString().equals(field)).findFirst())
        .map(variable -> variableValue(variable, depth))
        .orElse(UNKNOWN);
  }

  private Optional<TypeDeclaration<?>> typeNamed(String fqn, String written) {
    String simple = written.substring(written.lastIndexOf('.') + 1);
    for (TypeDeclaration<?> type : file.typesNamed(simple)) {
      if (isNamed(type, fqn, written)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  private static boolean isNamed(TypeDeclaration<?> type, String fqn, String written) {
    return type.getNameAsString().equals(written)
        || type.getFullyQualifiedName().map(fqn::equals).orElse(false);
  }

  private Object call(MethodCallExpr call, int depth) {
    String method = call.getNameAsString();
    Optional<Expression> scope = call.getScope();
    if (method.equals("valueOf") && call.getArguments().size() == 1 && scope.isPresent()
        && ExpressionText.of(scope.get()).equals("String")) {
      Object argument = fold(call.getArgument(0), depth + 1);
      return argument == UNKNOWN ? UNKNOWN : String.valueOf(argument);
    }
    if (method.equals("concat") && call.getArguments().size() == 1 && scope.isPresent()) {
      return plus(fold(scope.get(), depth + 1), fold(call.getArgument(0), depth + 1));
    }
    return UNKNOWN;
  }

  private Object variableValue(Node declaration, int depth) {
    if (!(declaration instanceof VariableDeclarator variable)
        || variable.getInitializer().isEmpty()) {
      return UNKNOWN;
    }
    if (!reassignment.computeIfAbsent(variable, v -> neverReassigned((VariableDeclarator) v))) {
      return UNKNOWN;
    }
    return fold(variable.getInitializer().get(), depth + 1);
  }

  /** Final, or a local / private field that no assignment in its scope writes to. */
  private boolean neverReassigned(VariableDeclarator variable) {
    Optional<Node> parent = variable.getParentNode();
    if (parent.isPresent() && parent.get() instanceof FieldDeclaration field) {
      if (field.isFinal()) {
        return true;
      }
      if (!field.hasModifier(Modifier.Keyword.PRIVATE)) {
        return false; // anything may write a visible field
      }
      return field.findAncestor(TypeDeclaration.class)
          .map(type -> !assignedIn(type, variable.getNameAsString()))
          .orElse(false);
    }
    if (parent.isPresent()
        && parent.get() instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr local) {
      if (local.isFinal()) {
        return true;
      }
      Node body = variable.findAncestor(CallableDeclaration.class).map(c -> (Node) c)
          .or(() -> variable.findAncestor(com.github.javaparser.ast.expr.LambdaExpr.class))
          .orElse(null);
      return body != null && !assignedIn(body, variable.getNameAsString());
    }
    return false;
  }

  /**
   * True when an assignment ({@code name = }, {@code x.name = }) or a {@code ++}/{@code --} of
   * {@code name} inside {@code scope} writes to it. Answered from the file's index of names
   * (the few uses of this name, each asked whether it is written) instead of a walk of the scope.
   */
  private boolean assignedIn(Node scope, String name) {
    for (NameExpr use : file.namesSpelled(name)) {
      if ((isAssigned(use) || isIncremented(use)) && use.isDescendantOf(scope)) {
        return true;
      }
    }
    for (FieldAccessExpr use : file.fieldAccessesNamed(name)) {
      if (isAssigned(use) && use.isDescendantOf(scope)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAssigned(Expression use) {
    return use.getParentNode().orElse(null) instanceof AssignExpr assign
        && assign.getTarget() == use;
  }

  private static boolean isIncremented(Expression use) {
    if (!(use.getParentNode().orElse(null) instanceof UnaryExpr unary)
        || unary.getExpression() != use) {
      return false;
    }
    UnaryExpr.Operator operator = unary.getOperator();
    return operator == UnaryExpr.Operator.PREFIX_INCREMENT
        || operator == UnaryExpr.Operator.PREFIX_DECREMENT
        || operator == UnaryExpr.Operator.POSTFIX_INCREMENT
        || operator == UnaryExpr.Operator.POSTFIX_DECREMENT;
  }
}
