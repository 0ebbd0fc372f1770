package io.github.bulwark.core.analysis;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine knows about one file, built lazily and shared by every rule that visits it:
 * the file's type names resolved through its imports, the declaration and declared type of each
 * name, and constant values. Rules ask here instead of re-deriving facts. One instance belongs to
 * one thread.
 */
public final class FileContext {

  private final SourceFile file;
  private final CompilationUnit unit;
  private final TypeNames typeNames;
  private final ConstantFolder constants;
  private final Map<Node, Optional<Node>> declarations = new IdentityHashMap<>();
  private final String sourceText;
  private final io.github.bulwark.core.config.BulwarkConfig config;
  private final boolean projectHasSources;
  private io.github.bulwark.core.taint.TaintAnalysis taint;
  /** Nodes of one kind by name, each index built by one walk of the file on first use. */
  /** Nodes of each kind by name, built by one walk of the file on first use. */
  private Map<Class<?>, Map<String, List<Node>>> byName;
  private final Map<Object, Map<?, ?>> memos = new IdentityHashMap<>();
  private Boolean testCode;

  public FileContext(SourceFile file, CompilationUnit unit) {
    this(file, unit, null);
  }

  /** A context that knows the file's text, so taint analysis can skip files without sources. */
  /** The file's text as it was parsed (empty when the context was built without it). */
  public String text() {
    return sourceText == null ? "" : sourceText;
  }

  public FileContext(SourceFile file, CompilationUnit unit, String sourceText) {
    this(file, unit, sourceText, io.github.bulwark.core.config.BulwarkConfig.EMPTY);
  }

  /** A context with the project's configuration (custom taint sources, secret formats). */
  public FileContext(SourceFile file, CompilationUnit unit, String sourceText,
      io.github.bulwark.core.config.BulwarkConfig config) {
    this(file, unit, sourceText, config, true);
  }

  /**
   * A context that also knows whether any file of the project reads untrusted data; when none
   * does, taint that only comes from a method's parameters is never followed across files.
   */
  public FileContext(SourceFile file, CompilationUnit unit, String sourceText,
      io.github.bulwark.core.config.BulwarkConfig config, boolean projectHasSources) {
    this.config = config;
    this.projectHasSources = projectHasSources;
    this.file = file;
    this.unit = unit;
    this.typeNames = new TypeNames(unit, this::typesNamed);
    this.constants = new ConstantFolder(typeNames, this);
    this.sourceText = sourceText;
  }

  /**
   * Where untrusted data flows in this file: ask {@code taint().taintOf(sinkArgument)}. Built on
   * first use and shared by every input rule.
   */
  /** The project's {@code bulwark.yml} settings (empty when it has none). */
  public io.github.bulwark.core.config.BulwarkConfig config() {
    return config;
  }

  /** False when no file of the scanned project reads untrusted data. */
  public boolean projectHasSources() {
    return projectHasSources;
  }

  public io.github.bulwark.core.taint.TaintAnalysis taint() {
    if (taint == null) {
      taint = new io.github.bulwark.core.taint.TaintAnalysis(this,
          sourceText == null ? "Request" : sourceText);
    }
    return taint;
  }

  public SourceFile file() {
    return file;
  }

  public CompilationUnit unit() {
    return unit;
  }

  /** Type names of this file, resolved through its package, imports and declarations. */
  public TypeNames types() {
    return typeNames;
  }

  /** True when {@code type} as written here can be {@code fqn}. */
  public boolean isType(Type type, String fqn) {
    return typeNames.is(type.asString(), fqn);
  }

  /**
   * The variable or parameter a name refers to here: a {@link VariableDeclarator} (local or field)
   * or a {@link Parameter} (method, lambda, catch, record component).
   */
  public Optional<Node> declarationOf(NameExpr name) {
    return declarations.computeIfAbsent(name,
        n -> Declarations.find(name.getNameAsString(), name));
  }

