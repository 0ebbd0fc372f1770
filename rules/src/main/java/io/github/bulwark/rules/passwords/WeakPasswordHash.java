package io.github.bulwark.rules.passwords;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.rules.crypto.CryptoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Flags passwords protected by something an attacker undoes or brute-forces at billions of
 * guesses a second: a raw password (see {@link PasswordValues}) passed to a fast digest
 * ({@code MessageDigest} of any algorithm, commons-codec or Spring {@code DigestUtils}, Guava
 * {@code Hashing}, {@code String.hashCode()}), or only Base64/hex "encoded"; PBKDF2
 * ({@code PBEKeySpec}, {@code PBEParameterSpec}, Spring {@code Pbkdf2PasswordEncoder}) with fewer
 * iterations than OWASP asks (600,000 for HMAC-SHA256, 1,300,000 for SHA-1, 210,000 for SHA-512)
 * or a salt fixed in the code; bcrypt with a cost below 10 or a constant salt; and Spring's
 * {@code NoOpPasswordEncoder}, {@code StandardPasswordEncoder}, {@code Md5PasswordEncoder},
 * {@code ShaPasswordEncoder}, {@code Md4PasswordEncoder}, {@code LdapShaPasswordEncoder},
 * {@code MessageDigestPasswordEncoder}, also when chosen as a {@code DelegatingPasswordEncoder}'s
 * id.
 *
 * <p>Scope: Base64 of {@code user + ":" + password} for an HTTP Basic header is transport, not
 * storage, and is not flagged. Iteration counts and costs are judged only when constant. Test
 * code is skipped.
 */
@RuleInfo(
    id = "WeakPasswordHash",
    family = Family.PASSWORDS,
    title = "Password hashed with a fast, unsalted or weak scheme",
    cwe = {916, 328, 759, 760, 261},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.HIGH,
    description = "A GPU tries billions of MD5 or SHA-256 guesses a second, so a leaked table of "
        + "fast or unsalted hashes gives up most passwords within days, and identical passwords "
        + "share a hash; Base64 or hex is no protection at all; too few PBKDF2 iterations or a "
        + "low bcrypt cost make every guess cheap.",
    fix = "Hash with PasswordHasher.bcrypt().hash(password) (a char[]) and check with "
        + "hasher.verify(password, stored) (before: DigestUtils.sha256Hex(password)).",
    helper = "io.github.bulwark.runtime.PasswordHasher")
public final class WeakPasswordHash implements NodeRule<Node> {

