package io.github.bulwark.core.engine;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Fingerprints that survive edits elsewhere in a file: the rule id, the enclosing declaration
 * ({@code pkg.Type#method(ParamTypes)}) and the flagged code with whitespace normalised, hashed
 * with SHA-256. Line numbers are deliberately left out so moving code keeps its fingerprint.
 */
final class Fingerprints {

  private static final int MAX_CODE_CHARS = 400;

  private Fingerprints() {}

  static String enclosingDeclaration(Node node, String packageName) {
    Deque<String> parts = new ArrayDeque<>();
    for (Optional<Node> current = node.getParentNode(); current.isPresent();
        current = current.get().getParentNode()) {
      Node ancestor = current.get();
      if (ancestor instanceof CallableDeclaration<?> callable) {
        parts.push("#" + callable.getSignature().asString());
      } else if (ancestor instanceof FieldDeclaration field) {
        parts.push("#" + String.join(",",
            field.getVariables().stream().map(VariableDeclarator::getNameAsString).toList()));
      } else if (ancestor instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().isPresent()) {
        parts.push("$new " + creation.getType().getNameAsString());
      } else if (ancestor instanceof TypeDeclaration<?> type) {
        parts.push("." + type.getNameAsString());
      }
    }
    return packageName + String.join("", parts);
  }

  static String normalisedCode(String code) {
    String normalised = code.replaceAll("\\s+", " ").trim();
    return normalised.length() > MAX_CODE_CHARS
        ? normalised.substring(0, MAX_CODE_CHARS) : normalised;
  }

  static String hash(String ruleId, String declaration, String code, int occurrence) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String material = ruleId + '\n' + declaration + '\n' + code + '\n' + occurrence;
      byte[] bytes = digest.digest(material.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(bytes, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
