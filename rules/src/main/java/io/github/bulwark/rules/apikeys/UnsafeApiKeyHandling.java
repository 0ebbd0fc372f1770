package io.github.bulwark.rules.apikeys;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
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
import io.github.bulwark.rules.mfa.CodeNames;
import io.github.bulwark.rules.ratelimit.Endpoints;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags API keys handled like ordinary strings: looked up or stored by their raw value
 * ({@code repo.findByApiKey(presented)}, {@code "... WHERE api_key = ?"} with no hashing in the
 * method), compared with {@code equals} (timing), or against one constant key shared by every
 * client; generated from {@code java.util.Random}, the clock, a counter or
 * {@code UUID.nameUUIDFromBytes}; and accepted from the query string
 * ({@code @RequestParam("api_key")}, {@code @QueryParam}, {@code request.getParameter}), where
 * proxies, logs and browser history keep it.
 *
 * <p>Keys hashed before the lookup ({@code findByKeyHash(sha256(key))}), {@code UUID.randomUUID()}
 * or {@code SecureRandom} keys, {@code MessageDigest.isEqual}, keys read from a header, and names
 * about a key rather than holding one ({@code API_KEY_HEADER}, {@code apiKeyParamName}) are fine.
 * Test code is skipped.
 */
@RuleInfo(
    id = "UnsafeApiKeyHandling",
    family = Family.APIKEYS,
    title = "API key stored raw, compared with equals, guessable or sent in the URL",
    cwe = {522, 208, 330, 598},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.MEDIUM,
    description = "An API key is a password that never expires: stored raw, one database leak "
        + "hands out every client's access; compared with equals, its bytes leak by timing; "
        + "drawn from Random or the clock, it is guessed; shared by all clients, it cannot be "
        + "revoked for one; in a URL, it lands in proxy and access logs.",
    fix = "Issue and check keys with ApiKeys: before `repo.findByApiKey(header)` after "
        + "`apiKeys.verify(header)` (ApiKeys stores only ApiKeys.digest(key) and compares in "
        + "constant time); issue keys with apiKeys.issue(\"live\") and read them from a header, "
        + "never the query string.",
    helper = "io.github.bulwark.runtime.ApiKeys")
public final class UnsafeApiKeyHandling implements NodeRule<Node> {

