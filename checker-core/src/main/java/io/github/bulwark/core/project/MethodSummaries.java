package io.github.bulwark.core.project;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.github.bulwark.core.analysis.ExpressionText;

/** Builds {@link MethodSummary} facts from a method's syntax. */
public final class MethodSummaries {

  /** Literals kept: paths and short words (URL patterns, role names), a few per method. */
  private static final int MAX_LITERALS = 16;

  private MethodSummaries() {}

  public static MethodSummary of(String file, CallableDeclaration<?> callable) {
    // One walk of the body collects what the summary reads (six walks cost more than the rest).
    BodyNodes nodes = new BodyNodes();
    callable.walk(nodes::add);
    return of(file, callable, nodes);
  }

  /**
   * The summary of a callable from its nodes as a walk of the whole file collected them, so the
   * engine's one walk of the file serves every method's summary too.
   */
  public static MethodSummary of(String file, CallableDeclaration<?> callable, BodyNodes nodes) {
    Set<String> calls = new HashSet<>();
    Set<String> calledNames = new HashSet<>();
    for (MethodCallExpr call : nodes.calls) {
      String name = call.getNameAsString();
      calls.add(name + "/" + call.getArguments().size());
      calledNames.add(name);
      call.getScope().ifPresent(scope -> {
        String receiver = ExpressionText.of(scope);
        if (receiver.length() < 80) {
          calledNames.add(receiver + "." + name);
        }
      });
    }
    for (ObjectCreationExpr creation : nodes.creations) {
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
    for (StringLiteralExpr literal : nodes.literals) {
      if (literals.size() >= MAX_LITERALS) {
        break;
      }
      String value = literal.getValue();
      if (value.length() <= 64 && !value.isBlank()) {
        literals.add(value);
      }
    }
    Optional<TypeDeclaration<?>> owner = callable.findAncestor(TypeDeclaration.class)
        .map(t -> (TypeDeclaration<?>) t);
    String type = owner.map(TypeDeclaration::getNameAsString).orElse("");
    Set<String> supertypes = new HashSet<>();
    owner.filter(t -> t instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration)
        .map(t -> (com.github.javaparser.ast.body.ClassOrInterfaceDeclaration) t)
        .ifPresent(c -> {
          c.getExtendedTypes().forEach(e -> supertypes.add(e.getNameAsString()));
          c.getImplementedTypes().forEach(i -> supertypes.add(i.getNameAsString()));
        });
    String name = callable instanceof ConstructorDeclaration ? "<init>"
        : callable.getNameAsString();
    return new MethodSummary(file, type, name, callable.getParameters().size(), calls,
        calledNames, annotations, literals, supertypes, parameterFlows(callable, nodes));
  }

  /**
   * The calls, constructor calls, string literals and variables of a callable (its nested
   * classes' and lambdas' included), in source order: give it every node of the callable, the
   * callable itself first, in pre-order.
   */
  public static final class BodyNodes {
    private final List<MethodCallExpr> calls = new ArrayList<>();
    private final List<ObjectCreationExpr> creations = new ArrayList<>();
    private final List<StringLiteralExpr> literals = new ArrayList<>();
    private final List<VariableDeclarator> variables = new ArrayList<>();

    public void add(Node node) {
      if (node instanceof MethodCallExpr call) {
        calls.add(call);
      } else if (node instanceof ObjectCreationExpr creation) {
        creations.add(creation);
      } else if (node instanceof StringLiteralExpr literal) {
        literals.add(literal);
      } else if (node instanceof VariableDeclarator variable) {
        variables.add(variable);
      }
    }
  }

  /**
   * Which parameter reaches which call argument, read from the syntax: parameter {@code i}'s
   * name occurs in argument {@code j} (directly, concatenated, or through a local variable
   * initialised from it). Enough to follow a controller's value through a service layer.
   */
  private static Set<String> parameterFlows(CallableDeclaration<?> callable, BodyNodes nodes) {
    Set<String> flows = new HashSet<>();
    java.util.Map<String, Integer> carriers = new java.util.HashMap<>();
    for (int i = 0; i < callable.getParameters().size(); i++) {
      com.github.javaparser.ast.body.Parameter parameter = callable.getParameter(i);
      if (!parameter.getType().isPrimitiveType()) {
        carriers.put(parameter.getNameAsString(), i);
      }
    }
    if (carriers.isEmpty()) {
      return flows;
    }
    // Locals initialised or assigned from a parameter carry it too (one level is enough here).
    for (VariableDeclarator local : nodes.variables) {
      local.getInitializer().ifPresent(init -> mentioned(init, carriers)
          .ifPresent(i -> carriers.putIfAbsent(local.getNameAsString(), i)));
    }
    for (MethodCallExpr call : nodes.calls) {
      addFlows(flows, carriers, call.getNameAsString(), call.getArguments());
    }
    for (ObjectCreationExpr creation : nodes.creations) {
      addFlows(flows, carriers, "<init>", creation.getArguments());
    }
    return flows;
  }

  private static void addFlows(Set<String> flows, java.util.Map<String, Integer> carriers,
      String callee, com.github.javaparser.ast.NodeList<com.github.javaparser.ast.expr.Expression>
          arguments) {
    for (int j = 0; j < arguments.size() && flows.size() < 256; j++) {
      int argument = j;
      mentioned(arguments.get(j), carriers).ifPresent(i ->
          flows.add(i + ">" + callee + "/" + arguments.size() + "#" + argument));
    }
  }

  private static Optional<Integer> mentioned(com.github.javaparser.ast.expr.Expression expression,
      java.util.Map<String, Integer> carriers) {
    if (expression instanceof com.github.javaparser.ast.expr.NameExpr name) {
      return Optional.ofNullable(carriers.get(name.getNameAsString()));
    }
    for (com.github.javaparser.ast.expr.NameExpr name
        : expression.findAll(com.github.javaparser.ast.expr.NameExpr.class)) {
      Integer index = carriers.get(name.getNameAsString());
      if (index != null) {
        return Optional.of(index);
      }
    }
    return Optional.empty();
  }
}
