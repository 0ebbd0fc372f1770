package io.github.bulwark.rules.mfa;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.CallShapes;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.rules.ratelimit.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags one-time codes (TOTP/HOTP, SMS and e-mail codes) that are easier to guess or reuse than
 * they look: compared with {@code equals} (timing); checked over a window wider than one time
 * step either side (a hand-written {@code -N..N} loop, GoogleAuthenticator
 * {@code setWindowSize(N > 3)}, {@code setAllowedTimePeriodDiscrepancy(N > 1)}); a hand-written
 * TOTP check that keeps no record of the last accepted step, so the same code works twice; codes
 * or TOTP secrets drawn from {@code java.util.Random}/{@code Math.random()}; codes of fewer than 6
 * digits ({@code nextInt(10000)}, {@code % 10000}, {@code "%04d"}); TOTP secrets written into
 * the source or written to a log.
 *
 * <p>Names decide what a code is ({@link CodeNames}): {@code statusCode} and {@code countryCode}
 * are not codes. {@code MessageDigest.isEqual} and the runtime {@code Totp.verify} are the fixes,
 * never findings. Test code is skipped.
 */
@RuleInfo(
    id = "WeakOneTimeCode",
    family = Family.MFA,
    title = "One-time code that can be guessed, timed or replayed",
    cwe = {308, 208, 330},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.MEDIUM,
    description = "A second factor is only as strong as its code: equals() leaks how many digits "
        + "were right, a wide window multiplies the valid codes, a code accepted twice can be "
        + "replayed from a phishing page, a 4-digit or Random-drawn code is guessed, and a "
        + "hardcoded or logged TOTP secret lets anyone mint codes.",
    fix = "Use Totp (RFC 6238, ±1 step, replay protection, constant-time check): before "
        + "`if (code.equals(totp.generate(secret)))` after `if (totp.verify(user, secret, "
        + "code))` (Totp.defaults(): one step either side, replay refused, constant time); draw secrets and codes from SecureRandom and "
        + "keep secrets in a secret store.",
    helper = "io.github.bulwark.runtime.Totp")
public final class WeakOneTimeCode implements NodeRule<Node> {

  private static final Pattern GENERATOR_PREFIX = Pattern.compile("^(generate|create|new|make|get)");