  /**
   * The fully qualified declared type of an expression, where the file shows it: a name's
   * declaration ({@code var} taken from a {@code new} initialiser), {@code this.field}, a
   * {@code new} expression, or a cast.
   */
  public Optional<String> declaredType(Expression expression) {
    Expression e = unwrap(expression);
    if (e instanceof ObjectCreationExpr creation) {
      return Optional.of(typeNames.resolve(creation.getType().getNameWithScope()));
    }
    if (e instanceof CastExpr cast) {
      return Optional.of(typeNames.resolve(cast.getType().asString()));
    }
    if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
      return Optional.of("java.lang.String");
    }
    Optional<Node> declaration = Optional.empty();
    if (e instanceof NameExpr name) {
      declaration = declarationOf(name);
    } else if (e instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
      declaration = access.findAncestor(com.github.javaparser.ast.body.TypeDeclaration.class)
          .map(type -> (com.github.javaparser.ast.body.TypeDeclaration<?>) type)
          .flatMap(type -> type.getFieldByName(access.getNameAsString()))
          .flatMap(field -> field.getVariables().stream()
              .filter(v -> v.getNameAsString().equals(access.getNameAsString())).findFirst());
    }
    return declaration.flatMap(this::typeOfDeclaration);
  }

  private Optional<String> typeOfDeclaration(Node declaration) {
    if (declaration instanceof Parameter parameter) {
      if (parameter.getType().isUnknownType()) {
        return Optional.empty(); // implicitly typed lambda parameter
      }
      return Optional.of(typeNames.resolve(parameter.getType().asString()));
    }
    if (declaration instanceof VariableDeclarator variable) {
      if (variable.getType().isVarType()) {
        return variable.getInitializer().flatMap(this::declaredType);
      }
      return Optional.of(typeNames.resolve(variable.getType().asString()));
    }
    return Optional.empty();
  }

  /** The initialiser of the variable a name refers to, when it has one. */
  public Optional<Expression> initializerOf(NameExpr name) {
    return declarationOf(name)
        .filter(VariableDeclarator.class::isInstance)
        .flatMap(d -> ((VariableDeclarator) d).getInitializer());
  }

  /** The compile-time value of an expression, folded within this file. */
  public Optional<Object> constantValue(Expression expression) {
    return constants.fold(expression);
  }

  /** The compile-time string value of an expression, when it is a string. */
  public Optional<String> constantString(Expression expression) {
    return constants.fold(expression).filter(String.class::isInstance).map(String.class::cast);
  }

  /**
   * The constant text an expression's value starts with ({@code "http://" + host} gives
   * {@code "http://"}); the whole value when it is constant.
   */
  public Optional<String> constantPrefix(Expression expression) {
    return constants.prefix(expression);
  }

  /** The constant pieces of a string concatenation, in order; unknown parts left out. */
  public java.util.List<String> constantFragments(Expression expression) {
    return constants.fragments(expression);
  }

  /**
   * True for test code: a file under a {@code src/test}, {@code test} or {@code tests} folder,
   * or named like a test class ({@code *Test}, {@code *Tests}, {@code *IT}). Rules whose
   * findings only matter in production code skip it.
   */
  public boolean isTestCode() {
    // Asked by many rules for every node they visit; the path does not change.
    if (testCode == null) {
      testCode = isTestPath(file.relativePath());
    }
    return testCode;
  }

  private static boolean isTestPath(String relativePath) {
    String path = "/" + relativePath;
    if (path.contains("/src/test/") || path.contains("/test/") || path.contains("/tests/")
        || path.contains("/src/it/") || path.contains("/testFixtures/")) {
      return true;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.endsWith("Test.java") || name.endsWith("Tests.java") || name.endsWith("IT.java")
        || name.endsWith("TestCase.java");
  }

  /**
   * The file's type declarations (classes, interfaces, enums, records, annotation types, nested
   * and local ones) with this simple name, in source order.
   */
  public List<TypeDeclaration<?>> typesNamed(String simpleName) {
    return named(TypeDeclaration.class, simpleName);
  }

  /** The file's method declarations with this name, in source order. */
  public List<MethodDeclaration> methodsNamed(String name) {
    return named(MethodDeclaration.class, name);
  }

  /** The file's calls of methods with this name, in source order. */
  public List<MethodCallExpr> callsNamed(String name) {
    return named(MethodCallExpr.class, name);
  }

  /** The file's {@code new T(...)} expressions whose type's simple name is this, in source order. */
  public List<ObjectCreationExpr> creationsOf(String simpleName) {
    return named(ObjectCreationExpr.class, simpleName);
  }

  /** The file's simple names ({@link NameExpr}) spelled {@code name}, in source order. */
  public List<NameExpr> namesSpelled(String name) {
    return named(NameExpr.class, name);
  }

  /** The file's field accesses ({@code x.name}) of this name, in source order. */
  public List<FieldAccessExpr> fieldAccessesNamed(String name) {
    return named(FieldAccessExpr.class, name);
  }

  /**
   * Nodes of a kind whose name is {@code name}. One walk of the file indexes every kind on first
   * use, so a question asked per node costs a lookup instead of a walk (quadratic on large files),
   * and rules asking about different kinds share the walk.
   */
  @SuppressWarnings("unchecked")
  private <T> List<T> named(Class<?> kind, String name) {
    if (byName == null) {
      byName = indexByName(unit);
    }
    return (List<T>) byName.get(kind).getOrDefault(name, List.of());
  }

  private static Map<Class<?>, Map<String, List<Node>>> indexByName(CompilationUnit unit) {
    Map<String, List<Node>> types = new HashMap<>();
    Map<String, List<Node>> methods = new HashMap<>();
    Map<String, List<Node>> calls = new HashMap<>();
    Map<String, List<Node>> creations = new HashMap<>();
    Map<String, List<Node>> names = new HashMap<>();
    Map<String, List<Node>> fieldAccesses = new HashMap<>();
    preOrder(unit, node -> {
      if (node instanceof NameExpr name) {
        add(names, name.getNameAsString(), node);
      } else if (node instanceof MethodCallExpr call) {
        add(calls, call.getNameAsString(), node);
      } else if (node instanceof FieldAccessExpr access) {
        add(fieldAccesses, access.getNameAsString(), node);
      } else if (node instanceof ObjectCreationExpr creation) {
        add(creations, creation.getType().getNameAsString(), node);
      } else if (node instanceof MethodDeclaration method) {
        add(methods, method.getNameAsString(), node);
      } else if (node instanceof TypeDeclaration<?> type) {
        add(types, type.getNameAsString(), node);
      }
    });
    return Map.of(TypeDeclaration.class, types, MethodDeclaration.class, methods,
        MethodCallExpr.class, calls, ObjectCreationExpr.class, creations, NameExpr.class, names,
        FieldAccessExpr.class, fieldAccesses);
  }

  /**
   * Every node under {@code root} (itself first) in pre-order, children in source order: the
   * order of {@code Node.walk}, on an unsynchronised stack (the walk's iterator uses a
   * {@code java.util.Stack}).
   */
  static void preOrder(Node root, java.util.function.Consumer<Node> action) {
    java.util.ArrayDeque<Node> pending = new java.util.ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      List<Node> children = node.getChildNodes();
      for (int i = children.size() - 1; i >= 0; i--) {
        pending.push(children.get(i));
      }
      action.accept(node);
    }
  }

  private static void add(Map<String, List<Node>> index, String name, Node node) {
    index.computeIfAbsent(name, k -> new ArrayList<>(2)).add(node);
  }

  /**
   * A map that lives as long as this file's analysis, for a fact a rule derives per node and is
   * asked again for other nodes (keys compared by identity): one map per {@code owner}, a
   * constant of the rule. Rules stay stateless; the memo goes with the file's AST.
   */
  @SuppressWarnings("unchecked")
  public <K, V> Map<K, V> memo(Object owner) {
    return (Map<K, V>) memos.computeIfAbsent(owner, o -> new IdentityHashMap<>());
  }

  /** Strips parentheses. */
  public static Expression unwrap(Expression expression) {
    Expression e = expression;
    while (e instanceof EnclosedExpr enclosed) {
      e = enclosed.getInner();
    }
    return e;
  }
}
