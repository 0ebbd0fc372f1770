package io.github.bulwark.rules.crypto;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
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
import io.github.bulwark.rules.passwords.PasswordValues;
import io.github.bulwark.rules.passwords.PlaintextPasswordComparison;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Flags secrets checked with an early-exit comparison: {@code equals},
 * {@code equalsIgnoreCase}, {@code contentEquals}, {@code compareTo}, {@code Arrays.equals},
 * {@code Objects.equals} or {@code StringUtils.equals}, where one side is named like (or computed
 * by something named like) a MAC, HMAC, signature, token, API key, secret, OTP or verification
 * code, CSRF token, or a hash/digest of a secret.
 *
 * <p>Scope: a side that is a constant ({@code "Bearer".equals(scheme)},
 * {@code tokenType.equals("refresh")}) or null is not a timing risk; names about a secret rather
 * than holding one ({@code tokenType}, {@code signatureAlgorithm}, {@code TOKEN_HEADER}) are not
 * secrets; lexer and parser tokens (files that tokenize text) are not credentials; comparisons
 * inside {@code equals}/{@code hashCode}/{@code compareTo} implementations are value equality.
 * A raw password on either side is {@link PlaintextPasswordComparison}'s finding, never this
 * one's. A plain hash or digest counts only next to a secret (a password hash, a method that
 * verifies a signature or a token), so file checksums are not flagged. Test code is skipped.
 */
@RuleInfo(
    id = "TimingUnsafeComparison",
    family = Family.CRYPTO,
    title = "Secret compared with an early-exit comparison",
    cwe = {208},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.MEDIUM,
    description = "equals() stops at the first differing byte, so the response time tells an "
        + "attacker how many leading bytes of a guessed MAC, signature or token were right; "
        + "guessing one byte at a time forges a valid value in thousands of tries instead of "
        + "2^128.",
    fix = "Compare in constant time: Tokens.equal(provided, expected) (or "
        + "MessageDigest.isEqual(a, b) for byte arrays) instead of expected.equals(provided).",
    helper = "io.github.bulwark.runtime.Tokens")
public final class TimingUnsafeComparison implements NodeRule<MethodCallExpr> {

