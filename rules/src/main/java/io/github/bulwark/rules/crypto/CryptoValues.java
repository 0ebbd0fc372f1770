package io.github.bulwark.rules.crypto;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.rules.passwords.PasswordValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Values the crypto and password rules read off the code: the algorithm names an expression can
 * hold ({@code "MD5"}, a constant, a field, a local's latest assignment, both arms of a
 * conditional, and the literal default of a property lookup such as
 * {@code props.getProperty("hashAlg", "SHA1")}), and whether a byte array is fixed at compile time
 * (a literal array, {@code "..".getBytes()}, a decoded literal, or a {@code new byte[n]} that
 * nothing ever fills: an all-zero array).
 */
public final class CryptoValues {

  private static final int MAX_DEPTH = 10;
  /** Lookups whose last argument is a literal default: properties, maps, config, env. */
  private static final Set<String> DEFAULTED_LOOKUPS = Set.of(
      "getProperty", "getOrDefault", "getString", "getInitParameter", "get", "getValue",
      "getParameter", "orElse", "getenv", "or", "defaultIfBlank", "defaultString",
      "firstNonNull");
  /** Calls that write into the array passed to them (so it is no longer the zero array). */
  private static final Set<String> NON_FILLING = Set.of("length", "clone", "equals", "hashCode");

  private CryptoValues() {}

  /**
   * Every algorithm name {@code expression} may hold, as far as the file shows; empty when none
   * is known.
   */
  public static List<String> algorithms(Expression expression, FileContext file) {
    List<String> names = new ArrayList<>();
    collect(expression, file, names, 0);
    return names;
  }

  private static void collect(Expression expression, FileContext file, List<String> out,
      int depth) {
    if (expression == null || depth > MAX_DEPTH) {
      return;
    }
    Optional<String> constant = file.constantString(expression);
    if (constant.isPresent()) {
      out.add(constant.get());
      return;
    }
    Expression e = FileContext.unwrap(expression);
    if (e instanceof ConditionalExpr conditional) {
      collect(conditional.getThenExpr(), file, out, depth + 1);
      collect(conditional.getElseExpr(), file, out, depth + 1);
    } else if (e instanceof NameExpr name) {
      Optional<AssignExpr> latest = PasswordValues.latestAssignment(name);
      if (latest.isPresent()) {
        collect(latest.get().getValue(), file, out, depth + 1);
      } else {
        file.initializerOf(name).ifPresent(init -> collect(init, file, out, depth + 1));
      }
    } else if (e instanceof FieldAccessExpr access) {
      Optional<VariableDeclarator> field = fieldOf(access, file);
      if (field.isPresent() && field.get().getInitializer().isPresent()) {
        collect(field.get().getInitializer().get(), file, out, depth + 1);
      } else if (!(access.getScope() instanceof ThisExpr)) {
        // MessageDigestAlgorithms.MD5, Algorithm.SHA_1: the constant's name is the algorithm.
        out.add(access.getNameAsString().replace('_', '-'));
      }
    } else if (e instanceof MethodCallExpr call && DEFAULTED_LOOKUPS.contains(call.getNameAsString())
        && !call.getArguments().isEmpty()
        && (call.getArguments().size() >= 2 || call.getNameAsString().equals("orElse"))) {
      collect(call.getArgument(call.getArguments().size() - 1), file, out, depth + 1);
    }
  }

  /**
   * The configuration key an algorithm name is read from ({@code props.getProperty("cryptoAlg1",
   * "AES/GCM/NoPadding")} gives {@code cryptoAlg1}), following locals: the project's properties
   * files, not the default in the code, decide what runs.
   */
  public static Optional<String> configuredKey(Expression expression, FileContext file) {
    Expression e = FileContext.unwrap(expression);
    for (int depth = 0; depth < MAX_DEPTH && e != null; depth++) {
      if (e instanceof MethodCallExpr call && call.getNameAsString().equals("getProperty")
          && !call.getArguments().isEmpty()) {
        return file.constantString(call.getArgument(0));
      }
      if (!(e instanceof NameExpr name)) {
        return Optional.empty();
      }
      Optional<AssignExpr> latest = PasswordValues.latestAssignment(name);
      e = latest.map(AssignExpr::getValue)
          .or(() -> file.initializerOf(name))
          .map(FileContext::unwrap)
          .orElse(null);
    }
    return Optional.empty();
  }

  /** The field {@code this.x} or {@code Type.X} names, when it is declared in this file. */
  static Optional<VariableDeclarator> fieldOf(FieldAccessExpr access, FileContext file) {
    String name = access.getNameAsString();
    Optional<TypeDeclaration<?>> owner;
    if (access.getScope() instanceof ThisExpr) {
      owner = access.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
    } else {
      String scope = ExpressionText.of(access.getScope());
      String simple = scope.substring(scope.lastIndexOf('.') + 1);
      owner = access.findCompilationUnit()
          .flatMap(unit -> file.typesNamed(simple).stream().findFirst());
    }
    return owner.flatMap(type -> type.getFieldByName(name))
        .flatMap(field -> field.getVariables().stream()
            .filter(v -> v.getNameAsString().equals(name)).findFirst());
  }

  /** Upper-cased algorithm name with separators kept: {@code "sha-1"} gives {@code "SHA-1"}. */
  static String normalise(String algorithm) {
    return algorithm.trim().toUpperCase(Locale.ROOT);
  }

  /** True when {@code expression} is a byte (or char) array whose content is fixed in the code. */
  public static boolean isConstantBytes(Expression expression, FileContext file) {
    return constantBytes(expression, file, 0);
  }