  private static final int MIN_BCRYPT_COST = 10;
  private static final long PBKDF2_SHA256 = 600_000;
  private static final long PBKDF2_SHA1 = 1_300_000;
  private static final long PBKDF2_SHA512 = 210_000;
  private static final Set<String> WEAK_ENCODERS = Set.of(
      "NoOpPasswordEncoder", "StandardPasswordEncoder", "Md5PasswordEncoder",
      "Md4PasswordEncoder", "ShaPasswordEncoder", "LdapShaPasswordEncoder",
      "MessageDigestPasswordEncoder", "PlaintextPasswordEncoder");
  private static final Set<String> WEAK_ENCODER_IDS = Set.of(
      "noop", "md5", "md4", "sha-1", "sha-256", "sha256", "ldap", "sha1", "sha");
  private static final Set<String> GUAVA_HASH_CALLS = Set.of(
      "hashString", "hashBytes", "hashUnencodedChars", "putString", "putBytes",
      "putUnencodedChars");
  private static final Set<String> ENCODING_CALLS = Set.of(
      "encodeToString", "encodeBase64String", "encodeBase64", "encodeBase64URLSafeString",
      "encodeHexString", "encodeHex", "printBase64Binary", "printHexBinary", "formatHex",
      "toHexString", "encodeAsString");

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
    } else {
      checkCall((MethodCallExpr) node, file, findings);
    }
  }

  private static void checkCall(MethodCallExpr call, FileContext file, Findings findings) {
    String method = call.getNameAsString();
    if (call.getArguments().isEmpty() && !method.equals("hashCode")
        && !method.equals("getInstance")) {
      return;
    }
    // The receiver's last name is cheap; its full text is only read for a few methods below.
    String owner = call.getScope().map(ExpressionText::lastName).orElse("");
    java.util.function.BooleanSupplier raw = () -> call.getArguments().stream()
        .anyMatch(a -> PasswordValues.isRawPassword(a, file));
    if ((method.equals("digest") || method.equals("update")) && isMessageDigest(call, file)
        && raw.getAsBoolean()) {
      findings.report(call, "a password is hashed with a fast MessageDigest");
    } else if ((owner.equals("DigestUtils") || owner.equals("Hashing")) && raw.getAsBoolean()) {
      findings.report(call, "a password is hashed with the fast digest %s.%s", owner, method);
    } else if (GUAVA_HASH_CALLS.contains(method)
        && isGuavaHasher(receiverText(call))
        && raw.getAsBoolean()) {
      findings.report(call, "a password is hashed with a fast Guava hash function");
    } else if (method.equals("hashCode") && call.getArguments().isEmpty()
        && call.getScope().isPresent()
        && PasswordValues.isRawPassword(call.getScope().get(), file)) {
      findings.report(call, "a password is reduced to its hashCode(), which anyone can reverse");
    } else if (ENCODING_CALLS.contains(method) || method.equals("encode")
        && isEncoder(receiverText(call))) {
      if (raw.getAsBoolean() && !isBasicAuth(call)) {
        findings.report(call, "a password is only Base64/hex encoded, which anyone can reverse");
      }
    } else if (method.equals("gensalt") && owner.equals("BCrypt")) {
      lowCost(call.getArguments(), file).ifPresent(cost -> findings.report(call,
          "bcrypt cost %d is below %d", cost, MIN_BCRYPT_COST));
    } else if (method.equals("hashpw") && call.getArguments().size() == 2
        && file.constantString(call.getArgument(1)).filter(s -> s.startsWith("$2")).isPresent()) {
      findings.report(call, "bcrypt is given a salt fixed in the code");
    } else if (method.equals("hashToString") && call.getArguments().size() == 2) {
      lowCost(List.of(call.getArgument(0)), file).ifPresent(cost -> findings.report(call,
          "bcrypt cost %d is below %d", cost, MIN_BCRYPT_COST));
    } else if (method.equals("getInstance") && owner.equals("NoOpPasswordEncoder")) {
      findings.report(call, "NoOpPasswordEncoder keeps passwords in plain text");
    }
  }

  private static String receiverText(MethodCallExpr call) {
    return call.getScope().map(ExpressionText::of).orElse("");
  }

  private static boolean isGuavaHasher(String receiver) {
    return receiver.contains("Hashing.") || receiver.toLowerCase(Locale.ROOT).contains("hasher");
  }

  /** A Base64 or hex encoder ({@code Base64.getEncoder()}, {@code Hex}, Guava BaseEncoding). */
  private static boolean isEncoder(String receiver) {
    return receiver.contains("Base64") || receiver.contains("getEncoder()")
        || receiver.contains("getUrlEncoder()") || receiver.contains("getMimeEncoder()")
        || receiver.equals("Hex") || receiver.contains("BaseEncoding");
  }

  private static void checkCreation(ObjectCreationExpr creation, FileContext file,
      Findings findings) {
    String type = creation.getType().getNameAsString();
    if (WEAK_ENCODERS.contains(type)) {
      findings.report(creation, "%s is a weak password encoder", type);
    } else if (type.equals("BCryptPasswordEncoder")) {
      lowCost(creation.getArguments(), file).ifPresent(cost -> findings.report(creation,
          "bcrypt strength %d is below %d", cost, MIN_BCRYPT_COST));
    } else if (type.equals("DelegatingPasswordEncoder") && !creation.getArguments().isEmpty()) {
      file.constantString(creation.getArgument(0))
          .filter(id -> WEAK_ENCODER_IDS.contains(id.toLowerCase(Locale.ROOT)))
          .ifPresent(id -> findings.report(creation,
              "new passwords are encoded with the weak scheme '%s'", id));
    } else if (type.equals("PBEKeySpec") && creation.getArguments().size() >= 3) {
      pbkdf2(creation, creation.getArgument(1), creation.getArgument(2), file, findings);
    } else if (type.equals("PBEParameterSpec") && creation.getArguments().size() >= 2) {
      pbkdf2(creation, creation.getArgument(0), creation.getArgument(1), file, findings);
    } else if (type.equals("Pbkdf2PasswordEncoder") && creation.getArguments().size() >= 3) {
      int index = creation.getArguments().size() == 3 ? 1 : 2;
      Optional<Long> iterations = longValue(creation.getArgument(index), file);
      long minimum = minimumIterations(creation, file);
      iterations.filter(n -> n < minimum).ifPresent(n -> findings.report(creation,
          "PBKDF2 runs %d iterations; OWASP asks for at least %d", n, minimum));
    }
  }

  private static void pbkdf2(ObjectCreationExpr creation, Expression salt, Expression count,
      FileContext file, Findings findings) {
    List<String> problems = new ArrayList<>();
    long minimum = minimumIterations(creation, file);
    Optional<Long> iterations = longValue(count, file);
    iterations.filter(n -> n < minimum).ifPresent(n -> problems.add(
        String.format("runs %d iterations where OWASP asks for at least %d", n, minimum)));
    if (CryptoValues.isConstantBytes(salt, file)) {
      problems.add("uses a salt fixed in the code");
    }
    if (!problems.isEmpty()) {
      findings.report(creation, "password-based key derivation %s", String.join(" and ", problems));
    }
  }

  /** OWASP's minimum for the PBKDF2 PRF named in the class; SHA-256's when none is. */
  private static long minimumIterations(Node near, FileContext file) {
    Node scope = near.findAncestor(TypeDeclaration.class).map(t -> (Node) t)
        .orElse(near.findRootNode());
    long minimum = 0;
    for (StringLiteralExpr literal : scope.findAll(StringLiteralExpr.class)) {
      String text = literal.asString().toUpperCase(Locale.ROOT);
      if (!text.startsWith("PBKDF2") && !text.startsWith("PBEWITHHMAC")) {
        continue;
      }
      long needed = text.contains("SHA512") || text.contains("SHA-512") ? PBKDF2_SHA512
          : text.contains("SHA256") || text.contains("SHA-256") || text.contains("SHA384")
              ? PBKDF2_SHA256 : PBKDF2_SHA1;
      minimum = Math.max(minimum, needed);
    }
    for (com.github.javaparser.ast.expr.FieldAccessExpr access
        : scope.findAll(com.github.javaparser.ast.expr.FieldAccessExpr.class)) {
      String name = access.getNameAsString().replace("_", "").toUpperCase(Locale.ROOT);
      if (name.startsWith("PBKDF2WITHHMACSHA")) {
        minimum = Math.max(minimum, name.endsWith("512") ? PBKDF2_SHA512
            : name.endsWith("256") ? PBKDF2_SHA256 : PBKDF2_SHA1);
      }
    }
    return minimum == 0 ? PBKDF2_SHA256 : minimum;
  }

  /** The first constant int among {@code arguments} when it is a cost below the minimum. */
  private static Optional<Long> lowCost(List<Expression> arguments, FileContext file) {
    for (Expression argument : arguments) {
      Optional<Long> value = longValue(argument, file);
      if (value.isPresent()) {
        return value.filter(cost -> cost < MIN_BCRYPT_COST);
      }
    }
    return Optional.empty();
  }

  private static Optional<Long> longValue(Expression expression, FileContext file) {
    return file.constantValue(expression).filter(Long.class::isInstance).map(Long.class::cast);
  }

  /** {@code MessageDigest} by declared type, initializer, or a direct getInstance chain. */
  private static boolean isMessageDigest(MethodCallExpr call, FileContext file) {
    Optional<Expression> scope = call.getScope().map(FileContext::unwrap);
    if (scope.isEmpty()) {
      return false;
    }
    Expression receiver = scope.get();
    if (receiver instanceof MethodCallExpr factory) {
      return factory.getNameAsString().equals("getInstance")
          && factory.getScope().map(s -> ExpressionText.of(s).endsWith("MessageDigest"))
              .orElse(false)
          || factory.getNameAsString().startsWith("get")
              && factory.getNameAsString().endsWith("Digest");
    }
    if (receiver instanceof NameExpr name) {
      Optional<String> type = file.declaredType(name);
      if (type.isPresent()) {
        return file.types().is(type.get(), "java.security.MessageDigest");
      }
      return file.initializerOf(name).map(i -> i.toString().contains("MessageDigest"))
          .orElse(false);
    }
    return file.declaredType(receiver)
        .map(t -> file.types().is(t, "java.security.MessageDigest")).orElse(false);
  }

  /** Base64 of {@code user + ":" + password}: an HTTP Basic header, not a stored password. */
  private static boolean isBasicAuth(MethodCallExpr call) {
    Node body = call.findAncestor(CallableDeclaration.class).map(c -> (Node) c)
        .orElse(call.findRootNode());
    String text = body.toString();
    return text.contains("\":\"") || text.contains("Basic ") || text.contains("\"Basic")
        || text.contains("Authorization") || text.contains("AUTHORIZATION");
  }
}