  private static final int MAX_DEPTH = 4;
  /** Words that name a secret on their own. */
  private static final Set<String> SECRET_WORDS = Set.of(
      "mac", "hmac", "signature", "token", "apikey", "secret", "otp", "totp", "hotp",
      "csrf", "xsrf", "passcode", "credential", "bearer", "jwt", "sessionid", "authcode",
      "pin");
  /** Words that name a secret only beside a qualifier ({@code apiKey}, {@code resetCode}). */
  private static final Set<String> QUALIFIED_WORDS = Set.of("key", "code", "id");
  /** For each qualified word, the words before it that make it a secret. */
  private static final java.util.Map<String, Set<String>> QUALIFIERS = java.util.Map.of(
      "key", Set.of("api", "secret", "access", "private", "signing", "hmac", "auth", "license",
          "licence", "shared", "master", "encryption", "session", "subscription"),
      "code", Set.of("verification", "otp", "reset", "activation", "confirmation", "mfa", "sms",
          "security", "auth", "invite", "unlock", "recovery", "magic", "access", "login",
          "authorization", "verify", "totp", "backup"),
      "id", Set.of("session"));
  /** Words naming a digest, which is secret only when it is a digest of a secret. */
  private static final Set<String> DIGEST_WORDS = Set.of("hash", "hashed", "digest", "checksum");
  /** Words saying a name is about a secret, not the secret itself. */
  private static final Set<String> ABOUT_WORDS = Set.of(
      "type", "types", "name", "names", "header", "prefix", "scheme", "format", "length", "len",
      "endpoint", "url", "uri", "field", "param", "parameter", "kind", "mode", "alg",
      "algorithm", "algorithms", "version", "issuer", "audience", "subject", "expiry",
      "expiration", "exp", "status", "label", "count", "class", "size", "path", "location",
      "hint", "text", "image", "kinds", "char", "chars", "start", "end",
      "index", "pos", "position", "offset", "line", "column", "list", "set", "map", "cache",
      "provider", "service", "manager", "store", "repository", "factory", "config", "policy",
      "property", "key", "id", "object", "ref", "table", "algo", "method", "spi", "scope",
      "oid", "oids", "schemes", "params", "parameters", "spec", "specs", "timestamp",
      "identifier", "ext", "extension", "info", "descriptor", "signer", "signers", "public",
      "cert", "certificate", "holder", "number", "serial", "bits", "mechanism");
  private static final Set<String> SECRET_CONTEXT = Set.of(
      "password", "passwd", "pwd", "secret", "token", "auth", "authenticate", "login", "verify",
      "signature", "sign", "mac", "hmac", "apikey", "credential", "credentials", "otp",
      "webhook", "api", "csrf", "session", "signed");

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return;
    }
    Optional<Expression[]> sides = PlaintextPasswordComparison.comparedSides(call);
    if (sides.isEmpty() || insideEqualityMethod(call)) {
      return;
    }
    Expression left = sides.get()[0];
    Expression right = sides.get()[1];
    if (isConstant(left, file) || isConstant(right, file)
        || PasswordValues.isRawPassword(left, file) || PasswordValues.isRawPassword(right, file)) {
      return;
    }
    Optional<String> secret = secretName(left, file, call, 0)
        .or(() -> secretName(right, file, call, 0));
    if (secret.isPresent() && secret.get().toLowerCase().contains("token") && tokenizesText(file)) {
      return;
    }
    secret.ifPresent(name -> findings.report(call,
        "%s is compared with %s, which returns early and leaks timing", name,
        call.getNameAsString()));
  }

  /** The name that makes an expression a secret, following locals to their values. */
  private static Optional<String> secretName(Expression expression, FileContext file,
      MethodCallExpr comparison, int depth) {
    if (depth > MAX_DEPTH) {
      return Optional.empty();
    }
    String name = PlaintextPasswordComparison.leafName(expression);
    Expression unwrapped = FileContext.unwrap(expression);
    if (isStaticConstant(unwrapped) || isParsedText(unwrapped, file)) {
      return Optional.empty();
    }
    Secrecy secrecy = secrecy(name, comparison);
    if (secrecy == Secrecy.SECRET) {
      return Optional.of("'" + name + "'");
    }
    if (secrecy == Secrecy.ABOUT) {
      return Optional.empty();
    }
    Expression e = FileContext.unwrap(expression);
    // Encoded forms: Hex.encodeHexString(mac.doFinal(x)), new String(sig), Base64 of it.
    if (e instanceof MethodCallExpr call) {
      for (Expression argument : call.getArguments()) {
        Optional<String> inner = secretName(argument, file, comparison, depth + 1);
        if (inner.isPresent()) {
          return inner;
        }
      }
      boolean getter = call.getNameAsString().matches("(get|is|has)[A-Z].*");
      if (call.getScope().isPresent() && !getter && !(call.getScope().get() instanceof NameExpr n
          && Character.isUpperCase(n.getNameAsString().charAt(0)))) {
        return secretName(call.getScope().get(), file, comparison, depth + 1);
      }
    }
    if (e instanceof com.github.javaparser.ast.expr.BinaryExpr binary) {
      return secretName(binary.getLeft(), file, comparison, depth + 1)
          .or(() -> secretName(binary.getRight(), file, comparison, depth + 1));
    }
    if (e instanceof ObjectCreationExpr creation && !creation.getArguments().isEmpty()
        && Set.of("String", "BigInteger", "StringBuilder", "StringBuffer")
            .contains(creation.getType().getNameAsString())) {
      return secretName(creation.getArgument(0), file, comparison, depth + 1);
    }
    if (e instanceof NameExpr variable) {
      Optional<String> bound = file.declarationOf(variable)
          .filter(com.github.javaparser.ast.body.Parameter.class::isInstance)
          .flatMap(p -> annotationValue((com.github.javaparser.ast.body.Parameter) p))
          .filter(header -> secrecy(header, comparison) == Secrecy.SECRET);
      if (bound.isPresent()) {
        return Optional.of("'" + bound.get() + "'");
      }
      Optional<Expression> value = PasswordValues.latestAssignment(variable)
          .map(AssignExpr::getValue).or(() -> file.initializerOf(variable));
      if (value.isPresent()) {
        return secretName(value.get(), file, comparison, depth + 1);
      }
    }
    return Optional.empty();
  }

  private enum Secrecy { SECRET, ABOUT, UNKNOWN }

  /** {@code KnownOIDs.X}, {@code TokenType.REFRESH}, {@code OCSP_NONCE_OID}: named constants. */
  private static boolean isStaticConstant(Expression e) {
    if (e instanceof com.github.javaparser.ast.expr.FieldAccessExpr access) {
      String scope = ExpressionText.of(access.getScope());
      String last = scope.substring(scope.lastIndexOf('.') + 1);
      return !last.isEmpty() && Character.isUpperCase(last.charAt(0))
          || access.getNameAsString().matches("[A-Z][A-Z0-9_]*");
    }
    return e instanceof NameExpr name && name.getNameAsString().matches("[A-Z][A-Z0-9_]+");
  }

  /** A piece of parsed text: a loop variable over {@code split(..)}, or a split/token result. */
  private static boolean isParsedText(Expression expression, FileContext file) {
    Expression e = expression;
    while (e instanceof MethodCallExpr call && call.getArguments().isEmpty()
        && call.getScope().isPresent() && Set.of("trim", "strip", "toLowerCase", "toUpperCase",
            "toString").contains(call.getNameAsString())) {
      e = FileContext.unwrap(call.getScope().get());
    }
    if (!(e instanceof NameExpr name)) {
      return false;
    }
    Optional<Node> declaration = file.declarationOf(name);
    if (declaration.isEmpty()) {
      return false;
    }
    Node parent = declaration.get().getParentNode().flatMap(Node::getParentNode).orElse(null);
    if (parent instanceof com.github.javaparser.ast.stmt.ForEachStmt loop) {
      String iterable = loop.getIterable().toString();
      return iterable.contains("split(") || iterable.toLowerCase().contains("token");
    }
    return declaration.get() instanceof com.github.javaparser.ast.body.VariableDeclarator variable
        && variable.getInitializer().map(Object::toString)
            .filter(text -> text.contains("split(") || text.contains("nextToken(")
                || text.contains("substring(") || text.contains("trim()"))
            .isPresent();
  }

  /** The header or parameter a parameter is bound to: {@code @RequestHeader("X-Signature")}. */
  private static Optional<String> annotationValue(com.github.javaparser.ast.body.Parameter p) {
    for (com.github.javaparser.ast.expr.AnnotationExpr annotation : p.getAnnotations()) {
      if (annotation instanceof com.github.javaparser.ast.expr.SingleMemberAnnotationExpr single
          && single.getMemberValue().isStringLiteralExpr()) {
        return Optional.of(single.getMemberValue().asStringLiteralExpr().asString());
      }
    }
    return Optional.empty();
  }

  private static Secrecy secrecy(String name, MethodCallExpr comparison) {
    List<String> words = PasswordValues.words(name);
    if (words.isEmpty()) {
      return Secrecy.UNKNOWN;
    }
    boolean secret = false;
    boolean digest = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (SECRET_WORDS.contains(word) || word.endsWith("token") || word.endsWith("secret")
          || word.equals("signature") || word.endsWith("hmac")) {
        secret = true;
      } else if (word.equals("key") && i + 1 < words.size()
          && Set.of("id", "identifier", "ids").contains(words.get(i + 1))) {
        return Secrecy.ABOUT; // authKeyId: names a key, holds none
      } else if (QUALIFIED_WORDS.contains(word) && i > 0
          && QUALIFIERS.get(word).contains(words.get(i - 1))) {
        secret = true;
      } else if (DIGEST_WORDS.contains(word)) {
        digest = true;
      } else if (secret && ABOUT_WORDS.contains(word) && !QUALIFIED_WORDS.contains(word)) {
        return Secrecy.ABOUT; // tokenType, signatureAlgorithm: the head noun is not the secret
      }
    }
    if (secret) {
      return Secrecy.SECRET;
    }
    if (words.stream().anyMatch(ABOUT_WORDS::contains)
        || words.size() > 1 && words.get(words.size() - 1).equals("id")) {
      return Secrecy.ABOUT; // getAlgorithm(), policyId: describes something, holds no secret
    }
    if (digest && (words.stream().anyMatch(SECRET_CONTEXT::contains)
        || enclosingMethodWords(comparison).stream().anyMatch(SECRET_CONTEXT::contains))) {
      return Secrecy.SECRET;
    }
    return Secrecy.UNKNOWN;
  }

  private static List<String> enclosingMethodWords(Node node) {
    return node.findAncestor(MethodDeclaration.class)
        .map(m -> PasswordValues.words(m.getNameAsString())).orElse(List.of());
  }

  private static boolean isConstant(Expression expression, FileContext file) {
    Expression e = FileContext.unwrap(expression);
    return e.isNullLiteralExpr() || file.constantValue(e).isPresent()
        || e instanceof com.github.javaparser.ast.expr.FieldAccessExpr access
            && access.getNameAsString().equals(access.getNameAsString().toUpperCase())
            && access.getNameAsString().length() > 1
        || e instanceof NameExpr name && name.getNameAsString().matches("[A-Z][A-Z0-9_]+")
            && file.declarationOf(name).isEmpty();
  }

  private static boolean insideEqualityMethod(Node node) {
    return node.findAncestor(MethodDeclaration.class)
        .map(m -> Set.of("equals", "hashCode", "compareTo", "compare")
            .contains(m.getNameAsString()))
        .orElse(false);
  }

  /** Lexers and parsers call their pieces of text tokens; those are not credentials. */
  private static boolean tokenizesText(FileContext file) {
    String text = file.unit().toString();
    return text.contains("Tokenizer") || text.contains("nextToken") || text.contains("Lexer")
        || text.contains("lexer") || text.contains("TokenKind") || text.contains("tokenize");
  }
}
