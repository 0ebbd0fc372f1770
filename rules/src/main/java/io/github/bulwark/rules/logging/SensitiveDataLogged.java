package io.github.bulwark.rules.logging;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.CallShapes;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags passwords, tokens, secrets, API keys, {@code Authorization} headers, session ids and card
 * numbers written to a log (SLF4J, Log4j 2, JUL, commons-logging) or to the console: directly, by
 * concatenation, as a format parameter, or as an object of this file whose {@code toString()}
 * includes such a field. Masked, hashed and measured values ({@code mask(token)},
 * {@code password.length()}) and header <em>names</em> are not secrets.
 */
@RuleInfo(
    id = "SensitiveDataLogged",
    family = Family.LOGGING,
    title = "Secret written to a log",
    cwe = {532},
    owasp = OwaspCategory.A09_SECURITY_LOGGING_MONITORING_FAILURES,
    severity = Severity.HIGH,
    confidence = Confidence.MEDIUM,
    description = "Logs are copied to files, aggregators, support tickets and backups, and are "
        + "read by far more people than the credential store. A password, token, session id or "
        + "card number in a log line can be replayed by anyone who can read the log.",
    fix = "Log who and what, never the secret: SecurityLog masks secrets it is given "
        + "(SecurityLog.loginFailure(user, reason)); for other lines log SecurityLog.mask(token) "
        + "or a hash of it.",
    helper = "io.github.bulwark.runtime.SecurityLog")
public final class SensitiveDataLogged implements NodeRule<MethodCallExpr> {