  private static final Set<String> ABOUT_WORDS = Set.of(
      "header", "name", "param", "parameter", "prefix", "length", "len", "field", "column",
      "type", "id", "ids", "hash", "hashed", "digest", "enabled", "required", "count", "expiry",
      "expires", "expiration", "created", "scope", "scopes", "label", "description", "location",
      "repository", "repo", "service", "store", "dao", "config", "property", "properties",
      "provider", "filter", "manager", "entity", "mask", "masked", "hint", "last", "pattern",
      "format", "path", "env", "var", "key2", "mapper", "resolver", "validator");
  private static final Set<String> EQUALS = Set.of("equals", "equalsIgnoreCase", "contentEquals");
  private static final Pattern LOOKUP = Pattern.compile(
      "(find|get|load|fetch|query|select|lookup|exists|read|retrieve|search)\\w*By\\w*");
  private static final Pattern SQL_KEY_COLUMN = Pattern.compile(
      "(?i).*\\bwhere\\b.*\\b(\\w+\\.)?(api_?key|access_?key|client_?key|key_?value|"
          + "api_?token|secret_?key)\\s*=\\s*(\\?|:\\w+|'?\\s*$).*");
  private static final Pattern HASHING = Pattern.compile(
      "(?i).*(hash|sha|digest|hmac|encode|encrypt|bcrypt|argon|checksum|fingerprint).*");
  private static final Set<String> QUERY_ANNOTATIONS = Set.of("RequestParam", "QueryParam");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, StringLiteralExpr.class, VariableDeclarator.class,
        AssignExpr.class, ReturnStmt.class, Parameter.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return;
    }
    if (node instanceof MethodCallExpr call) {
      checkCall(call, file, findings);
    } else if (node instanceof StringLiteralExpr literal) {
      checkSql(literal, findings);
    } else if (node instanceof VariableDeclarator variable) {
      variable.getInitializer().ifPresent(value ->
          checkGenerated(variable, variable.getNameAsString(), value, file, findings));
    } else if (node instanceof AssignExpr assign
        && assign.getOperator() == AssignExpr.Operator.ASSIGN) {
      Expression target = assign.getTarget();
      String name = target instanceof NameExpr n ? n.getNameAsString()
          : target instanceof FieldAccessExpr f ? f.getNameAsString() : null;
      if (name != null) {
        checkGenerated(assign, name, assign.getValue(), file, findings);
      }
    } else if (node instanceof ReturnStmt ret && ret.getExpression().isPresent()) {
      ret.findAncestor(MethodDeclaration.class)
          .filter(m -> Endpoints.words(m.getNameAsString()).stream()
              .anyMatch(w -> Set.of("generate", "create", "new", "issue", "make", "mint")
                  .contains(w)))
          .ifPresent(m -> checkGenerated(ret, m.getNameAsString()
                  .replaceFirst("^(generate|create|new|issue|make|mint)", ""),
              ret.getExpression().get(), file, findings));
    } else if (node instanceof Parameter parameter) {
      checkQueryParameter(parameter, file, findings);
    }
  }

  /** True for a name that holds an API key (not its header name, hash or id). */
  static boolean isKeyName(String name) {
    List<String> words = Endpoints.words(name);
    if (words.stream().anyMatch(ABOUT_WORDS::contains)) {
      return false;
    }
    String squashed = String.join("", words);
    return squashed.contains("apikey") || squashed.contains("apitoken")
        || squashed.contains("accesskey") && !squashed.contains("accesskeyid")
        || squashed.contains("clientkey") || squashed.contains("secretkey")
        && squashed.contains("api");
  }

  private void checkCall(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (EQUALS.contains(name) && call.getArguments().size() == 1 && call.getScope().isPresent()
        || name.equals("equals") && call.getArguments().size() == 2 && call.getScope()
            .map(ExpressionText::of).map(Set.of("Objects", "StringUtils")::contains)
            .orElse(false)) {
      Expression left = call.getArguments().size() == 2 ? call.getArgument(0) : call.getScope().get();
      Expression right = call.getArguments().size() == 2 ? call.getArgument(1) : call.getArgument(0);
      checkComparison(call, left, right, file, findings);
      return;
    }
    if (LOOKUP.matcher(name).matches() && call.getArguments().size() >= 1) {
      String by = name.substring(name.indexOf("By") + 2);
      if (isKeyName(by) || Endpoints.words(by).equals(List.of("key"))
          && call.getArguments().stream().anyMatch(a -> isKeyName(a.toString()))) {
        Expression argument = call.getArgument(0);
        if (!hashed(argument, file)) {
          findings.report(call, "the API key is looked up by its raw value with %s; the store "
              + "then holds every client's key in the clear", name);
        }
      }
      return;
    }
    if (name.equals("getParameter") && call.getArguments().size() == 1) {
      file.constantString(call.getArgument(0)).filter(UnsafeApiKeyHandling::isKeyName)
          .ifPresent(key -> findings.report(call, "the API key is read from request parameter "
              + "'%s', so it travels in the URL and lands in access logs and browser history",
              key));
      return;
    }
    if (name.equals("nameUUIDFromBytes") && isKeyTarget(call)) {
      findings.report(call, "the API key is UUID.nameUUIDFromBytes(..) of known input, which "
          + "anyone can recompute");
    }
  }

  private void checkComparison(MethodCallExpr call, Expression left, Expression right,
      FileContext file, Findings findings) {
    boolean leftKey = isKeyName(leaf(left));
    boolean rightKey = isKeyName(leaf(right));
    if (!leftKey && !rightKey) {
      return;
    }
    Expression other = leftKey ? right : left;
    Expression key = leftKey ? left : right;
    Optional<String> literal = file.constantString(other).or(() -> file.constantString(key));
    if (literal.isPresent()) {
      String value = literal.get();
      if (value.length() < 8 || value.matches("(?i)x-[a-z-]+|[a-z_]+") || value.contains(" ")) {
        return; // "", a header or parameter name, a mode word
      }
      findings.report(call, "every client presents the same constant API key, compared with %s; "
          + "it cannot be revoked for one client and leaks by timing", call.getNameAsString());
      return;
    }
    if (other.isNullLiteralExpr() || key.isNullLiteralExpr()) {
      return;
    }
    findings.report(call, "API key '%s' is compared with %s, which returns at the first "
        + "differing character and leaks the key by timing", leaf(key), call.getNameAsString());
  }

  private static String leaf(Expression expression) {
    Expression e = FileContext.unwrap(expression);
    if (e instanceof NameExpr n) {
      return n.getNameAsString();
    }
    if (e instanceof FieldAccessExpr f) {
      return f.getNameAsString();
    }
    if (e instanceof MethodCallExpr c && c.getArguments().isEmpty()) {
      if (Set.of("trim", "toString", "strip", "get", "orElse").contains(c.getNameAsString())) {
        return c.getScope().map(UnsafeApiKeyHandling::leaf).orElse("");
      }
      return c.getNameAsString().replaceFirst("^get", "");
    }
    if (e instanceof MethodCallExpr c && c.getNameAsString().equals("getHeader")) {
      return "header";
    }
    return "";
  }

  private static boolean hashed(Expression argument, FileContext file) {
    Expression e = FileContext.unwrap(argument);
    if (HASHING.matcher(e.toString()).matches()) {
      return true;
    }
    if (e instanceof NameExpr name) {
      return file.initializerOf(name).map(v -> HASHING.matcher(v.toString()).matches())
          .orElse(false);
    }
    return false;
  }

  /** A SQL or JPQL text selecting a key row by the presented key, in a method that never hashes. */
  private void checkSql(StringLiteralExpr literal, Findings findings) {
    String text = literal.getValue();
    if (!SQL_KEY_COLUMN.matcher(text).matches() || HASHING.matcher(text.replaceAll(
        "(?i)^.*\\bwhere\\b", "")).matches()) {
      return;
    }
    Optional<CallableDeclaration> method = literal.findAncestor(CallableDeclaration.class);
    if (method.isPresent() && method.get().findAll(MethodCallExpr.class).stream()
        .anyMatch(c -> HASHING.matcher(((MethodCallExpr) c).getNameAsString()).matches())) {
      return;
    }
    findings.report(literal, "the query selects the API key row by the key's raw value; the "
        + "table then holds every client's key in the clear");
  }

  /** A new key drawn from Random, the clock or a counter. */
  private void checkGenerated(Node target, String name, Expression value, FileContext file,
      Findings findings) {
    if (!isKeyName(name)) {
      return;
    }
    Optional<String> weak = CodeNames.weakGeneratorIn(value, file);
    if (weak.isEmpty()) {
      for (MethodCallExpr call : value.findAll(MethodCallExpr.class)) {
        String n = call.getNameAsString();
        if (n.equals("currentTimeMillis") || n.equals("nanoTime")
            || n.equals("now") && call.getScope().map(s -> ExpressionText.of(s).matches(
                "Instant|LocalDateTime|System")).orElse(false)) {
          weak = Optional.of("the clock");
        } else if (Set.of("incrementAndGet", "getAndIncrement", "hashCode").contains(n)) {
          weak = Optional.of(n.equals("hashCode") ? "hashCode()" : "a counter");
        }
      }
      if (value.findAll(UnaryExpr.class).stream().anyMatch(u -> u.getOperator().isPostfix()
          || u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT)) {
        weak = Optional.of("a counter");
      }
    }
    if (value.findAll(MethodCallExpr.class).stream()
        .anyMatch(c -> c.getNameAsString().equals("nameUUIDFromBytes"))) {
      return; // reported at the call
    }
    weak.ifPresent(source -> findings.report(target, "API key '%s' is made from %s, so it can "
        + "be guessed", name, source));
  }

  private static boolean isKeyTarget(Node node) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof VariableDeclarator v) {
        return isKeyName(v.getNameAsString());
      }
      if (n instanceof AssignExpr a) {
        return isKeyName(a.getTarget().toString().replaceAll(".*\\.", ""));
      }
      if (n instanceof MethodDeclaration m) {
        return isKeyName(m.getNameAsString().replaceFirst("^(generate|create|new|issue)", ""));
      }
    }
    return false;
  }

  private void checkQueryParameter(Parameter parameter, FileContext file, Findings findings) {
    for (AnnotationExpr annotation : parameter.getAnnotations()) {
      if (!QUERY_ANNOTATIONS.contains(annotation.getName().getIdentifier())) {
        continue;
      }
      String bound = parameter.getNameAsString();
      if (annotation instanceof SingleMemberAnnotationExpr single) {
        bound = file.constantString(single.getMemberValue()).orElse(bound);
      } else if (annotation instanceof NormalAnnotationExpr normal) {
        for (MemberValuePair pair : normal.getPairs()) {
          if (pair.getNameAsString().equals("value") || pair.getNameAsString().equals("name")) {
            bound = file.constantString(pair.getValue()).orElse(bound);
          }
        }
      }
      if (isKeyName(bound) || isKeyName(bound.toLowerCase(Locale.ROOT).replace("-", "_"))) {
        findings.report(parameter, "the API key is taken from query parameter '%s', so it "
            + "travels in the URL and lands in access logs, proxies and browser history", bound);
      }
    }
  }
}
