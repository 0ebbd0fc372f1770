package io.github.bulwark.rules.crypto;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.rules.passwords.PasswordValues;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flags a value from a predictable generator that becomes a security value. Generators:
 * {@code java.util.Random} (a {@code new Random()} or a variable the file shows holding one),
 * {@code Math.random()}, {@code ThreadLocalRandom}, {@code SplittableRandom}, commons-lang
 * {@code RandomStringUtils.random*}/{@code RandomUtils} (they use {@code Random}; the
 * {@code secure()} variants are fine) and {@code new BigInteger(n, weakRandom)}. The value is
 * followed through locals, fields, arithmetic, concatenation, conversions
 * ({@code Long.toString}, {@code Integer.toHexString}), {@code StringBuilder}s, arrays filled by
 * {@code nextBytes}, and the return value of methods of the same class, until it lands in a name
 * that says token, session, password, OTP, salt, nonce, key, IV, secret, reset code, CSRF or
 * remember-me ({@link SecurityNames}): a variable, field, setter, method, session attribute,
 * header or map key, or a cookie sent to the client. A weak generator handed to
 * {@code KeyGenerator.init}/{@code initialize}, and a {@code SecureRandom} seeded with a constant
 * ({@code new SecureRandom(CONST)}, {@code setSeed(42L)}) are flagged whatever the use.
 *
 * <p>Scope: games, jitter and backoff, sampling, load balancing and shuffling of non-secret data
 * never reach a security name and are not findings; {@code UUID.randomUUID()} and
 * {@code SecureRandom} are fine. Test code is skipped.
 */
@RuleInfo(
    id = "PredictableRandom",
    family = Family.CRYPTO,
    title = "Security value from a predictable random generator",
    cwe = {330, 338},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.MEDIUM,
    description = "java.util.Random and Math.random are seeded linear-congruential generators: "
        + "from one or two outputs an attacker recovers the state and predicts every token, "
        + "reset code or session id the server issues next, and takes over accounts; a constant "
        + "seed makes even SecureRandom repeat the same values on every start.",
    fix = "Draw security values from SecureRandom: Tokens.urlSafe(32) for tokens and ids "
        + "(before: Long.toHexString(new Random().nextLong())); never seed SecureRandom yourself.",
    helper = "io.github.bulwark.runtime.Tokens")
public final class PredictableRandom implements NodeRule<Node> {

  private static final int MAX_STEPS = 400;
  private static final Set<String> RANDOM_METHODS = Set.of(
      "nextInt", "nextLong", "nextDouble", "nextFloat", "nextGaussian", "nextBoolean",
      "nextBytes", "ints", "longs", "doubles", "nextExponential");
  private static final Set<String> WEAK_TYPES = Set.of(
      "Random", "java.util.Random", "SplittableRandom", "java.util.SplittableRandom",
      "ThreadLocalRandom", "java.util.concurrent.ThreadLocalRandom");
  /** Calls that stop a value: it only waits, compares or is measured. */
  private static final Set<String> DEAD_ENDS = Set.of(
      "sleep", "wait", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay", "parkNanos",
      "delay", "equals", "compareTo", "compare", "contains", "containsKey", "get", "remove",
      "shuffle", "swap", "size", "length", "hashCode", "min", "max", "isEmpty");
  /** Calls on a builder or stream that move the value into the receiver. */
  private static final Set<String> INTO_RECEIVER = Set.of(
      "append", "add", "insert", "write", "print", "put", "push", "offer", "setCharAt",
      "addAll");
  /** Types whose construction only reshapes the value; other objects end the trail. */
  private static final Set<String> VALUE_TYPES = Set.of(
      "String", "StringBuilder", "StringBuffer", "BigInteger", "BigDecimal", "UUID",
      "IvParameterSpec", "GCMParameterSpec", "SecretKeySpec", "PBEKeySpec", "Integer", "Long",
      "Double", "ByteArrayInputStream");
  private static final Set<String> COOKIE_TYPES = Set.of("Cookie", "NewCookie", "HttpCookie");

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
    if (file.isTestCode()) {
      return;
    }
    if (node instanceof ObjectCreationExpr creation) {
      checkCreation(creation, file, findings);
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    String method = call.getNameAsString();
    if (method.equals("setSeed") && call.getArguments().size() == 1
        && call.getScope().map(s -> isSecureRandom(s, file)).orElse(false)
        && isConstantSeed(call.getArgument(0), file)) {
      findings.report(call, "SecureRandom is seeded with a constant, so its output repeats");
      return;
    }
    if ((method.equals("init") || method.equals("initialize"))
        && call.getArguments().stream().anyMatch(a -> isWeakGenerator(a, file))) {
      findings.report(call, "key material is generated from a predictable java.util.Random");
      return;
    }
    Optional<String> source = weakSource(call, file);
    if (source.isEmpty()) {
      return;
    }
    Expression start = call;
    if (method.equals("nextBytes") && call.getArguments().size() == 1) {
      start = call.getArgument(0); // the array it fills carries the value
      Optional<String> arrayName = nameOf(start);
      if (arrayName.isPresent() && SecurityNames.isSecurityName(arrayName.get())) {
        findings.report(call, "%s fills '%s' with predictable bytes", source.get(),
            arrayName.get());
        return;
      }
    }
    secretDestination(start, file).ifPresent(where -> findings.report(call,
        "%s produces a security value (%s)", source.get(), where));
  }