  private static boolean constantBytes(Expression expression, FileContext file, int depth) {
    if (expression == null || depth > MAX_DEPTH) {
      return false;
    }
    Expression e = FileContext.unwrap(expression);
    if (e instanceof ArrayInitializerExpr initializer) {
      return initializer.getValues().stream().allMatch(v -> file.constantValue(v).isPresent());
    }
    if (e instanceof ArrayCreationExpr creation) {
      return creation.getInitializer()
          .map(init -> constantBytes(init, file, depth + 1))
          .orElse(false); // new byte[n] alone: judged where it is stored, see below
    }
    if (e instanceof MethodCallExpr call) {
      String method = call.getNameAsString();
      if ((method.equals("getBytes") || method.equals("toCharArray")) && call.getScope().isPresent()) {
        return file.constantString(call.getScope().get()).isPresent();
      }
      if ((method.equals("clone") || method.equals("copyOf")) && call.getScope().isPresent()) {
        Expression source = method.equals("clone") ? call.getScope().get()
            : call.getArguments().isEmpty() ? null : call.getArgument(0);
        return constantBytes(source, file, depth + 1);
      }
      String lower = method.toLowerCase(Locale.ROOT);
      boolean decodes = lower.contains("decode") || lower.contains("hex")
          || lower.contains("parse") || lower.contains("bytes") || lower.contains("base64");
      return decodes && call.getArguments().size() == 1
          && file.constantString(call.getArgument(0)).isPresent();
    }
    if (e instanceof NameExpr name) {
      Optional<AssignExpr> latest = PasswordValues.latestAssignment(name);
      if (latest.isPresent()) {
        return constantBytes(latest.get().getValue(), file, depth + 1)
            || neverFilledZeroArray(latest.get().getValue(), name.getNameAsString(), name);
      }
      Optional<Node> declaration = file.declarationOf(name);
      if (declaration.isEmpty() || !(declaration.get() instanceof VariableDeclarator variable)) {
        return false;
      }
      if (assignedAnywhere(variable, name.getNameAsString())) {
        return false;
      }
      return variable.getInitializer().map(init -> constantBytes(init, file, depth + 1)
              || neverFilledZeroArray(init, name.getNameAsString(), variable))
          .orElse(false);
    }
    if (e instanceof FieldAccessExpr access) {
      return fieldOf(access, file).filter(v -> !assignedAnywhere(v, v.getNameAsString()))
          .flatMap(VariableDeclarator::getInitializer)
          .map(init -> constantBytes(init, file, depth + 1))
          .orElse(false);
    }
    return false;
  }

  /**
   * {@code new byte[16]} that no call fills ({@code random.nextBytes(iv)}, {@code in.read(iv)},
   * {@code System.arraycopy(.., iv, ..)}) and no element assignment writes: an all-zero array.
   */
  private static boolean neverFilledZeroArray(Expression init, String name, Node near) {
    Expression e = FileContext.unwrap(init);
    if (!(e instanceof ArrayCreationExpr creation) || creation.getInitializer().isPresent()) {
      return false;
    }
    boolean field = near.getParentNode().filter(FieldDeclaration.class::isInstance).isPresent();
    Node scope = (field ? Optional.<Node>empty()
        : near.findAncestor(com.github.javaparser.ast.body.CallableDeclaration.class)
            .map(c -> (Node) c)
            .or(() -> near.findAncestor(com.github.javaparser.ast.expr.LambdaExpr.class)
                .map(l -> (Node) l)))
        .or(() -> near.findAncestor(TypeDeclaration.class).map(t -> (Node) t))
        .orElse(near.findRootNode());
    for (MethodCallExpr call : scope.findAll(MethodCallExpr.class)) {
      if (NON_FILLING.contains(call.getNameAsString())) {
        continue;
      }
      boolean passed = call.getArguments().stream().anyMatch(a -> refersTo(a, name));
      boolean receiver = call.getScope().map(s -> refersTo(s, name)).orElse(false);
      if (passed || receiver) {
        return false;
      }
    }
    for (ObjectCreationExpr creationUse : scope.findAll(ObjectCreationExpr.class)) {
      String type = creationUse.getType().getNameAsString();
      if (!type.endsWith("ParameterSpec") && !type.equals("SecretKeySpec")
          && creationUse.getArguments().stream().anyMatch(a -> refersTo(a, name))) {
        return false; // a wrapper (ByteBuffer, stream) may fill it
      }
    }
    for (AssignExpr assign : scope.findAll(AssignExpr.class)) {
      if (assign.getTarget() instanceof ArrayAccessExpr access && refersTo(access.getName(), name)) {
        return false;
      }
    }
    return true;
  }

  private static boolean assignedAnywhere(VariableDeclarator variable, String name) {
    boolean field = variable.getParentNode().filter(FieldDeclaration.class::isInstance).isPresent();
    if (!field) {
      return false; // locals: the latest assignment before the use is read instead
    }
    Node scope = variable.findAncestor(TypeDeclaration.class).map(t -> (Node) t)
        .orElse(variable.findRootNode());
    return scope.findAll(AssignExpr.class).stream().anyMatch(a -> refersTo(a.getTarget(), name));
  }

  private static boolean refersTo(Expression expression, String name) {
    Expression e = FileContext.unwrap(expression);
    return e instanceof NameExpr n && n.getNameAsString().equals(name)
        || e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
            && f.getNameAsString().equals(name);
  }
}
