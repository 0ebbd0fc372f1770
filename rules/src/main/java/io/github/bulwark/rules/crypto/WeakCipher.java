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
 * Flags encryption that does not protect: {@code Cipher.getInstance} with DES, 3DES
 * (DESede/TripleDES), RC2, RC4/ARCFOUR, Blowfish or a PBE scheme built on them, any ECB mode, a
 * bare {@code "AES"} (the JDK then picks ECB), and RSA without OAEP padding; keys made for those
 * ciphers ({@code SecretKeyFactory}/{@code KeyGenerator.getInstance("DES")},
 * {@code new SecretKeySpec(k, "DES")}, {@code DESKeySpec}); and an IV or nonce fixed in the code
 * ({@code new IvParameterSpec(CONSTANT)}, {@code new GCMParameterSpec(128, "..".getBytes())},
 * an all-zero {@code new byte[16]} nothing fills).
 *
 * <p>The transformation is folded through constants, fields, locals and the literal default of a
 * property lookup. {@code "RSA/ECB/OAEP..."} is not ECB (the mode is a no-op for RSA) and is not
 * flagged; CBC with a random IV is accepted. Test code is skipped.
 */
@RuleInfo(
    id = "WeakCipher",
    family = Family.CRYPTO,
    title = "Broken cipher, ECB mode, RSA without OAEP, or a fixed IV",
    cwe = {327, 329},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.HIGH,
    description = "DES keys are found by brute force in hours, 3DES and Blowfish leak plaintext "
        + "through 64-bit block collisions (Sweet32), RC4 output is biased; ECB encrypts equal "
        + "blocks to equal ciphertext, so patterns show through; RSA with PKCS#1 v1.5 padding "
        + "falls to padding-oracle attacks; a fixed IV makes equal messages encrypt alike and "
        + "breaks GCM completely when a nonce repeats.",
    fix = "Use authenticated encryption with a fresh random nonce: Aead.fromKey(key).encrypt("
        + "plaintext, associatedData) (before: Cipher.getInstance(\"DES/ECB/PKCS5Padding\")); for RSA use "
        + "\"RSA/ECB/OAEPWithSHA-256AndMGF1Padding\".",
    helper = "io.github.bulwark.runtime.Aead")
public final class WeakCipher implements NodeRule<Node>, ProjectRule {

  /** Broken block and stream ciphers, also as the cipher half of a PBE scheme name. */
  private static final Pattern BROKEN_ALGORITHM = Pattern.compile(
      "(?i)(DES|DESEDE|DESEDEWRAP|TRIPLEDES|3DES|TDEA|RC2|RC4|ARCFOUR|ARC4|BLOWFISH|IDEA"
      + "|PBEWITH.*(DES|RC2|RC4).*)");
  private static final Set<String> KEY_FACTORIES = Set.of("SecretKeyFactory", "KeyGenerator");
  private static final Set<String> KEY_SPECS = Set.of("DESKeySpec", "DESedeKeySpec");

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
    for (String transformation : index.property(key).map(List::of)
        .orElse(question.texts("defaults"))) {
      Optional<String> problem = problem(transformation);
      if (problem.isPresent()) {
        return Optional.of(String.format(java.util.Locale.ROOT,
            "Cipher.getInstance(\"%s\") (configured as %s) %s", transformation, key,
            problem.get()));
      }
    }
    return Optional.empty();
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
    if (!call.getNameAsString().equals("getInstance") || call.getArguments().isEmpty()) {
      return;
    }
    String scope = call.getScope().map(ExpressionText::of).orElse("");
    String owner = scope.substring(scope.lastIndexOf('.') + 1);
    if (owner.equals("Cipher")) {
      Optional<String> key = CryptoValues.configuredKey(call.getArgument(0), file);
      if (key.isPresent()) {
        // The application's properties file decides; the code's default only when it is silent.
        List<String> defaults = CryptoValues.algorithms(call.getArgument(0), file);
        findings.reportDeferred(call, ProjectQuestion.about().with("key", key.get())
            .with("defaults", defaults));
        return;
      }
      for (String transformation : CryptoValues.algorithms(call.getArgument(0), file)) {
        Optional<String> problem = problem(transformation);
        if (problem.isPresent()) {
          findings.report(call, "Cipher.getInstance(\"%s\") %s", transformation, problem.get());
          return;
        }
      }
    } else if (KEY_FACTORIES.contains(owner)) {
      CryptoValues.algorithms(call.getArgument(0), file).stream()
          .filter(name -> BROKEN_ALGORITHM.matcher(name.trim()).matches())
          .findFirst()
          .ifPresent(name -> findings.report(call,
              "%s.getInstance(\"%s\") makes keys for a broken cipher", owner, name));
    }
  }

  private static void checkCreation(ObjectCreationExpr creation, FileContext file,
      Findings findings) {
    String type = creation.getType().getNameAsString();
    if (type.equals("IvParameterSpec") && !creation.getArguments().isEmpty()) {
      if (CryptoValues.isConstantBytes(creation.getArgument(0), file)) {
        findings.report(creation, "the IV is fixed in the code, so it repeats for every message");
      }
    } else if (type.equals("GCMParameterSpec") && creation.getArguments().size() >= 2) {
      if (CryptoValues.isConstantBytes(creation.getArgument(1), file)) {
        findings.report(creation,
            "the GCM nonce is fixed in the code; a repeated nonce breaks GCM completely");
      }
    } else if (type.equals("ChaCha20ParameterSpec") && !creation.getArguments().isEmpty()) {
      if (CryptoValues.isConstantBytes(creation.getArgument(0), file)) {
        findings.report(creation, "the ChaCha20 nonce is fixed in the code");
      }
    } else if (type.equals("SecretKeySpec") && creation.getArguments().size() >= 2) {
      Expression algorithm = creation.getArgument(creation.getArguments().size() - 1);
      CryptoValues.algorithms(algorithm, file).stream()
          .filter(name -> BROKEN_ALGORITHM.matcher(name.trim()).matches())
          .findFirst()
          .ifPresent(name -> findings.report(creation,
              "SecretKeySpec makes a key for the broken cipher %s", name));
    } else if (KEY_SPECS.contains(type)) {
      findings.report(creation, "%s makes a key for a broken DES cipher", type);
    }
  }

  /** What is wrong with a transformation {@code alg[/mode[/padding]]}, if anything. */
  static Optional<String> problem(String transformation) {
    String[] parts = transformation.trim().split("/");
    String algorithm = parts[0].trim().toUpperCase(Locale.ROOT);
    String mode = parts.length > 1 ? parts[1].trim().toUpperCase(Locale.ROOT) : "";
    String padding = parts.length > 2 ? parts[2].trim().toUpperCase(Locale.ROOT) : "";
    if (BROKEN_ALGORITHM.matcher(algorithm).matches()) {
      return Optional.of("uses a broken cipher");
    }
    if (algorithm.equals("RSA")) {
      return padding.contains("OAEP") ? Optional.empty()
          : Optional.of("uses RSA without OAEP padding");
    }
    if (algorithm.startsWith("EC") || algorithm.startsWith("CHACHA")
        || algorithm.startsWith("PBE") || algorithm.contains("WRAP")) {
      return Optional.empty();
    }
    if (mode.equals("ECB")) {
      return Optional.of("uses ECB mode, which shows patterns in the plaintext");
    }
    if (parts.length == 1 && algorithm.matches("AES(_?\\d+)?")) {
      return Optional.of("defaults to ECB mode");
    }
    return Optional.empty();
  }
}