  private static void checkCreation(ObjectCreationExpr creation, FileContext file,
      Findings findings) {
    String type = creation.getType().getNameAsString();
    if (type.equals("SecureRandom") && creation.getArguments().size() == 1
        && isConstantSeed(creation.getArgument(0), file)) {
      findings.report(creation, "SecureRandom is seeded with a constant, so its output repeats");
    } else if (type.equals("BigInteger") && creation.getArguments().size() == 2
        && isWeakGenerator(creation.getArgument(1), file)) {
      secretDestination(creation, file).ifPresent(where -> findings.report(creation,
          "a BigInteger from java.util.Random produces a security value (%s)", where));
    }
  }

  /** What generator a call draws from, when it is a predictable one. */
  private static Optional<String> weakSource(MethodCallExpr call, FileContext file) {
    String method = call.getNameAsString();
    if (!method.startsWith("random") && !method.startsWith("next")
        && !RANDOM_METHODS.contains(method)) {
      return Optional.empty(); // before printing the receiver: most calls are none of these
    }
    String scope = call.getScope().map(ExpressionText::of).orElse("");
    if (method.equals("random") && call.getArguments().isEmpty()
        && (scope.equals("Math") || scope.equals("StrictMath"))) {
      return Optional.of("Math.random()");
    }
    if ((scope.endsWith("RandomStringUtils") || scope.endsWith("RandomUtils"))
        && (method.startsWith("random") || method.startsWith("next"))) {
      return Optional.of(scope.substring(scope.lastIndexOf('.') + 1) + "." + method);
    }
    if (scope.endsWith("insecure()") && method.startsWith("next")
        && scope.contains("Random")) {
      return Optional.of(scope + "." + method);
    }
    if (RANDOM_METHODS.contains(method) && call.getScope().isPresent()
        && isWeakGenerator(call.getScope().get(), file)) {
      return Optional.of("Random." + method);
    }
    return Optional.empty();
  }

  /** A java.util.Random, ThreadLocalRandom or SplittableRandom as far as the file shows. */
  private static boolean isWeakGenerator(Expression expression, FileContext file) {
    return isWeakGenerator(expression, file, 0);
  }

