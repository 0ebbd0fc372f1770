package io.github.bulwark.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.engine.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Logging and console calls recognised by shape. */
class CallShapesTest {

  @ParameterizedTest(name = "{0} -> log {1}, print {2}")
  @CsvSource(delimiter = '|', value = {
      "log.warn(\"x\")                       | true  | false",
      "LOGGER.log(Level.SEVERE, \"x\", e)     | true  | false",
      "auditLog.info(\"x\")                  | true  | false",
      "getLogger().error(\"x\")              | true  | false",
      "log.atWarn().setCause(e).log(\"x\")   | true  | false",
      "System.out.println(\"x\")             | false | true",
      "System.err.printf(\"%s\", e)          | false | true",
      "e.printStackTrace()                 | false | true",
      "list.add(\"x\")                       | false | false",
      "writer.println(\"x\")                 | false | false",
      "info(\"x\")                           | false | false"})
  void recognisesCallShapes(String code, boolean logging, boolean printing) {
    MethodCallExpr call = Engine.newParser().parseExpression(code).getResult()
        .orElseThrow().asMethodCallExpr();
    assertEquals(logging, CallShapes.isLoggingCall(call), "logging");
    assertEquals(printing, CallShapes.isPrintCall(call), "printing");
  }
}
