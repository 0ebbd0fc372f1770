package io.github.bulwark.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.source.SourceFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-file facts rules rely on: constant values and declared types. The source probes each
 * fact with {@code fold("label", expr)} or {@code type("label", expr)}.
 */
class FileContextTest {

  private static final String SOURCE = """
      package com.acme.net;

      import javax.net.ssl.X509TrustManager;
      import java.util.List;
      import java.util.Map;

      class Consts {
        static final String SCHEME = "https://";
        static final String HOST = SCHEME + "example.com";
        static final long PORT = 8443;
        private static final String PATH = "/api";
        public static String mutable = "m";
        String visibleNonFinal = "v";
        private String privateNeverWritten = "p";
        private String privateWritten = "w1";
        X509TrustManager trustField;
        List<String> names;

        private String writtenThroughThis = "t1";

        void setW() { privateWritten = "w2"; }
        void setT() { this.writtenThroughThis = "t2"; }
        void other() { String elsewhere = "o"; elsewhere = "p"; int counter = 0; counter++; }

        void m(String param, X509TrustManager tm, Map.Entry<String, Integer> entry) {
          String local = "loc";
          String reassigned = "a";
          reassigned = "b";
          String appended = "x";
          appended += "y";
          final String fin = "f" + 1;
          String effectivelyFinal = local + "-" + fin;
          String block = \"""
              hello
                world\""";
          var manager = new X509TrustManager() {};
          var text = "s";
          var unknown = helper();
          Object cast = (X509TrustManager) param;
          int count = 3;
          int incremented = 1;
          --incremented;
          String elsewhere = "e";
          int counter = 5;

          fold("literal", "abc");
          fold("concat", "a" + "b" + 'c' + 1 + 2L);
          fold("parens", ("p" + ("q")));
          fold("staticFinal", HOST);
          fold("qualified", Consts.HOST);
          fold("thisQualified", this.PATH);
          fold("withNumber", SCHEME + HOST.length() + PORT);
          fold("numberConcat", HOST + ":" + PORT);
          fold("local", local);
          fold("final", fin);
          fold("effectivelyFinal", effectivelyFinal);
          fold("textBlock", block);
          fold("textBlockDirect", \"""
              x\""");
          fold("valueOf", String.valueOf(PORT));
          fold("concatMethod", SCHEME.concat("h"));
          fold("privateNeverWritten", privateNeverWritten);
          fold("reassigned", reassigned);
          fold("appended", appended);
          fold("mutable", mutable);
          fold("visibleNonFinal", visibleNonFinal);
          fold("privateWritten", privateWritten);
          fold("param", param);
          fold("call", helper());
          fold("count", count);
          fold("writtenThroughThis", writtenThroughThis);
          fold("incremented", incremented);
          fold("elsewhere", elsewhere);
          fold("counter", counter);

          type("param", param);
          type("tm", tm);
          type("field", trustField);
          type("thisField", this.trustField);
          type("generic", names);
          type("nested", entry);
          type("var", manager);
          type("varString", text);
          type("varUnknown", unknown);
          type("local", local);
          type("cast", cast);
          type("new", new X509TrustManager() {});
          type("literal", "s");
          type("lambda", (java.util.function.Function<String, String>) s -> s);
          java.util.function.Consumer<String> c = s -> type("lambdaParam", s);
        }
      }
      """;

  private static final Map<String, Expression> folds = new HashMap<>();
  private static final Map<String, Expression> types = new HashMap<>();
  private static FileContext context;

