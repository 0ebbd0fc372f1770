package io.github.bulwark.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.CompilationUnit;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type names as written in a file, matched against fully qualified names without a class path. */
class TypeNamesTest {

  private static final String TRUST_MANAGER = "javax.net.ssl.X509TrustManager";

  private static TypeNames names(String source) {
    CompilationUnit unit = Engine.newParser().parse(source).getResult().orElseThrow();
    return new FileContext(new SourceFile(Path.of("/X.java"), "X.java"), unit).types();
  }

  @Test
  void explicitImport() {
    TypeNames names = names("import javax.net.ssl.X509TrustManager;\nclass X {}\n");
    assertTrue(names.is("X509TrustManager", TRUST_MANAGER));
    assertTrue(names.is("X509TrustManager[]", TRUST_MANAGER));
    assertTrue(names.imports(TRUST_MANAGER));
    assertEquals(TRUST_MANAGER, names.resolve("X509TrustManager"));
  }

  @Test
  void wildcardImport() {
    TypeNames names = names("import javax.net.ssl.*;\nclass X {}\n");
    assertTrue(names.is("X509TrustManager", TRUST_MANAGER));
    assertTrue(names.imports(TRUST_MANAGER));
    assertFalse(names.imports("javax.net.ssl.sub.Other"));
  }

  @Test
  void sameSimpleNameWithoutAnImportIsAccepted() {
    TypeNames names = names("package com.acme;\nclass X {}\n");
    assertTrue(names.is("X509TrustManager", TRUST_MANAGER));
    assertFalse(names.imports(TRUST_MANAGER));
    assertFalse(names.is("TrustManager", TRUST_MANAGER));
  }

  @Test
  void explicitImportOfAnotherPackageIsRejected() {
    TypeNames names = names("import com.evil.X509TrustManager;\nclass X {}\n");
    assertFalse(names.is("X509TrustManager", TRUST_MANAGER));
    assertTrue(names.is("X509TrustManager", "com.evil.X509TrustManager"));
    assertTrue(names.is("javax.net.ssl.X509TrustManager", TRUST_MANAGER),
        "a fully qualified name says what it is whatever the imports");
  }

  @Test
  void aNameDeclaredTwiceResolvesToTheFirstTypeWithAQualifiedName() {
    TypeNames names = names("""
        package com.acme;
        class A {
          void m() { class Node {} }
          static class Node {}
        }
        class B { static class Node {} }
        """);
    // The local class comes first but has no qualified name; A.Node precedes B.Node.
    assertEquals("com.acme.A.Node", names.resolve("Node"));
    assertEquals("com.acme.A.Node.Inner", names.resolve("Node.Inner"));
    assertEquals("com.acme.B", names.resolve("B"));
    assertEquals("Unknown", names.resolve("Unknown"));
  }

  @Test
  void typeDeclaredInTheFileShadowsTheLibraryName() {
    TypeNames names = names("package com.acme;\nclass X509TrustManager {}\n");
    assertFalse(names.is("X509TrustManager", TRUST_MANAGER));
    assertEquals("com.acme.X509TrustManager", names.resolve("X509TrustManager"));
  }

  @Test
  void javaLangAndGenericsAndNestedNames() {
    TypeNames names = names("import java.util.Map;\nimport java.util.List;\nclass X {}\n");
    assertEquals("java.lang.String", names.resolve("String"));
    assertEquals("java.util.List", names.resolve("List<Map<String, Integer>>"));
    assertEquals("java.util.Map.Entry", names.resolve("Map.Entry<String, Integer>"));
    assertEquals("String", TypeNames.erase("String..."));
    assertTrue(names.is("Map.Entry", "java.util.Map.Entry"));
    assertTrue(names.isAny("List<String>", List.of("java.util.Set", "java.util.List")));
    assertFalse(names.isAny("List<String>", List.of("java.util.Set", "java.awt.List")));
    assertEquals("Unknown", names.resolve("Unknown"), "unknown names come back as written");
  }

  /**
   * {@code is} rejects names whose last part differs before resolving them; it must answer as
   * the full rule does: equal, resolved to it, or unresolved with the same tail.
   */
  @Test
  void isAnswersAsTheFullRuleOverAGridOfNames() {
    TypeNames names = names("""
        package com.acme;
        import java.util.Map;
        import com.evil.X509TrustManager;
        import javax.net.ssl.*;
        class Outer { static class Inner {} class Map2 {} }
        class String2 {}
        """);
    List<String> written = List.of("Map", "Map.Entry", "Map.Entry<K, V>", "java.util.Map",
        "X509TrustManager", "X509TrustManager[]", "TrustManager", "Outer", "Outer.Inner",
        "Inner", "Map2", "String", "String...", "Object", "List<String>", "Unknown",
        "a.b.Unknown", "? extends Map", "", "com.acme.Outer.Inner", "Entry");
    List<String> fqns = List.of("java.util.Map", "java.util.Map.Entry",
        "javax.net.ssl.X509TrustManager", "com.evil.X509TrustManager", "com.acme.Outer",
        "com.acme.Outer.Inner", "x.Inner", "java.lang.String", "String", "Unknown",
        "a.b.Unknown", "x.Unknown", "java.util.List", "Entry", "Map2");
    for (String w : written) {
      for (String fqn : fqns) {
        String name = TypeNames.erase(w);
        String resolved = names.resolve(name);
        boolean expected = name.equals(fqn) || resolved.equals(fqn)
            || resolved.equals(name)
                && (fqn.endsWith("." + name) || TypeNames.simpleName(fqn).equals(name));
        assertEquals(expected, names.is(w, fqn), w + " is " + fqn);
      }
    }
  }

  @Test
  void staticImportsAreNotTypeImports() {
    TypeNames names = names(
        "import static javax.net.ssl.HttpsURLConnection.setDefaultHostnameVerifier;\n"
            + "class X {}\n");
    assertEquals("setDefaultHostnameVerifier", names.resolve("setDefaultHostnameVerifier"));
  }

  @Test
  void isTypeOnTheContext() {
    String source = "import javax.net.ssl.X509TrustManager;\nclass X { X509TrustManager tm; }\n";
    CompilationUnit unit = Engine.newParser().parse(source).getResult().orElseThrow();
    FileContext context = new FileContext(new SourceFile(Path.of("/X.java"), "X.java"), unit);
    var type = unit.findFirst(com.github.javaparser.ast.body.FieldDeclaration.class)
        .orElseThrow().getElementType();
    assertTrue(context.isType(type, TRUST_MANAGER));
    assertFalse(context.isType(type, "javax.net.ssl.TrustManager"));
  }
}
