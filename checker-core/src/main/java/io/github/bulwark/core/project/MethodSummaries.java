package io.github.bulwark.core.project;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Builds {@link MethodSummary} facts from a method's syntax. */
public final class MethodSummaries {

  /** Literals kept: paths and short words (URL patterns, role names), a few per method. */
  private static final int MAX_LITERALS = 16;

  private MethodSummaries() {}

  public static MethodSummary of(String file, CallableDeclaration<?> callable) {
    Set<String> calls = new HashSet<>();
    Set<String> calledNames = new HashSet<>();
    for (MethodCallExpr call : callable.findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      calls.add(name + "/" + call.getArguments().size());
      calledNames.add(name);
      call.getScope().ifPresent(scope -> {
        String receiver = scope.toString();
        if (receiver.length() < 80) {
          calledNames.add(receiver + "." + name);
        }
      });
    }
    for (ObjectCreationExpr creation : callable.findAll(ObjectCreationExpr.class)) {
      calls.add("<init>/" + creation.getArguments().size());
      calledNames.add("new " + creation.getType().getNameAsString());
    }
    Set<String> annotations = new HashSet<>();
    for (AnnotationExpr annotation : callable.getAnnotations()) {
      annotations.add(annotation.getName().getIdentifier());
    }
    for (Optional<Node> parent = callable.getParentNode(); parent.isPresent();
        parent = parent.get().getParentNode()) {
      if (parent.get() instanceof TypeDeclaration<?> type) {
        type.getAnnotations().forEach(a -> annotations.add(a.getName().getIdentifier()));
      }
    }
    Set<String> literals = new HashSet<>();
    for (StringLiteralExpr literal : callable.findAll(StringLiteralExpr.class)) {
      if (literals.size() >= MAX_LITERALS) {
        break;
      }
      String value = literal.getValue();
      if (value.length() <= 64 && !value.isBlank()) {
        literals.add(value);
      }
    }
    String type = callable.findAncestor(TypeDeclaration.class)
        .map(t -> ((TypeDeclaration<?>) t).getNameAsString()).orElse("");
    String name = callable instanceof ConstructorDeclaration ? "<init>"
        : callable.getNameAsString();
    return new MethodSummary(file, type, name, callable.getParameters().size(), calls,
        calledNames, annotations, literals);
  }
}
