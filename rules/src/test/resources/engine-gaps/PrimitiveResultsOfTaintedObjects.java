package enginegaps;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * ENGINE GAP: values that cannot carry text keep the taint of the object they were read from.
 *
 * 1. array.length on a tainted array: Interpreter.fieldAccess returns
 *    Value.tainted(scope.allTaint()) for 'length' unless the array's elements are tracked.
 *    Expected: no finding on the line marked "ok" in download(). Actual: CrossSiteScripting.
 * 2. Methods of a tainted object that return primitives (Process.pid(), Process.isAlive(),
 *    exitValue(), File.length(), ...) pass taint through the default rule (step 8 of
 *    Calls.evaluate). Expected: no finding in trace(). Actual: CrossSiteScripting on the return.
 * Suggested fix: treat FieldAccessExpr 'length' as clean (an int) and extend CLEAN_RESULT with
 * pid, isAlive, exitValue, waitFor, lastModified, and other primitive-returning JDK methods,
 * or consult declared return types where the file shows them.
 */
class PrimitiveResultsOfTaintedObjects {

  void download(HttpServletRequest request, HttpServletResponse response) throws Exception {
    byte[] content = java.nio.file.Files.readAllBytes(
        java.nio.file.Paths.get("/data", request.getParameter("f"))); // expect: PathTraversal
    response.getOutputStream().write(content.length); // ok: an int
  }

  @Path("/trace")
  static class Resource {
    @GET
    public String trace(@QueryParam("host") String host) throws Exception {
      Process p = Runtime.getRuntime().exec(new String[] {"traceroute", host}); // expect: CommandInjection
      return String.valueOf(p.isAlive()); // ok: a boolean
    }
  }
}