  private static boolean isWeakGenerator(Expression expression, FileContext file, int depth) {
    if (depth > 4) {
      return false;
    }
    Expression e = FileContext.unwrap(expression);
    if (e instanceof ObjectCreationExpr creation) {
      return WEAK_TYPES.contains(creation.getType().getNameWithScope());
    }
    if (e instanceof MethodCallExpr call) {
      return call.getNameAsString().equals("current")
          && call.getScope().map(ExpressionText::of).map(s -> s.endsWith("ThreadLocalRandom"))
              .orElse(false);
    }
    Optional<VariableDeclarator> variable = Optional.empty();
    if (e instanceof NameExpr name) {
      Optional<Node> declaration = file.declarationOf(name);
      if (declaration.isPresent() && declaration.get() instanceof Parameter parameter) {
        return parameter.getType().asString().endsWith("ThreadLocalRandom");
      }
      variable = declaration.filter(VariableDeclarator.class::isInstance)
          .map(VariableDeclarator.class::cast);
    } else if (e instanceof FieldAccessExpr access) {
      variable = CryptoValues.fieldOf(access, file);
    }
    if (variable.isEmpty()) {
      return false;
    }
    String declared = variable.get().getType().asString();
    List<Expression> values = valuesOf(variable.get(), file);
    if (values.stream().anyMatch(v -> v.toString().contains("SecureRandom")
        || v.toString().contains("Secure"))) {
      return false;
    }
    if (declared.contains("SecureRandom")) {
      return false;
    }
    if (declared.endsWith("ThreadLocalRandom") || declared.endsWith("SplittableRandom")) {
      return true;
    }
    return values.stream().anyMatch(v -> isWeakGenerator(v, file, depth + 1));
  }

  /** Per-file memo: a class's assignments by the name they write. */
  private static final Object ASSIGNMENTS = new Object();

  /** The initializer of a variable and every value assigned to it in its class. */
  private static List<Expression> valuesOf(VariableDeclarator variable, FileContext file) {
    List<Expression> values = new ArrayList<>();
    variable.getInitializer().ifPresent(values::add);
    Node scope = variable.findAncestor(TypeDeclaration.class).map(t -> (Node) t)
        .orElse(variable.findRootNode());
    // Indexed once per class: a walk of the class per variable is quadratic in large classes.
    Map<String, List<Expression>> assigned = file.<Node, Map<String, List<Expression>>>memo(
        ASSIGNMENTS).computeIfAbsent(scope, PredictableRandom::assignedValues);
    values.addAll(assigned.getOrDefault(variable.getNameAsString(), List.of()));
    return values;
  }

