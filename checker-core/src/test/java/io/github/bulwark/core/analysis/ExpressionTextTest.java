package io.github.bulwark.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.JavaFixtures;
import io.github.bulwark.core.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The printer-free text must be the printed text, comments and all. */
class ExpressionTextTest {

  /** Receivers in every shape the fast path takes or must refuse, comments in every place. */
  private static final String SOURCE = """
      class Receivers {
        void m(Object e) {
          log.warn("x");
          System.out.println("x");
          java.security.MessageDigest.getInstance("MD5");
          this.cipher.init(1);
          Outer.this.run();
          super.run();
          /* before */ log.warn("x");
          log /* between */ .warn("x");
          System /* inside */ .out.println("x");
          System./* before the name */out.println("x");
          java.security // trailing
              .MessageDigest.getInstance("MD5");
          this/* after this */.cipher.init(1);
          getLogger().error("x");
          ((Cipher) e).init(1);
          "a.MessageDigest".length();
          Foo.<String>bar();
          new String[] {a, b.c, /* x */ d, e /* y */, f.g};
          call(a, /* first */ b.c, d);
        }
      }
      """;

  @Test
  void namesAndQualifiedNamesPrintAsTheirText() {
    Expression receiver = Engine.newParser().parseExpression("java.security.MessageDigest")
        .getResult().orElseThrow();
    assertEquals("java.security.MessageDigest", ExpressionText.of(receiver));
    assertEquals("MessageDigest", ExpressionText.lastName(receiver));
  }

  @Test
  void matchesThePrinterOnCraftedReceivers() {
    assertMatchesPrinter(parse(SOURCE));
  }

  @Test
  void matchesThePrinterOnEveryFixture() throws IOException {
    for (Path source : JavaFixtures.everyJavaSource()) {
      Engine.newParser().parse(Files.readString(source)).getResult()
          .ifPresent(ExpressionTextTest::assertMatchesPrinter);
    }
  }

  private static CompilationUnit parse(String code) {
    return Engine.newParser().parse(code).getResult().orElseThrow();
  }

  private static void assertMatchesPrinter(CompilationUnit unit) {
    for (Expression expression : unit.findAll(Expression.class)) {
      assertEquals(expression.toString(), ExpressionText.of(expression));
    }
    for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
      call.getScope().ifPresent(scope -> {
        String printed = scope.toString();
        String segment = printed.substring(printed.lastIndexOf('.') + 1);
        String lastName = ExpressionText.lastName(scope);
        // lastName is the printed segment whenever the segment is a bare name, else empty.
        if (segment.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*")
            && !segment.equals("this") && !segment.equals("super")
            && !segment.equals("class")) {
          assertEquals(segment, lastName, printed);
        } else {
          assertTrue(lastName.isEmpty() || lastName.equals(segment), printed);
        }
      });
    }
  }
}