  private static final Set<String> EQUALS = Set.of("equals", "equalsIgnoreCase", "contentEquals");
  private static final Set<String> STATIC_EQUALS = Set.of("Objects", "StringUtils", "Arrays");
  private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]{16,}=*");
  private static final Pattern FORMAT_WIDTH = Pattern.compile("%0(\\d)d");
  /** State that stops a code being used twice. */
  private static final Pattern REPLAY_STATE = Pattern.compile(
      "(?i).*(lastused|lastverified|lastaccepted|laststep|lastcounter|lasttimestep|usedcode|"
          + "usedstep|usedtoken|replay|consumed|markused|seen|lastlogin\\w*step|"
          + "invalidate|deletecode|removecode).*");
  private static final Pattern CLOCK = Pattern.compile(
      "(?s).*(currentTimeMillis|Instant\\.now|getEpochSecond|nanoTime|Clock|epochSecond).*");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ForStmt.class, VariableDeclarator.class,
        AssignExpr.class, ReturnStmt.class, MethodDeclaration.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return;
    }
    if (node instanceof MethodCallExpr call) {
      checkCall(call, file, findings);
    } else if (node instanceof ForStmt loop) {
      checkWindowLoop(loop, file, findings);
    } else if (node instanceof VariableDeclarator variable) {
      checkHardcodedSecret(variable, file, findings);
      variable.getInitializer().ifPresent(value ->
          checkGenerated(variable, variable.getNameAsString(), value, file, findings));
    } else if (node instanceof AssignExpr assign && assign.getOperator() == AssignExpr.Operator.ASSIGN) {
      targetName(assign.getTarget()).ifPresent(name ->
          checkGenerated(assign, name, assign.getValue(), file, findings));
    } else if (node instanceof ReturnStmt ret && ret.getExpression().isPresent()) {
      ret.findAncestor(MethodDeclaration.class).ifPresent(method -> {
        String name = GENERATOR_PREFIX.matcher(method.getNameAsString()).replaceFirst("");
        if (!name.isEmpty()) {
          checkGenerated(ret, name, ret.getExpression().get(), file, findings);
        }
      });
    } else if (node instanceof MethodDeclaration method) {
      checkReplay(method, findings);
    }
  }

  private void checkCall(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (EQUALS.contains(name) || name.equals("equals") && call.getArguments().size() == 2) {
      checkComparison(call, file, findings);
    } else if (name.equals("setWindowSize") && call.getArguments().size() == 1) {
      file.constantValue(call.getArgument(0)).filter(Number.class::isInstance)
          .map(v -> ((Number) v).intValue()).filter(n -> n > 3)
          .ifPresent(n -> findings.report(call.getName(), "window size %d accepts codes from %d time steps "
              + "either side; more than ±1 step multiplies the codes an attacker can hit", n,
              (n - 1) / 2));
    } else if (name.equals("setAllowedTimePeriodDiscrepancy") && call.getArguments().size() == 1) {
      file.constantValue(call.getArgument(0)).filter(Number.class::isInstance)
          .map(v -> ((Number) v).intValue()).filter(n -> n > 1)
          .ifPresent(n -> findings.report(call.getName(), "codes are accepted %d time steps either side; "
              + "more than ±1 step multiplies the codes an attacker can hit", n));
    } else if (name.equals("nextBytes") && call.getArguments().size() == 1
        && call.getArgument(0) instanceof NameExpr buffer
        && CodeNames.isOtpSecretName(buffer.getNameAsString(), call)) {
      CodeNames.weakGenerator(call, file).ifPresent(weak -> findings.report(call,
          "TOTP secret '%s' is filled by %s, whose output can be predicted", buffer, weak));
    } else if (CallShapes.isLoggingCall(call) || CallShapes.isPrintCall(call)) {
      for (Expression argument : call.getArguments()) {
        for (NameExpr used : argument.findAll(NameExpr.class)) {
          String id = used.getNameAsString();
          if (CodeNames.isOtpSecretName(id, call) && !id.equals(id.toUpperCase(Locale.ROOT))) {
            findings.report(call, "TOTP secret '%s' is written to the log, where anyone who "
                + "reads logs can mint valid codes", id);
            return;
          }
        }
      }
    }
  }

  private void checkComparison(MethodCallExpr call, FileContext file, Findings findings) {
    Expression left;
    Expression right;
    if (call.getArguments().size() == 2) {
      if (!call.getScope().map(s -> STATIC_EQUALS.contains(ExpressionText.of(s))).orElse(false)) {
        return;
      }
      left = call.getArgument(0);
      right = call.getArgument(1);
    } else if (call.getArguments().size() == 1 && call.getScope().isPresent()) {
      left = call.getScope().get();
      right = call.getArgument(0);
    } else {
      return;
    }
    if (constant(left, file) || constant(right, file)) {
      return;
    }
    Optional<String> code = codeName(left, call).or(() -> codeName(right, call));
    if (code.isEmpty() || aboutReplay(left) || aboutReplay(right)) {
      return;
    }
    findings.report(call, "one-time code %s is compared with %s, which returns at the first "
        + "differing character and leaks timing", code.get(), call.getNameAsString());
  }

  private static Optional<String> codeName(Expression side, Node where) {
    Expression e = FileContext.unwrap(side);
    String name = null;
    if (e instanceof NameExpr n) {
      name = n.getNameAsString();
    } else if (e instanceof FieldAccessExpr access) {
      name = access.getNameAsString();
    } else if (e instanceof MethodCallExpr call && call.getArguments().isEmpty()) {
      if (call.getNameAsString().equals("trim") || call.getNameAsString().equals("toString")) {
        return call.getScope().flatMap(s -> codeName(s, where));
      }
      name = call.getNameAsString().replaceFirst("^get", "");
    } else if (e instanceof MethodCallExpr call) {
      // totp.generate(secret), generateCode(step): a computed code
      String method = call.getNameAsString();
      List<String> words = Endpoints.words(method);
      if ((words.contains("generate") || words.contains("compute") || words.contains("calculate"))
          && (CodeNames.isCodeName(method.replaceFirst("^(generate|compute|calculate)", ""), call)
              || CodeNames.inOtpContext(call))) {
        return Optional.of(call.toString().length() > 40 ? method + "(..)" : call.toString());
      }
    }
    if (name != null && CodeNames.isCodeName(name, where)) {
      return Optional.of("'" + name + "'");
    }
    return Optional.empty();
  }

  private static boolean aboutReplay(Expression side) {
    List<String> words = Endpoints.words(side.toString());
    return words.contains("last") || words.contains("used") || words.contains("previous");
  }

  private static boolean constant(Expression expression, FileContext file) {
    Expression e = FileContext.unwrap(expression);
    return e.isNullLiteralExpr() || file.constantValue(e).isPresent()
        || e instanceof NameExpr n && n.getNameAsString().matches("[A-Z][A-Z0-9_]+");
  }

  /** {@code for (int i = -N; i <= N; i++)} around a code computed for {@code step + i}. */
  private void checkWindowLoop(ForStmt loop, FileContext file, Findings findings) {
    if (loop.getInitialization().size() != 1
        || !(loop.getInitialization().get(0) instanceof VariableDeclarationExpr init)
        || init.getVariables().size() != 1 || loop.getCompare().isEmpty()) {
      return;
    }
    VariableDeclarator variable = init.getVariable(0);
    String index = variable.getNameAsString();
    Optional<Integer> below = variable.getInitializer().flatMap(value -> {
      Expression v = FileContext.unwrap(value);
      if (v instanceof UnaryExpr unary && unary.getOperator() == UnaryExpr.Operator.MINUS) {
        return intValue(unary.getExpression(), file);
      }
      if (v instanceof BinaryExpr minus && minus.getOperator() == BinaryExpr.Operator.MINUS) {
        return intValue(minus.getRight(), file);
      }
      return Optional.empty();
    });
    if (below.isEmpty() || !(loop.getCompare().get() instanceof BinaryExpr compare)) {
      return;
    }
    Expression bound = FileContext.unwrap(compare.getRight());
    if (bound instanceof BinaryExpr plus && plus.getOperator() == BinaryExpr.Operator.PLUS) {
      bound = plus.getRight();
    }
    Optional<Integer> above = intValue(bound, file);
    if (above.isEmpty()) {
      return;
    }
    int upper = compare.getOperator() == BinaryExpr.Operator.LESS ? above.get() - 1 : above.get();
    int steps = Math.max(below.get(), upper);
    boolean usesStep = loop.getBody().findAll(BinaryExpr.class).stream()
        .anyMatch(b -> (b.getOperator() == BinaryExpr.Operator.PLUS
            || b.getOperator() == BinaryExpr.Operator.MINUS)
            && b.findAll(NameExpr.class).stream().anyMatch(n -> n.getNameAsString().equals(index)));
    boolean otp = CodeNames.inOtpContext(loop) || loop.findAncestor(MethodDeclaration.class)
        .map(m -> m.getParameters().stream()
            .anyMatch(p -> CodeNames.isCodeName(p.getNameAsString(), loop))).orElse(false);
    if (steps > 1 && usesStep && otp) {
      findings.report(loop, "codes are accepted from %d time steps either side; more than ±1 "
          + "step multiplies the codes an attacker can hit and how long a stolen one works",
          steps);
    }
  }

  private static Optional<Integer> intValue(Expression expression, FileContext file) {
    return file.constantValue(expression).filter(Number.class::isInstance)
        .map(v -> ((Number) v).intValue());
  }

  /** A code or secret assigned from a predictable generator, or too short to resist guessing. */
  private void checkGenerated(Node target, String name, Expression value, FileContext file,
      Findings findings) {
    boolean code = CodeNames.isCodeName(name, target);
    boolean secret = !code && CodeNames.isOtpSecretName(name, target);
    if (!code && !secret) {
      return;
    }
    List<String> reasons = new ArrayList<>();
    List<Node> sources = new ArrayList<>();
    sources.add(value);
    // int n = random.nextInt(1000000); String code = String.valueOf(n);
    for (NameExpr local : value.findAll(NameExpr.class)) {
      if (!CodeNames.isCodeName(local.getNameAsString(), target)) {
        file.initializerOf(local).ifPresent(sources::add);
      }
    }
    for (Node source : sources) {
      CodeNames.weakGeneratorIn(source, file).ifPresent(weak -> {
        if (reasons.isEmpty()) {
          reasons.add("drawn from " + weak + ", whose output can be predicted");
        }
      });
    }
    if (code) {
      for (Node source : sources) {
        shortDigits(source, file).ifPresent(digits -> {
          if (reasons.stream().noneMatch(r -> r.contains("digits"))) {
            reasons.add("only " + digits + " digits long");
          }
        });
      }
    }
    if (!reasons.isEmpty()) {
      findings.report(target, "%s '%s' is %s", code ? "one-time code" : "TOTP secret", name,
          String.join(" and ", reasons));
    }
  }

  /** The digits of a code whose range the expression fixes below 6 digits. */
  private static Optional<Integer> shortDigits(Node expression, FileContext file) {
    for (MethodCallExpr call : expression.findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      if ((name.equals("nextInt") || name.equals("nextLong")) && call.getArguments().size() >= 1) {
        Optional<Integer> digits = rangeDigits(call.getArguments().getLast().get(), file);
        if (digits.isPresent()) {
          return digits;
        }
      }
      if ((name.equals("randomNumeric") || name.equals("randomNumber"))
          && call.getArguments().size() == 1) {
        Optional<Integer> length = intValue(call.getArgument(0), file).filter(n -> n < 6);
        if (length.isPresent()) {
          return length;
        }
      }
      if (name.equals("format") && !call.getArguments().isEmpty()) {
        Optional<String> pattern = file.constantString(call.getArgument(0));
        if (pattern.isPresent()) {
          Matcher width = FORMAT_WIDTH.matcher(pattern.get());
          if (width.find() && Integer.parseInt(width.group(1)) < 6) {
            return Optional.of(Integer.parseInt(width.group(1)));
          }
        }
      }
    }
    for (BinaryExpr remainder : expression.findAll(BinaryExpr.class)) {
      if (remainder.getOperator() == BinaryExpr.Operator.REMAINDER) {
        Optional<Integer> digits = rangeDigits(remainder.getRight(), file);
        if (digits.isPresent()) {
          return digits;
        }
      }
    }
    return Optional.empty();
  }

  /** Digits of the largest value below a bound of 1 000 to 100 000 ({@code 10000} gives 4). */
  private static Optional<Integer> rangeDigits(Expression bound, FileContext file) {
    return file.constantValue(bound).filter(Number.class::isInstance)
        .map(v -> ((Number) v).longValue())
        .filter(n -> n >= 1000 && n < 100_000)
        .map(n -> Long.toString(n - 1).length());
  }

  private void checkHardcodedSecret(VariableDeclarator variable, FileContext file,
      Findings findings) {
    if (!CodeNames.isOtpSecretName(variable.getNameAsString(), variable)
        || variable.getInitializer().isEmpty()) {
      return;
    }
    file.constantString(variable.getInitializer().get())
        .filter(value -> BASE32.matcher(value.replace(" ", "")).matches())
        .ifPresent(value -> findings.report(variable, "TOTP secret '%s' is written into the "
            + "source; anyone with the code can mint valid one-time codes",
            variable.getNameAsString()));
  }

  /** A hand-written TOTP check that keeps no record of the step it accepted. */
  private void checkReplay(MethodDeclaration method, Findings findings) {
    List<String> words = Endpoints.words(method.getNameAsString());
    if (method.getBody().isEmpty() || !method.getType().asString().equals("boolean")
        || words.isEmpty() || !Set.of("verify", "validate", "check", "is").contains(words.get(0))
        || method.getParameters().stream()
            .noneMatch(p -> CodeNames.isCodeName(p.getNameAsString(), method))) {
      return;
    }
    String body = method.getBody().get().toString();
    boolean timeBased = CLOCK.matcher(body).matches() || method.getBody().get()
        .findAll(MethodCallExpr.class).stream().anyMatch(c -> Endpoints.words(c.getNameAsString())
            .stream().anyMatch(w -> w.equals("step") || w.equals("counter") || w.equals("window")));
    boolean comparesCode = method.findAll(MethodCallExpr.class).stream()
        .anyMatch(c -> EQUALS.contains(c.getNameAsString()) || c.getNameAsString().equals("isEqual"))
        || method.findAll(BinaryExpr.class).stream()
            .anyMatch(b -> b.getOperator() == BinaryExpr.Operator.EQUALS);
    Optional<ClassOrInterfaceDeclaration> type = method.findAncestor(ClassOrInterfaceDeclaration.class);
    if (!timeBased || !comparesCode || type.isEmpty() || !CodeNames.inOtpContext(method)) {
      return;
    }
    String typeText = type.get().toString().replace("\n", " ");
    if (REPLAY_STATE.matcher(typeText).matches()) {
      return;
    }
    findings.report(method.getName(), "%s accepts a valid code any number of times within its "
        + "window; nothing records the last accepted time step, so an intercepted code can be "
        + "replayed", method.getNameAsString());
  }

  private static Optional<String> targetName(Expression target) {
    if (target instanceof NameExpr name) {
      return Optional.of(name.getNameAsString());
    }
    if (target instanceof FieldAccessExpr access) {
      return Optional.of(access.getNameAsString());
    }
    return Optional.empty();
  }
}
