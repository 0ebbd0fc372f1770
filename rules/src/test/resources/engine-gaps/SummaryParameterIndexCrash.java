package enginegaps;

import com.sun.net.httpserver.HttpExchange;

/**
 * ENGINE GAP (crash): java.lang.IndexOutOfBoundsException "Index 4 out of bounds for length 0"
 * reported as "engine error: rule LogInjection failed" on the logger.log(..) line; 303 such
 * engine errors over the JDK sources (LogInjection, PathTraversal, SqlInjection, SSRF,
 * UnsafeReflection, HeaderInjection, RegexInjection), on any rule that asks taintOf().
 *
 * Expected: no finding and no engine error.
 * Actual:   engine error on the logger.log(..) line in handle().
 * Likely cause: the constructor stores its parameter 4 into the field 'target'
 * (Taint.parameter(4) joined into TaintAnalysis.fields). target() returns the field, so its
 * summary's taint has parameters() = {4}; TaintAnalysis.applySummary then does
 * args.get(index) for index 4 on a call with no arguments. Parameter indexes of one method leak
 * through fields into another method's summary; applySummary (and resolve) should drop
 * parameter taint that does not belong to the callee (or fields should never hold symbolic
 * parameter taint).
 */
class SummaryParameterIndexCrash {
  private static final System.Logger logger = System.getLogger("x");
  String target;

  SummaryParameterIndexCrash(HttpExchange ex, String a, String b, String c, String d) {
    target = d;
  }

  String target() {
    return target;
  }

  void handle(HttpExchange exchange) {
    logger.log(System.Logger.Level.INFO, target()); // ok: no request data here
  }
}
