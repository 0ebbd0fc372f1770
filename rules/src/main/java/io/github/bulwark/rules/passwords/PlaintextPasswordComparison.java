package io.github.bulwark.rules.passwords;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags raw passwords compared with each other: {@code input.equals(user.getPassword())},
 * {@code Objects.equals}, {@code StringUtils.equals}, {@code Arrays.equals} of password chars,
 * {@code compareTo}/{@code contentEquals}; a raw password bound to a WHERE condition
 * ({@code WHERE password = ?}, concatenated SQL, named parameters); and Spring Data finders
 * such as {@code findByUsernameAndPassword(name, raw)}. Each one means the stored password is
 * plain text, and {@code equals} also leaks through timing how much of it matched.
 *
 * <p>Scope: one side must be a raw password (see {@link PasswordValues}) and the other a
 * password or a value named as the submitted credential ({@code input}, {@code candidate},
 * {@code provided}, {@code stored}...). A password checked against its confirmation field
 * ({@code confirmPassword}, {@code repeatPassword}), against a constant, or against a hash
 * is not this rule (hash comparisons are TimingUnsafeComparison's). Comparisons inside
 * {@code equals}/{@code hashCode}/{@code compareTo} implementations are value equality, not
 * authentication, and are skipped, as is test code.
 */
@RuleInfo(
    id = "PlaintextPasswordComparison",
    family = Family.PASSWORDS,
    title = "Password compared in plain text",
    cwe = {256, 208},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.HIGH,
    description = "Comparing the submitted password with the stored one means the store keeps "
        + "passwords readable, so a database leak exposes every account; String.equals also "
        + "returns as soon as a character differs, which lets an attacker time their guesses.",
    fix = "Store PasswordHasher.bcrypt().hash(pw) and check with hasher.verify(pw, "
        + "user.getPasswordHash()) (before: pw.equals(user.getPassword())).",
    helper = "io.github.bulwark.runtime.PasswordHasher")
public final class PlaintextPasswordComparison implements NodeRule<Node> {

  private static final Set<String> INSTANCE_COMPARISONS =
      Set.of("equals", "equalsIgnoreCase", "contentEquals", "compareTo", "compareToIgnoreCase");
  private static final Set<String> STATIC_COMPARISONS = Set.of("equals", "equalsIgnoreCase",
      "deepEquals", "compare");
  private static final Set<String> STATIC_OWNERS = Set.of(
      "Objects", "StringUtils", "Arrays", "Strings", "CS", "CI", "ObjectUtils", "Object",
      "String");
  /** Words naming the second entry of a password form, checked against the first. */
  private static final Set<String> CONFIRMATION_WORDS = Set.of(
      "confirm", "confirmation", "confirmed", "repeat", "repeated", "retype", "retyped", "again",
      "verify", "verification", "re", "second", "two", "check", "reenter", "reentered", "rpt");
  /** Words naming the credential a user submits, or the one it is checked against. */
  private static final Set<String> CREDENTIAL_WORDS = Set.of(
      "input", "candidate", "attempt", "attempted", "provided", "entered", "typed", "given",
      "supplied", "plain", "plaintext", "raw", "submitted", "presented", "credential",
      "credentials", "guess", "expected", "stored", "actual", "saved", "db", "clear",
      "cleartext", "challenge", "secret", "real", "correct", "current", "old", "existing");
  private static final Set<String> STORED_WORDS = Set.of(
      "stored", "db", "saved", "expected", "actual", "correct", "real", "current", "existing",
      "admin", "configured", "persisted", "original", "known", "valid", "registered",
      "database", "master", "root", "cached");
  private static final Set<String> INPUT_HOLDERS = Set.of(
      "request", "req", "form", "param", "body", "dto", "input", "command", "cmd", "console",
      "dialog", "field", "view", "text", "payload", "args", "event", "ctx", "context",
      "submission", "credentials", "login");
  private static final Set<String> CARRIERS = Set.of(
      "trim", "strip", "toCharArray", "getBytes", "toString", "get", "orElse", "orElseThrow",
      "toLowerCase", "toUpperCase", "clone");
  private static final Set<String> EQUALITY_METHODS = Set.of("equals", "hashCode", "compareTo",
      "compare");
  private static final Pattern FINDER = Pattern.compile(
      "(find|get|query|read|exists|count|search|stream|load|fetch)\\w*By\\w+");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    Optional<Expression[]> sides = comparedSides(call);
    if (sides.isPresent()) {
      if (comparesPasswords(sides.get()[0], sides.get()[1], file)
          && !insideEqualityMethod(call)) {
        findings.report(call, "a raw password is compared with %s", call.getNameAsString());
      }
      return;
    }
    Optional<SqlUses.Landing> landing = SqlUses.landing(call, file);
    if (landing.isPresent()) {
      if (landing.get().use() == SqlUses.Use.COMPARE) {
        findings.report(landing.get().at(), "a raw password is matched in an SQL condition by %s",
            call.getNameAsString());
      }
      return;
    }
    String method = call.getNameAsString();
    if (FINDER.matcher(method).matches() && call.getScope().isPresent()
        && PasswordValues.isPasswordName(method.substring(method.indexOf("By") + 2))
        && call.getArguments().stream().anyMatch(a -> PasswordValues.isRawPassword(a, file))) {
      findings.report(call, "%s looks an account up by its raw password", method);
    }
  }

  /** The two sides of an equality or ordering comparison; empty for any other call. */
  public static Optional<Expression[]> comparedSides(MethodCallExpr call) {
    String method = call.getNameAsString();
    Optional<Expression> scope = call.getScope();
    boolean staticComparison = call.getArguments().size() == 2
        && STATIC_COMPARISONS.contains(method);
    boolean instanceComparison = call.getArguments().size() == 1
        && INSTANCE_COMPARISONS.contains(method) && scope.isPresent();
    if (!staticComparison && !instanceComparison) {
      return Optional.empty(); // before printing the receiver: most calls compare nothing
    }
    String owner = scope.map(ExpressionText::of).orElse("");
    owner = owner.substring(owner.lastIndexOf('.') + 1);
    if (call.getArguments().size() == 2 && STATIC_COMPARISONS.contains(method)
        && STATIC_OWNERS.contains(owner)) {
      return Optional.of(new Expression[] {call.getArgument(0), call.getArgument(1)});
    }
    if (call.getArguments().size() == 1 && INSTANCE_COMPARISONS.contains(method)
        && scope.isPresent() && !STATIC_OWNERS.contains(owner)) {
      return Optional.of(new Expression[] {scope.get(), call.getArgument(0)});
    }
    return Optional.empty();
  }

  private static boolean comparesPasswords(Expression left, Expression right, FileContext file) {
    if (isConstant(left, file) || isConstant(right, file)) {
      return false;
    }
    if (isConfirmation(left) || isConfirmation(right)) {
      return false;
    }
    boolean leftRaw = PasswordValues.isRawPassword(left, file);
    boolean rightRaw = PasswordValues.isRawPassword(right, file);
    if (leftRaw && rightRaw) {
      return stored(left, file, 0) || stored(right, file, 0);
    }
    if (leftRaw == rightRaw) {
      return false;
    }
    Expression other = leftRaw ? right : left;
    if (PasswordValues.isPasswordHashName(leafName(other))) {
      return false;
    }
    return PasswordValues.words(leafName(other)).stream().anyMatch(CREDENTIAL_WORDS::contains)
        && (stored(left, file, 0) || stored(right, file, 0));
  }

  /**
   * True when a value was read back from where passwords are kept: a getter or lookup on another
   * object ({@code user.getPassword()}, {@code rs.getString("pwd")}, {@code account.password}), a
   * configured field ({@code @Value}), or a name that says so ({@code storedPassword},
   * {@code dbPwd}). Two values typed by the user ({@code keyPass} and {@code storePass} in a
   * command-line tool, old and new password in a form) say nothing about storage.
   */
  private static boolean stored(Expression expression, FileContext file, int depth) {
    if (depth > 6) {
      return false;
    }
    Expression e = FileContext.unwrap(expression);
    if (e instanceof ObjectCreationExpr creation && !creation.getArguments().isEmpty()) {
      return stored(creation.getArgument(0), file, depth + 1);
    }
    if (e instanceof MethodCallExpr call) {
      Optional<Expression> scope = call.getScope();
      if (scope.isEmpty() || scope.get() instanceof com.github.javaparser.ast.expr.ThisExpr) {
        return false;
      }
      if (CARRIERS.contains(call.getNameAsString())) {
        return stored(scope.get(), file, depth + 1);
      }
      boolean staticCall = scope.get() instanceof NameExpr type
          && Character.isUpperCase(type.getNameAsString().charAt(0));
      List<String> verb = PasswordValues.words(call.getNameAsString());
      boolean reads = !verb.isEmpty() && Set.of("read", "prompt", "ask", "input", "generate")
          .contains(verb.get(0));
      return !staticCall && !reads && !isInputHolder(scope.get());
    }
    if (e instanceof FieldAccessExpr access) {
      return !(access.getScope() instanceof com.github.javaparser.ast.expr.ThisExpr)
          && !isInputHolder(access.getScope());
    }
    if (e instanceof NameExpr name) {
      if (PasswordValues.words(name.getNameAsString()).stream().anyMatch(STORED_WORDS::contains)) {
        return true;
      }
      Optional<Node> declaration = file.declarationOf(name);
      if (declaration.isPresent()
          && declaration.get() instanceof com.github.javaparser.ast.body.VariableDeclarator v) {
        if (v.getParentNode().filter(p -> p instanceof com.github.javaparser.ast.body
            .FieldDeclaration f && f.getAnnotationByName("Value").isPresent()).isPresent()) {
          return true;
        }
        Optional<Expression> value = PasswordValues.latestAssignment(name)
            .map(com.github.javaparser.ast.expr.AssignExpr::getValue)
            .or(v::getInitializer);
        return value.map(init -> stored(init, file, depth + 1)).orElse(false);
      }
    }
    return false;
  }

  /** Receivers that hold what the user just sent: a request, form, DTO or console. */
  private static boolean isInputHolder(Expression scope) {
    String name = ExpressionText.of(scope).toLowerCase(java.util.Locale.ROOT);
    return INPUT_HOLDERS.stream().anyMatch(name::contains);
  }

  private static boolean isConstant(Expression expression, FileContext file) {
    Expression e = FileContext.unwrap(expression);
    return e.isNullLiteralExpr() || file.constantValue(e).isPresent();
  }

  private static boolean isConfirmation(Expression expression) {
    return PasswordValues.words(leafName(expression)).stream()
        .anyMatch(CONFIRMATION_WORDS::contains)
        || leafName(expression).matches(".*[A-Za-z]2$");
  }

  /**
   * The name that says what an expression holds: a variable, field or getter, looking through
   * {@code trim()}, {@code toCharArray()} and the like, and through a lookup's constant key.
   */
  public static String leafName(Expression expression) {
    Expression e = FileContext.unwrap(expression);
    for (int i = 0; i < 8; i++) {
      if (e instanceof NameExpr name) {
        return name.getNameAsString();
      }
      if (e instanceof FieldAccessExpr access) {
        return access.getNameAsString();
      }
      if (e instanceof ObjectCreationExpr creation && !creation.getArguments().isEmpty()) {
        e = FileContext.unwrap(creation.getArgument(0));
        continue;
      }
      if (e instanceof MethodCallExpr call) {
        if (!call.getArguments().isEmpty() && call.getArgument(0).isStringLiteralExpr()) {
          return call.getArgument(0).asStringLiteralExpr().asString();
        }
        if (call.getArguments().isEmpty() && call.getScope().isPresent()
            && Set.of("trim", "strip", "toCharArray", "getBytes", "toString", "get", "getText",
                "toLowerCase", "toUpperCase").contains(call.getNameAsString())) {
          e = FileContext.unwrap(call.getScope().get());
          continue;
        }
        if (call.getScope().isPresent() && ExpressionText.of(call.getScope().get()).equals("String")
            && !call.getArguments().isEmpty()) {
          e = FileContext.unwrap(call.getArgument(0));
          continue;
        }
        String name = call.getNameAsString();
        return name.startsWith("get") && name.length() > 3 ? name.substring(3) : name;
      }
      return "";
    }
    return "";
  }

  private static boolean insideEqualityMethod(Node node) {
    return node.findAncestor(MethodDeclaration.class)
        .map(m -> EQUALITY_METHODS.contains(m.getNameAsString()))
        .orElse(false);
  }
}
