package io.github.bulwark.rules.mfa;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.rules.ratelimit.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells one-time codes and TOTP secrets from other codes by their names and the names around
 * them ({@code otp}, {@code verificationCode}, {@code code} inside {@code TotpService.verify}, but
 * not {@code statusCode} or {@code countryCode}), and recognises predictable generators
 * ({@code java.util.Random}, {@code Math.random()}, {@code ThreadLocalRandom}, commons-lang
 * {@code RandomStringUtils}). Shared by the MFA and API-key rules.
 */
public final class CodeNames {

  /** Words that name a one-time code on their own. */
  private static final Set<String> OTP_WORDS = Set.of(
      "otp", "totp", "hotp", "passcode", "2fa", "mfa", "twofactor", "otc");
  /** Words around "code"/"pin" that make it a one-time code. */
  private static final Set<String> CODE_QUALIFIERS = Set.of(
      "verification", "verify", "sms", "auth", "reset", "confirm", "confirmation", "email",
      "activation", "security", "login", "factor", "entered", "submitted", "expected",
      "provided", "input", "stored", "sent", "generated", "user", "one", "authenticator",
      "mfa", "otp", "totp", "challenge", "recovery", "backup", "unlock");
  /** Context words (method or class) in which a bare {@code code} is a one-time code. */
  private static final Set<String> CONTEXT_WORDS = Set.of(
      "otp", "totp", "hotp", "mfa", "2fa", "twofactor", "authenticator", "passcode",
      "verification", "sms", "onetime");
  private static final Set<String> NOT_A_CODE = Set.of(
      "status", "error", "country", "http", "response", "zip", "postal", "currency", "lang",
      "language", "exit", "return", "hash", "hashed", "digest", "qr", "type", "length", "len",
      "digits", "header", "param", "name", "field", "message", "template", "url", "uri",
      "size", "source", "area", "region", "product", "promo", "discount", "coupon", "color",
      "format", "char", "key", "path", "attempts", "count", "expiry", "expires", "expiration",
      "at", "time", "label", "issuer", "enabled", "required", "window", "step",
      "last", "used", "previous", "prev", "ttl", "interval", "period", "id", "reason");
  private static final Set<String> SECRET_WORDS = Set.of("secret", "seed", "key", "shared");

  /**
   * Text one of which a name holding a code must contain once squashed (an OTP word, "onetime",
   * "twofactor", "code" or "pin"; "otp" covers totp and hotp, "code" passcode).
   */
  private static final List<String> CODE_HINTS =
      List.of("otp", "2fa", "mfa", "twofactor", "otc", "onetime", "code", "pin");
  private static final List<String> SECRET_WORDS_TEXT = List.of("secret", "seed", "key");

  private CodeNames() {}

  /**
   * True when the name's ASCII letters and digits, lower-cased and joined (what
   * {@link Endpoints#words} splits into words, so each word and their concatenation is inside
   * it), contain one of {@code texts}.
   */
  private static boolean squashedContainsAny(String name, List<String> texts) {
    if (name == null) {
      return false;
    }
    StringBuilder squashed = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        squashed.append((char) (c + ('a' - 'A')));
      } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        squashed.append(c);
      }
    }
    for (String text : texts) {
      if (squashed.indexOf(text) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** True for a name holding a one-time code, read in the context of {@code where}. */
  public static boolean isCodeName(String name, Node where) {
    if (!squashedContainsAny(name, CODE_HINTS)) {
      return false; // asked for every variable, assignment and return: skip splitting the name
    }
    List<String> words = Endpoints.words(name);
    if (words.isEmpty() || words.stream().anyMatch(NOT_A_CODE::contains)
        || words.stream().anyMatch(SECRET_WORDS::contains)) {
      return false;
    }
    String squashed = String.join("", words);
    if (words.stream().anyMatch(OTP_WORDS::contains) || squashed.contains("onetime")
        || squashed.contains("twofactor")) {
      return true;
    }
    int code = Math.max(words.indexOf("code"), words.indexOf("pin"));
    if (code < 0) {
      return false;
    }
    if (words.stream().anyMatch(CODE_QUALIFIERS::contains)) {
      return true;
    }
    return inOtpContext(where);
  }

  /** True for a name holding a TOTP/HOTP shared secret, read in the context of {@code where}. */
  public static boolean isOtpSecretName(String name, Node where) {
    if (!squashedContainsAny(name, SECRET_WORDS_TEXT)) {
      return false;
    }
    List<String> words = Endpoints.words(name);
    boolean secret = words.contains("secret") || words.contains("seed")
        || words.contains("key") && !words.contains("api");
    if (!secret || words.stream().anyMatch(w -> Set.of("name", "header", "param", "length",
        "size", "uri", "url", "label", "field", "column", "id", "qr", "enabled").contains(w))) {
      return false;
    }
    return words.stream().anyMatch(OTP_WORDS::contains) || words.contains("authenticator")
        || words.contains("google") || words.contains("secret") && inOtpContext(where);
  }

  /** True when the enclosing method or type says it deals with one-time codes. */
  public static boolean inOtpContext(Node where) {
    List<String> words = new ArrayList<>();
    where.findAncestor(MethodDeclaration.class)
        .ifPresent(m -> words.addAll(Endpoints.words(m.getNameAsString())));
    for (Node n = where; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?> type) {
        words.addAll(Endpoints.words(type.getNameAsString()));
      }
    }
    String squashed = String.join("", words);
    return words.stream().anyMatch(CONTEXT_WORDS::contains) || squashed.contains("twofactor")
        || squashed.contains("onetime") || squashed.contains("secondfactor");
  }

  /**
   * The predictable generator a call uses, named for a message ({@code new Random()}); empty for
   * {@code SecureRandom} and anything not known to be predictable.
   */
  public static Optional<String> weakGenerator(MethodCallExpr call, FileContext file) {
    String name = call.getNameAsString();
    Optional<Expression> scope = call.getScope();
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    String receiver = ExpressionText.of(scope.get());
    if (receiver.equals("Math") && name.equals("random")) {
      return Optional.of("Math.random()");
    }
    if (receiver.endsWith("ThreadLocalRandom.current()")) {
      return Optional.of("ThreadLocalRandom");
    }
    if ((receiver.endsWith("RandomStringUtils") || receiver.endsWith("RandomUtils"))
        && name.startsWith("random") || receiver.endsWith("RandomStringUtils.insecure()")) {
      return Optional.of("RandomStringUtils (java.util.Random)");
    }
    if (!name.startsWith("next") && !name.equals("ints") && !name.equals("longs")) {
      return Optional.empty();
    }
    Expression target = FileContext.unwrap(scope.get());
    if (target instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      return Set.of("Random", "SplittableRandom").contains(type)
          ? Optional.of("new " + type + "()") : Optional.empty();
    }
    if (target instanceof NameExpr || target instanceof FieldAccessExpr) {
      Optional<String> declared = file.declaredType(target);
      if (declared.isPresent() && Set.of("java.util.Random", "java.util.SplittableRandom",
          "java.util.concurrent.ThreadLocalRandom").contains(declared.get())) {
        return Optional.of("java.util.Random");
      }
    }
    return Optional.empty();
  }

  /** The weak generators used anywhere inside {@code expression}. */
  public static Optional<String> weakGeneratorIn(Node expression, FileContext file) {
    List<MethodCallExpr> calls = new ArrayList<>(expression.findAll(MethodCallExpr.class));
    for (MethodCallExpr call : calls) {
      Optional<String> weak = weakGenerator(call, file);
      if (weak.isPresent()) {
        return weak;
      }
    }
    return Optional.empty();
  }
}
