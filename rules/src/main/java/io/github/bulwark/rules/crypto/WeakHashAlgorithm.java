package io.github.bulwark.rules.crypto;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.project.ProjectIndex;
import io.github.bulwark.core.project.ProjectQuestion;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.ProjectRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags MD2, MD4, MD5 and SHA-1 (also as {@code "SHA"}) asked for by name from
 * {@code MessageDigest.getInstance}, commons-codec {@code DigestUtils.getDigest}/{@code new
 * DigestUtils(..)}, and {@code Signature.getInstance("SHA1withRSA")}; and the fixed-algorithm
 * helpers {@code DigestUtils.md5*}/{@code sha1*}/{@code sha*} (commons-codec and Spring) and Guava
 * {@code Hashing.md5()}/{@code sha1()}. The name is folded through constants, fields, locals,
 * conditionals and the literal default of a property lookup.
 *
 * <p>Scope: any use counts, checksums and cache keys included, because a source-only checker
 * cannot tell an ETag from an integrity check an attacker can collide, and a switch to SHA-256
 * costs nothing. HMAC names ({@code HmacSHA1}, {@code HmacMD5}) are not flagged: HMAC does not
 * rest on collision resistance. Key sizes of {@code KeyPairGenerator}/{@code KeyGenerator} are
 * out of scope. Test code is skipped.
 */
@RuleInfo(
    id = "WeakHashAlgorithm",
    family = Family.CRYPTO,
    title = "Broken hash algorithm (MD5, SHA-1, MD4, MD2)",
    cwe = {328, 327},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.MEDIUM,
    description = "MD5 and SHA-1 collisions can be computed on commodity hardware: two different "
        + "inputs with the same digest let an attacker swap a signed or checked document, "
        + "certificate or file for a forged one, and fast unsalted digests of secrets fall to "
        + "precomputed tables.",
    fix = "Use SHA-256 or stronger for integrity: MessageDigest.getInstance(\"SHA-256\") "
        + "(before: getInstance(\"MD5\")). For passwords use PasswordHasher.bcrypt().hash(pw.toCharArray()) "
        + "instead of any digest.",
    helper = "io.github.bulwark.runtime.PasswordHasher")
public final class WeakHashAlgorithm implements NodeRule<Node>, ProjectRule {

  private static final Set<String> WEAK_DIGESTS = Set.of(
      "MD2", "MD4", "MD5", "SHA", "SHA1", "SHA-1", "SHA-0", "SHA0", "SHA_1");
  private static final Pattern WEAK_SIGNATURE =
      Pattern.compile("(?i)(MD2|MD4|MD5|SHA-?1?|SHA_1)with.*");
  /** Commons-codec and Spring DigestUtils methods fixed to MD2/MD5/SHA-1. */
  private static final Pattern WEAK_DIGEST_UTILS =
      Pattern.compile("(md2|md5|sha1|sha|getMd2Digest|getMd5Digest|getSha1Digest|getShaDigest"
          + "|md5DigestAsHex|appendMd5DigestAsHex)(Hex|AsHex|Digest)?");
  private static final Set<String> DIGEST_FACTORIES = Set.of("MessageDigest", "DigestUtils");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ObjectCreationExpr.class);
  }

  /** The application's properties file decides; the code's default only when it is silent. */
  @Override
  public Optional<String> decide(ProjectQuestion question, ProjectIndex index) {
    String key = question.text("key");
    return index.property(key).map(List::of).orElse(question.texts("defaults")).stream()
        .filter(name -> WEAK_DIGESTS.contains(name.trim().toUpperCase(Locale.ROOT)))
        .findFirst()
        .map(name -> String.format(Locale.ROOT,
            "%s(\"%s\") (configured as %s) asks for a broken hash algorithm",
            question.text("call"), name, key));
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return;
    }
    if (node instanceof ObjectCreationExpr creation) {
      if (creation.getType().getNameAsString().equals("DigestUtils")
          && creation.getArguments().size() == 1) {
        weakDigest(creation.getArgument(0), file).ifPresent(name -> findings.report(creation,
            "DigestUtils is created for the broken hash %s", name));
      }
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    String method = call.getNameAsString();
    String owner = call.getScope().map(ExpressionText::lastName).orElse("");
    if ((method.equals("getInstance") && DIGEST_FACTORIES.contains(owner)
        || method.equals("getDigest") && owner.equals("DigestUtils"))
        && !call.getArguments().isEmpty()) {
      Optional<String> key = CryptoValues.configuredKey(call.getArgument(0), file);
      if (key.isPresent()) {
        // The application's properties file decides; the code's default only when it is silent.
        List<String> defaults = CryptoValues.algorithms(call.getArgument(0), file);
        findings.reportDeferred(call, ProjectQuestion.about().with("key", key.get())
            .with("defaults", defaults).with("call", owner + "." + method));
        return;
      }
      weakDigest(call.getArgument(0), file).ifPresent(name -> findings.report(call,
          "%s.%s(\"%s\") asks for a broken hash algorithm", owner, method, name));
    } else if (method.equals("getInstance") && owner.equals("Signature")
        && !call.getArguments().isEmpty()) {
      CryptoValues.algorithms(call.getArgument(0), file).stream()
          .filter(name -> WEAK_SIGNATURE.matcher(name.trim()).matches())
          .findFirst()
          .ifPresent(name -> findings.report(call,
              "Signature.getInstance(\"%s\") signs a broken hash", name));
    } else if (owner.equals("DigestUtils") && WEAK_DIGEST_UTILS.matcher(method).matches()) {
      findings.report(call, "DigestUtils.%s uses a broken hash algorithm", method);
    } else if (owner.equals("Hashing") && call.getArguments().isEmpty()
        && (method.equals("md5") || method.equals("sha1"))) {
      findings.report(call, "Hashing.%s() is a broken hash algorithm", method);
    }
  }

  private static Optional<String> weakDigest(Expression argument, FileContext file) {
    return CryptoValues.algorithms(argument, file).stream()
        .filter(name -> WEAK_DIGESTS.contains(name.trim().toUpperCase(Locale.ROOT)))
        .findFirst();
  }
}