  /** The values assigned in a scope, in source order, by the name ({@code x}, {@code a.x}) written. */
  private static Map<String, List<Expression>> assignedValues(Node scope) {
    Map<String, List<Expression>> values = new HashMap<>();
    for (AssignExpr assign : scope.findAll(AssignExpr.class)) {
      Expression target = assign.getTarget();
      String name = target instanceof NameExpr n ? n.getNameAsString()
          : target instanceof FieldAccessExpr f ? f.getNameAsString() : null;
      if (name != null) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(assign.getValue());
      }
    }
    return values;
  }

  private static boolean isSecureRandom(Expression receiver, FileContext file) {
    Expression e = FileContext.unwrap(receiver);
    if (e instanceof NameExpr name) {
      Optional<String> type = file.declaredType(name);
      if (type.isPresent() && type.get().endsWith("SecureRandom")) {
        return true;
      }
      return file.initializerOf(name).map(i -> i.toString().contains("SecureRandom"))
          .orElse(false);
    }
    if (e instanceof FieldAccessExpr access) {
      return CryptoValues.fieldOf(access, file)
          .map(v -> v.getType().asString().endsWith("SecureRandom")).orElse(false);
    }
    return e.toString().contains("SecureRandom");
  }

  private static boolean isConstantSeed(Expression seed, FileContext file) {
    return file.constantValue(seed).isPresent() || CryptoValues.isConstantBytes(seed, file);
  }

  /**
   * Where the value of {@code start} ends up as a security value: the name of the variable,
   * field, method, setter, attribute or cookie; empty when it never does.
   */
  static Optional<String> secretDestination(Expression start, FileContext file) {
    Deque<Node> work = new ArrayDeque<>();
    Map<Node, Boolean> seen = new IdentityHashMap<>();
    work.add(start);
    int steps = 0;
    while (!work.isEmpty() && steps++ < MAX_STEPS) {
      Node value = work.poll();
      if (seen.put(value, Boolean.TRUE) != null) {
        continue;
      }
      Optional<Node> parentNode = value.getParentNode();
      if (parentNode.isEmpty()) {
        continue;
      }
      Node parent = parentNode.get();
      Optional<String> found = step(value, parent, file, work);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> step(Node value, Node parent, FileContext file,
      Deque<Node> work) {
    if (parent instanceof EnclosedExpr || parent instanceof CastExpr
        || parent instanceof ArrayAccessExpr
        || parent instanceof ConditionalExpr conditional && value != conditional.getCondition()
        || parent instanceof UnaryExpr) {
      work.add(parent);
    } else if (parent instanceof BinaryExpr binary) {
      if (carriesValue(binary.getOperator())) {
        work.add(parent);
      }
    } else if (parent instanceof VariableDeclarator variable) {
      return named(variable.getNameAsString(), variable, work);
    } else if (parent instanceof AssignExpr assign && value == assign.getValue()) {
      Expression target = assign.getTarget();
      while (target instanceof ArrayAccessExpr access) {
        target = access.getName();
      }
      Optional<String> name = nameOf(target);
      if (name.isPresent()) {
        Node declaration = target instanceof NameExpr n
            ? file.declarationOf(n).orElse(assign) : assign;
        return named(name.get(), declaration, work);
      }
    } else if (parent instanceof ReturnStmt) {
      return returned(value, work);
    } else if (parent instanceof MethodCallExpr call) {
      return intoCall(value, call, file, work);
    } else if (parent instanceof ObjectCreationExpr creation) {
      if (COOKIE_TYPES.contains(creation.getType().getNameAsString())
          && creation.getArguments().size() >= 2 && value == creation.getArgument(1)) {
        String cookie = file.constantString(creation.getArgument(0)).orElse("");
        if (cookie.isEmpty() || SecurityNames.isSecurityName(cookie)
            || !notSecretCookie(cookie)) {
          return Optional.of("a cookie sent to the client");
        }
        return Optional.empty();
      }
      if (VALUE_TYPES.contains(creation.getType().getNameAsString())) {
        work.add(parent); // new String(chars), new BigInteger(..): the same value reshaped
      }
    } else if (parent instanceof com.github.javaparser.ast.expr.ArrayInitializerExpr
        || parent instanceof com.github.javaparser.ast.expr.ArrayCreationExpr) {
      work.add(parent);
    }
    return Optional.empty();
  }

  private static boolean notSecretCookie(String name) {
    List<String> words = PasswordValues.words(name);
    return words.stream().anyMatch(w -> Set.of("theme", "lang", "locale", "ab", "experiment",
        "variant", "bucket", "color", "layout", "consent", "banner", "tz", "timezone")
        .contains(w));
  }

  private static boolean carriesValue(BinaryExpr.Operator operator) {
    return switch (operator) {
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER, BINARY_AND, BINARY_OR, XOR, LEFT_SHIFT,
          SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> true;
      default -> false;
    };
  }

  /** The value is stored under {@code name}: a finding when the name says secret, else follow. */
  private static Optional<String> named(String name, Node declaration, Deque<Node> work) {
    if (SecurityNames.isSecurityName(name)) {
      return Optional.of("'" + name + "'");
    }
    Node scope = declaration.getParentNode()
        .filter(p -> p instanceof com.github.javaparser.ast.body.FieldDeclaration)
        .flatMap(p -> p.findAncestor(TypeDeclaration.class)).map(t -> (Node) t)
        .or(() -> declaration.findAncestor(CallableDeclaration.class).map(c -> (Node) c))
        .or(() -> declaration.findAncestor(LambdaExpr.class).map(l -> (Node) l))
        .or(() -> declaration.findAncestor(TypeDeclaration.class).map(t -> (Node) t))
        .orElse(null);
    if (scope == null) {
      return Optional.empty();
    }
    for (NameExpr use : scope.findAll(NameExpr.class)) {
      if (use.getNameAsString().equals(name) && !isAssignmentTarget(use)) {
        work.add(use);
      }
    }
    for (FieldAccessExpr use : scope.findAll(FieldAccessExpr.class)) {
      if (use.getNameAsString().equals(name) && use.getScope() instanceof ThisExpr
          && !isAssignmentTarget(use)) {
        work.add(use);
      }
    }
    return Optional.empty();
  }

  private static boolean isAssignmentTarget(Expression use) {
    return use.getParentNode().filter(p -> p instanceof AssignExpr a && a.getTarget() == use)
        .isPresent();
  }

  /** A returned value: the method's name may say secret; else follow its callers here. */
  private static Optional<String> returned(Node value, Deque<Node> work) {
    if (value.findAncestor(LambdaExpr.class)
        .filter(l -> value.findAncestor(MethodDeclaration.class)
            .map(m -> m.isAncestorOf(l)).orElse(true))
        .isPresent()) {
      return Optional.empty();
    }
    Optional<MethodDeclaration> method = value.findAncestor(MethodDeclaration.class);
    if (method.isEmpty()) {
      return Optional.empty();
    }
    String name = method.get().getNameAsString();
    if (SecurityNames.isSecurityName(name)) {
      return Optional.of("returned by " + name + "()");
    }
    method.get().findAncestor(TypeDeclaration.class).ifPresent(type -> {
      for (MethodCallExpr call : type.findAll(MethodCallExpr.class)) {
        if (call.getNameAsString().equals(name)
            && call.getScope().map(s -> s instanceof ThisExpr).orElse(true)) {
          work.add(call);
        }
      }
    });
    return Optional.empty();
  }

  /** The value is an argument of, or the receiver of, a call. */
  private static Optional<String> intoCall(Node value, MethodCallExpr call, FileContext file,
      Deque<Node> work) {
    String method = call.getNameAsString();
    boolean receiver = call.getScope().filter(s -> s == value).isPresent();
    if (receiver) {
      if (!DEAD_ENDS.contains(method)) {
        work.add(call);
      }
      return Optional.empty();
    }
    if (method.startsWith("set") && method.length() > 3
        && SecurityNames.isSecurityName(method.substring(3))) {
      return Optional.of(method + "(..)");
    }
    for (Expression argument : call.getArguments()) {
      if (argument != value) {
        Optional<String> key = file.constantString(argument);
        if (key.isPresent() && key.get().length() < 64 && SecurityNames.isSecurityName(key.get())) {
          return Optional.of("'" + key.get() + "'");
        }
      }
    }
    if (method.equals("addCookie")) {
      return Optional.of("a cookie sent to the client");
    }
    if (SecurityNames.isSecurityName(method) && !method.startsWith("get")) {
      return Optional.of("passed to " + method + "(..)");
    }
    if (DEAD_ENDS.contains(method)) {
      return Optional.empty();
    }
    if (INTO_RECEIVER.contains(method) && call.getScope().isPresent()) {
      Expression target = call.getScope().get();
      while (target instanceof MethodCallExpr chained
          && INTO_RECEIVER.contains(chained.getNameAsString()) && chained.getScope().isPresent()) {
        target = chained.getScope().get();
      }
      Optional<String> name = nameOf(target);
      if (name.isPresent() && target instanceof NameExpr n) {
        Optional<String> found = named(name.get(), file.declarationOf(n).orElse(call), work);
        if (found.isPresent()) {
          return found;
        }
      } else if (target instanceof ObjectCreationExpr) {
        work.add(target);
      }
    }
    work.add(call);
    return Optional.empty();
  }

  private static Optional<String> nameOf(Expression expression) {
    Expression e = FileContext.unwrap(expression);
    if (e instanceof NameExpr name) {
      return Optional.of(name.getNameAsString());
    }
    if (e instanceof FieldAccessExpr access) {
      return Optional.of(access.getNameAsString());
    }
    return Optional.empty();
  }
}