  @BeforeAll
  static void parse() {
    CompilationUnit unit = Engine.newParser().parse(SOURCE).getResult().orElseThrow();
    context = new FileContext(new SourceFile(Path.of("/p/Consts.java"), "Consts.java"), unit);
    for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      if ((name.equals("fold") || name.equals("type")) && call.getArguments().size() == 2) {
        String label = call.getArgument(0).asStringLiteralExpr().asString();
        (name.equals("fold") ? folds : types).put(label, call.getArgument(1));
      }
    }
  }

  private static Optional<String> folded(String label) {
    assertTrue(folds.containsKey(label), label);
    return context.constantString(folds.get(label));
  }

  private static Optional<String> typed(String label) {
    assertTrue(types.containsKey(label), label);
    return context.declaredType(types.get(label));
  }

  @Test
  void foldsLiteralsConcatenationAndConstants() {
    assertEquals(Optional.of("abc"), folded("literal"));
    assertEquals(Optional.of("abc12"), folded("concat"));
    assertEquals(Optional.of("pq"), folded("parens"));
    assertEquals(Optional.of("https://example.com"), folded("staticFinal"));
    assertEquals(Optional.of("https://example.com"), folded("qualified"));
    assertEquals(Optional.of("/api"), folded("thisQualified"));
    assertEquals(Optional.of("https://example.com:8443"), folded("numberConcat"));
    assertEquals(Optional.of("8443"), folded("valueOf"));
    assertEquals(Optional.of("https://h"), folded("concatMethod"));
  }

  @Test
  void foldsEffectivelyFinalLocalsAndTextBlocks() {
    assertEquals(Optional.of("loc"), folded("local"));
    assertEquals(Optional.of("f1"), folded("final"));
    assertEquals(Optional.of("loc-f1"), folded("effectivelyFinal"));
    assertEquals(Optional.of("hello\n  world"), folded("textBlock"));
    assertEquals(Optional.of("x"), folded("textBlockDirect"));
    assertEquals(Optional.of("p"), folded("privateNeverWritten"));
    assertEquals(Optional.of(3L), context.constantValue(folds.get("count")));
    // Same names are written in another method, which does not change these locals.
    assertEquals(Optional.of("e"), folded("elsewhere"));
    assertEquals(Optional.of(5L), context.constantValue(folds.get("counter")));
  }

  @Test
  void doesNotFoldWhatMayChange() {
    assertEquals(Optional.empty(), folded("reassigned"));
    assertEquals(Optional.empty(), folded("appended"));
    assertEquals(Optional.empty(), folded("mutable"));
    assertEquals(Optional.empty(), folded("visibleNonFinal"));
    assertEquals(Optional.empty(), folded("privateWritten"));
    assertEquals(Optional.empty(), folded("writtenThroughThis"));
    assertEquals(Optional.empty(), context.constantValue(folds.get("incremented")));
    assertEquals(Optional.empty(), folded("param"));
    assertEquals(Optional.empty(), folded("call"));
    assertEquals(Optional.empty(), folded("withNumber"), "HOST.length() is a call");
  }

  @Test
  void declaredTypesResolveThroughImportsAndJavaLang() {
    String trustManager = "javax.net.ssl.X509TrustManager";
    assertEquals(Optional.of("java.lang.String"), typed("param"));
    assertEquals(Optional.of(trustManager), typed("tm"));
    assertEquals(Optional.of(trustManager), typed("field"));
    assertEquals(Optional.of(trustManager), typed("thisField"));
    assertEquals(Optional.of("java.util.List"), typed("generic"));
    assertEquals(Optional.of("java.util.Map.Entry"), typed("nested"));
    assertEquals(Optional.of(trustManager), typed("var"));
    assertEquals(Optional.of("java.lang.String"), typed("varString"));
    assertEquals(Optional.empty(), typed("varUnknown"));
    assertEquals(Optional.of("java.lang.String"), typed("local"));
    assertEquals(Optional.of("java.lang.Object"), typed("cast"));
    assertEquals(Optional.of(trustManager), typed("new"));
    assertEquals(Optional.of("java.lang.String"), typed("literal"));
    assertEquals(Optional.empty(), typed("lambdaParam"), "implicitly typed lambda parameter");
  }

  @Test
  void declarationOfFindsTheNearestDeclaration() {
    Expression local = folds.get("local");
    Optional<com.github.javaparser.ast.Node> declaration =
        context.declarationOf(local.asNameExpr());
    assertTrue(declaration.isPresent());
    assertEquals("local = \"loc\"", declaration.get().toString());
    assertEquals(Optional.of(new StringLiteralExpr("loc")),
        context.initializerOf(local.asNameExpr()));
    assertEquals("com.acme.net", context.types().packageName());
  }

  @Test
  void preOrderVisitsAsNodeWalkDoes() {
    CompilationUnit unit = context.unit();
    List<com.github.javaparser.ast.Node> walked = new java.util.ArrayList<>();
    unit.walk(walked::add);
    List<com.github.javaparser.ast.Node> visited = new java.util.ArrayList<>();
    FileContext.preOrder(unit, visited::add);
    assertEquals(walked.size(), visited.size());
    for (int i = 0; i < walked.size(); i++) {
      assertTrue(walked.get(i) == visited.get(i), "node " + i);
    }
  }
}
