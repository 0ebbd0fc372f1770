package io.github.bulwark.core.analysis;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves type names as written in one file to fully qualified names, from its imports, its
 * package and the types it declares. Without a class path this is best effort: a simple name that
 * no import explains stays as written, and {@link #is} accepts it when nothing contradicts.
 */
public final class TypeNames {

  private final String packageName;
  private final Map<String, String> singleImports = new HashMap<>();
  private final Set<String> wildcardPackages = new HashSet<>();
  /** The file's types by simple name, from the file's index (asked per name, not walked). */
  private final Function<String, List<TypeDeclaration<?>>> typesNamed;
  /** Simple name to the qualified name of the first type declared here with it (null: none). */
  private final Map<String, String> declaredTypes = new HashMap<>();

  TypeNames(CompilationUnit unit, Function<String, List<TypeDeclaration<?>>> typesNamed) {
    this.typesNamed = typesNamed;
    this.packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    for (ImportDeclaration declaration : unit.getImports()) {
      if (declaration.isStatic()) {
        continue;
      }
      String name = declaration.getNameAsString();
      if (declaration.isAsterisk()) {
        wildcardPackages.add(name);
      } else {
        singleImports.put(simpleName(name), name);
      }
    }
  }

  /**
   * The qualified name of the first type (in source order) declared in this file with this simple
   * name that has one (local classes have none), or null.
   */
  private String declaredType(String simpleName) {
    if (declaredTypes.containsKey(simpleName)) {
      return declaredTypes.get(simpleName);
    }
    String fqn = null;
    for (TypeDeclaration<?> type : typesNamed.apply(simpleName)) {
      Optional<String> name = type.getFullyQualifiedName();
      if (name.isPresent()) {
        fqn = name.get();
        break;
      }
    }
    declaredTypes.put(simpleName, fqn);
    return fqn;
  }

  public String packageName() {
    return packageName;
  }

  /**
   * The fully qualified name for a type name as written ({@code Map}, {@code Map.Entry},
   * {@code java.util.Map}); generics and array brackets are ignored. Unknown names come back as
   * written.
   */
  public String resolve(String written) {
    String name = erase(written);
    int dot = name.indexOf('.');
    String head = dot < 0 ? name : name.substring(0, dot);
    String tail = dot < 0 ? "" : name.substring(dot);
    String headFqn = declaredType(head);
    if (headFqn == null) {
      headFqn = singleImports.get(head);
    }
    if (headFqn == null && dot < 0 && JavaLang.TYPES.contains(name)) {
      headFqn = "java.lang." + name;
    }
    return headFqn == null ? name : headFqn + tail;
  }

  /**
   * True when a type written as {@code written} in this file can be {@code fqn}: it resolves to
   * it, or it is the same simple name and no import or declaration in the file says otherwise.
   */
  public boolean is(String written, String fqn) {
    String name = erase(written);
    if (!sameSimpleName(name, fqn)) {
      // Every way below to be fqn keeps the last name (imports, declared types and java.lang
      // resolve a name to one ending in it): most names are rejected before resolving.
      return false;
    }
    if (name.equals(fqn)) {
      return true;
    }
    String resolved = resolve(name);
    if (resolved.equals(fqn)) {
      return true;
    }
    if (!resolved.equals(name)) {
      return false; // resolved to something else
    }
    // Qualified by an outer class we don't know (Outer.Inner): compare the tails.
    return fqn.endsWith("." + name) || simpleName(fqn).equals(name);
  }

  /** True when the written name is any of {@code fqns}. */
  public boolean isAny(String written, Iterable<String> fqns) {
    for (String fqn : fqns) {
      if (is(written, fqn)) {
        return true;
      }
    }
    return false;
  }

  /** True when the file imports {@code fqn} explicitly or its package by wildcard. */
  public boolean imports(String fqn) {
    int dot = fqn.lastIndexOf('.');
    return singleImports.containsValue(fqn)
        || (dot > 0 && wildcardPackages.contains(fqn.substring(0, dot)));
  }

  static String erase(String written) {
    String name = written.strip();
    int generic = name.indexOf('<');
    if (generic >= 0) {
      name = name.substring(0, generic);
    }
    int array = name.indexOf('[');
    if (array >= 0) {
      name = name.substring(0, array);
    }
    if (name.endsWith("...")) {
      name = name.substring(0, name.length() - 3);
    }
    return name.strip();
  }

  /** The parts after the last dot are equal ({@code Map.Entry} and {@code java.util.Map.Entry}). */
  private static boolean sameSimpleName(String name, String fqn) {
    int nameStart = name.lastIndexOf('.') + 1;
    int fqnStart = fqn.lastIndexOf('.') + 1;
    int length = name.length() - nameStart;
    return length == fqn.length() - fqnStart
        && name.regionMatches(nameStart, fqn, fqnStart, length);
  }

  static String simpleName(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  /** The java.lang types rules ask about; enough to resolve names without imports. */
  private static final class JavaLang {
    static final Set<String> TYPES = Set.copyOf(List.of(
        "Object", "String", "StringBuilder", "StringBuffer", "System", "Thread", "Runtime",
        "Process", "ProcessBuilder", "Class", "ClassLoader", "Math", "Integer", "Long", "Short",
        "Byte", "Character", "Boolean", "Double", "Float", "Number", "Iterable", "Exception",
        "RuntimeException", "Error", "Throwable", "InterruptedException", "SecurityException",
        "IllegalArgumentException", "IllegalStateException", "NullPointerException",
        "UnsupportedOperationException", "CharSequence", "Enum", "Record", "Void",
        "AutoCloseable", "Runnable", "Override", "Deprecated", "SuppressWarnings",
        "FunctionalInterface", "SafeVarargs", "StackOverflowError", "OutOfMemoryError",
        "AssertionError", "ClassCastException", "NumberFormatException",
        "IndexOutOfBoundsException", "ArrayIndexOutOfBoundsException", "ReflectiveOperationException",
        "ClassNotFoundException", "CloneNotSupportedException", "ThreadLocal"));
  }
}