  /** Functions of a secret that are not the secret: masks, hashes, measures, questions. */
  private static final Pattern SAFE_FUNCTION = Pattern.compile(
      "(?i).*(mask|redact|obfuscat|anonymi|sanitiz|hash|digest|sha\\d*|md5|hmac|encrypt"
          + "|encode(?!ToString)|fingerprint|truncat|abbreviat|last4|lastfour|first4|prefix"
          + "|suffix|preview|hint|length|size|count).*");
  /** Lexers and tokenizers: {@code st.nextToken()} is a word of text, not a credential. */
  private static final Pattern TOKENIZER = Pattern.compile("(next|peek|skip|hasMore|count)\\w*");
  /** Methods on a secret whose result is still the secret. */
  private static final Set<String> PRESERVING = Set.of("toString", "trim", "strip",
      "toLowerCase", "toUpperCase", "get", "orElse", "orElseThrow", "getValue", "value",
      "intern", "toCharArray", "getBytes", "concat", "getCredentials", "getPassword");
  /** Static helpers whose result carries their arguments' text. */
  private static final Set<String> TEXT_BUILDERS = Set.of("format", "formatted", "valueOf",
      "toString", "join", "append", "encodeToString", "of", "asList", "copyValueOf", "concat",
      "writeValueAsString", "toJson");
  private static final Set<String> LOOKUPS = Set.of("getHeader", "getFirst", "getHeaderString",
      "header", "getParameter", "getRequestHeader", "getHeaderValue", "getAttribute",
      "getQueryParameter", "getCookie", "getHeaders", "get", "getProperty", "getenv");
  private static final Set<String> SENSITIVE_HEADERS =
      Set.of("cookie", "set-cookie", "proxy-authorization", "x-api-key", "api-key");
  private static final Set<String> NOT_SECRET_TYPES = Set.of("boolean", "Boolean", "int",
      "Integer", "long", "Long", "short", "double", "Double", "float", "byte", "Duration",
      "Instant", "LocalDateTime", "LocalDate", "ZonedDateTime", "OffsetDateTime", "Date",
      "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.time.Duration",
      "java.time.Instant", "java.util.Date", "AtomicInteger", "AtomicLong");

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    boolean logging = LogCalls.isLogCall(call, file);
    boolean printing = CallShapes.isPrintCall(call)
        && !call.getNameAsString().equals("printStackTrace");
    if (!logging && !printing) {
      return;
    }
    if (call.getScope().map(s -> ExpressionText.of(s).endsWith("SecurityLog")).orElse(false)) {
      return; // the audit logger masks what it is given
    }
    List<Expression> arguments = new ArrayList<>(call.getArguments());
    // Fluent loggers: log.atInfo().addArgument(token).addKeyValue("k", v).log("..")
    for (Expression scope = call.getScope().orElse(null); scope instanceof MethodCallExpr chained;
        scope = chained.getScope().orElse(null)) {
      if (chained.getNameAsString().matches("addArgument|addKeyValue|kv|with")) {
        arguments.addAll(chained.getArguments());
      }
    }
    for (Expression argument : arguments) {
      Optional<Secret> secret = secretIn(argument, file, 0);
      if (secret.isPresent()) {
        findings.report(secret.get().node(), "%s is written to the %s: anyone who reads it can "
            + "reuse it", secret.get().what(), logging ? "log" : "console");
        return;
      }
    }
  }

  private record Secret(Node node, String what) {}

  private static Optional<Secret> secretIn(Expression expression, FileContext file, int depth) {
    Expression e = FileContext.unwrap(expression);
    if (depth > 5) {
      return Optional.empty();
    }
    if (e instanceof BinaryExpr binary) {
      if (binary.getOperator() != BinaryExpr.Operator.PLUS) {
        return Optional.empty(); // comparisons and arithmetic yield no secret text
      }
      return secretIn(binary.getLeft(), file, depth + 1)
          .or(() -> secretIn(binary.getRight(), file, depth + 1));
    }
    if (e instanceof ConditionalExpr conditional) {
      return secretIn(conditional.getThenExpr(), file, depth + 1)
          .or(() -> secretIn(conditional.getElseExpr(), file, depth + 1));
    }
    if (e instanceof CastExpr cast) {
      return secretIn(cast.getExpression(), file, depth + 1);
    }
    if (e instanceof LambdaExpr lambda && lambda.getBody() instanceof ExpressionStmt body) {
      return secretIn(body.getExpression(), file, depth + 1); // log.debug(() -> "t=" + token)
    }
    if (e instanceof ArrayCreationExpr array) {
      return array.getInitializer().flatMap(init -> secretIn(init, file, depth + 1));
    }
    if (e instanceof ArrayInitializerExpr values) {
      for (Expression value : values.getValues()) {
        Optional<Secret> found = secretIn(value, file, depth + 1);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (e instanceof NameExpr name) {
      return secretName(name, file, depth);
    }
    if (e instanceof FieldAccessExpr access) {
      String field = access.getNameAsString();
      if (field.equals(field.toUpperCase(Locale.ROOT))) {
        return Optional.empty(); // a constant such as HttpHeaders.AUTHORIZATION names a header
      }
      if (SecretNames.holdsSecret(field) && !notSecretType(access, file)) {
        return Optional.of(new Secret(access, "'" + access + "'"));
      }
      return Optional.empty();
    }
    if (e instanceof MethodCallExpr call) {
      return secretCall(call, file, depth);
    }
    if (e instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      if (type.equals("String") || type.startsWith("StringBuilder")
          || type.equals("StringBuffer")) {
        for (Expression argument : creation.getArguments()) {
          Optional<Secret> found = secretIn(argument, file, depth + 1);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Secret> secretName(NameExpr name, FileContext file, int depth) {
    if (file.constantString(name).isPresent()) {
      return Optional.empty(); // a literal, such as a header name
    }
    Optional<Node> declaration = file.declarationOf(name);
    if (SecretNames.holdsSecret(name.getNameAsString())) {
      if (notSecretType(name, file)) {
        return Optional.empty();
      }
      return Optional.of(new Secret(name, "'" + name + "'"));
    }
    Optional<String> type = file.declaredType(name);
    if (type.isPresent()) {
      Optional<String> field = secretFieldShownBy(type.get(), name, file);
      if (field.isPresent()) {
        return Optional.of(new Secret(name,
            "'" + name + "' (its toString() includes " + field.get() + ")"));
      }
    }
    // String line = "token=" + token; log.info(line);
    if (declaration.isPresent() && declaration.get() instanceof VariableDeclarator variable
        && variable.getInitializer().isPresent()
        && variable.findAncestor(MethodDeclaration.class).isPresent()) {
      Optional<Secret> inner = secretIn(variable.getInitializer().get(), file, depth + 1);
      if (inner.isPresent()) {
        return Optional.of(new Secret(name, "'" + name + "' (built from " + inner.get().what()
            + ")"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Secret> secretCall(MethodCallExpr call, FileContext file, int depth) {
    String name = call.getNameAsString();
    if (SAFE_FUNCTION.matcher(name).matches() || TOKENIZER.matcher(name).matches()) {
      return Optional.empty();
    }
    Optional<Expression> scope = call.getScope();
    // request.getHeader("Authorization"), headers.getFirst(HttpHeaders.AUTHORIZATION)
    if (LOOKUPS.contains(name) && call.getArguments().size() == 1) {
      Expression key = call.getArgument(0);
      String keyText = file.constantString(key).orElse(
          key instanceof FieldAccessExpr access ? access.getNameAsString()
              : key instanceof NameExpr keyName ? keyName.getNameAsString() : "");
      if (!keyText.isEmpty() && (SENSITIVE_HEADERS.contains(keyText.toLowerCase(Locale.ROOT))
          || SecretNames.holdsSecret(keyText))) {
        return Optional.of(new Secret(call, "'" + call + "'"));
      }
    }
    // session.getId(), request.getSession().getId()
    if (name.equals("getId") && scope.map(s -> s.toString().toLowerCase(Locale.ROOT)
        .contains("session")).orElse(false)) {
      return Optional.of(new Secret(call, "the session id '" + call + "'"));
    }
    if (scope.isPresent() && PRESERVING.contains(name)) {
      Optional<Secret> inner = secretIn(scope.get(), file, depth + 1);
      if (inner.isPresent()) {
        return inner;
      }
    }
    if (call.getArguments().isEmpty() && SecretNames.holdsSecret(name)) {
      return Optional.of(new Secret(call, "'" + call + "'")); // user.getPassword(), creds.token()
    }
    if (TEXT_BUILDERS.contains(name)) {
      for (Expression argument : call.getArguments()) {
        Optional<Secret> found = secretIn(argument, file, depth + 1);
        if (found.isPresent()) {
          return found;
        }
      }
      if (name.equals("append") || name.equals("toString")) {
        return scope.flatMap(s -> secretIn(s, file, depth + 1));
      }
    }
    return Optional.empty();
  }

  /** True when the file shows the value is a flag, a number or a time, not secret text. */
  private static boolean notSecretType(Expression expression, FileContext file) {
    Expression e = expression;
    if (e instanceof FieldAccessExpr access && !(access.getScope() instanceof ThisExpr)) {
      return false;
    }
    return file.declaredType(e).map(type -> NOT_SECRET_TYPES.contains(type)
        || NOT_SECRET_TYPES.contains(type.substring(type.lastIndexOf('.') + 1))).orElse(false);
  }

  /**
   * The secret field that {@code type}'s {@code toString()} shows, when the type is declared in
   * this file: a record (its generated toString lists every component), a Lombok
   * {@code @Data}/{@code @ToString}/{@code @Value} class without {@code @ToString.Exclude} on the
   * field, or a hand-written toString that mentions the field.
   */
  static Optional<String> secretFieldShownBy(String type, Node anchor, FileContext file) {
    String simple = type.substring(type.lastIndexOf('.') + 1);
    for (TypeDeclaration<?> declaration : file.typesNamed(simple)) {
      Optional<MethodDeclaration> toString = declaration.getMethods().stream()
          .filter(m -> m.getNameAsString().equals("toString") && m.getParameters().isEmpty())
          .findFirst();
      List<String> secrets = new ArrayList<>();
      List<String> excluded = new ArrayList<>();
      if (declaration instanceof RecordDeclaration record) {
        for (Parameter component : record.getParameters()) {
          if (SecretNames.holdsSecret(component.getNameAsString())) {
            secrets.add(component.getNameAsString());
          }
        }
      }
      for (BodyDeclaration<?> member : declaration.getMembers()) {
        if (member instanceof FieldDeclaration field && !field.isStatic()) {
          boolean exclude = field.getAnnotations().stream()
              .anyMatch(a -> a.getNameAsString().endsWith("Exclude")
                  || a.getNameAsString().equals("JsonIgnore"));
          for (VariableDeclarator variable : field.getVariables()) {
            if (SecretNames.holdsSecret(variable.getNameAsString())) {
              (exclude ? excluded : secrets).add(variable.getNameAsString());
            }
          }
        }
      }
      if (secrets.isEmpty()) {
        return Optional.empty();
      }
      if (toString.isPresent()) {
        String body = toString.get().getBody().map(Object::toString).orElse("");
        if (body.contains("reflectionToString") || body.contains("ReflectionToStringBuilder")) {
          return Optional.of(secrets.get(0));
        }
        for (String secret : secrets) {
          if (toString.get().findAll(NameExpr.class).stream()
                  .anyMatch(n -> n.getNameAsString().equals(secret))
              || toString.get().findAll(FieldAccessExpr.class).stream()
                  .anyMatch(f -> f.getNameAsString().equals(secret))) {
            return Optional.of(secret);
          }
        }
        return Optional.empty();
      }
      if (declaration instanceof RecordDeclaration) {
        return Optional.of(secrets.get(0));
      }
      boolean lombokToString = declaration instanceof ClassOrInterfaceDeclaration
          && declaration.getAnnotations().stream().anyMatch(a ->
              a.getNameAsString().matches("(lombok\\.)?(Data|ToString|Value)")
                  && !a.toString().contains("onlyExplicitlyIncluded"));
      return lombokToString ? Optional.of(secrets.get(0)) : Optional.empty();
    }
    return Optional.empty();
  }
}
