package fixtures.input;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** More OWASP Benchmark shapes: parameter names, wrapper requests, helper sinks with several arguments. */
@WebServlet(value = "/shapes/BenchmarkTest00042")
public class BenchmarkShapes extends HttpServlet {

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    response.setContentType("text/html;charset=UTF-8");
    String param = "";
    boolean flag = true;
    java.util.Enumeration<String> names = request.getParameterNames();
    while (names.hasMoreElements() && flag) {
      String name = (String) names.nextElement();
      String[] values = request.getParameterValues(name);
      if (values != null) {
        for (int i = 0; i < values.length && flag; i++) {
          String value = values[i];
          if (value.equals("BenchmarkTest00042")) {
            param = name;
            flag = false;
          }
        }
      }
    }
    String bar = org.apache.commons.lang.StringEscapeUtils.escapeHtml(param);
    response.getWriter().print(bar.toCharArray()); // ok: HTML-escaped
    String sql = "SELECT * from USERS where USERNAME=? and PASSWORD='" + bar + "'";
    try {
      java.sql.Connection connection = org.owasp.benchmark.helpers.DatabaseHelper.getSqlConnection();
      java.sql.PreparedStatement statement = connection.prepareStatement(sql, // expect: SqlInjection
          java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
      statement.setString(1, "foo");
      statement.execute();
      java.sql.Statement plain = connection.createStatement();
      plain.execute("SELECT * FROM USERS WHERE NAME='" + bar + "'", java.sql.Statement.RETURN_GENERATED_KEYS); // expect: SqlInjection
      Long count = org.owasp.benchmark.helpers.DatabaseHelper.JDBCtemplate.queryForObject( // ok: the SQL is the next line
          "SELECT count(*) FROM USERS WHERE NAME='" + bar + "'", Long.class); // expect: SqlInjection
      response.getWriter().print(count);
    } catch (java.sql.SQLException e) {
      throw new ServletException(e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    org.owasp.benchmark.helpers.SeparateClassRequest scr =
        new org.owasp.benchmark.helpers.SeparateClassRequest(request);
    String param = scr.getTheValue("BenchmarkTest00043");
    String bar = "";
    if (param != null) {
      java.util.List<String> valuesList = new java.util.ArrayList<String>();
      valuesList.add("safe");
      valuesList.add(param);
      valuesList.add("moresafe");
      valuesList.remove(0);
      bar = valuesList.get(0);
    }
    String cmd = org.owasp.benchmark.helpers.Utils.getInsecureOSCommandString(
        this.getClass().getClassLoader());
    String[] argsEnv = {bar};
    Runtime r = Runtime.getRuntime();
    Process p = r.exec(cmd, argsEnv, new java.io.File(System.getProperty("user.dir"))); // expect: CommandInjection
    Process q = r.exec(cmd, new String[] {"FOO=bar"}, new java.io.File(System.getProperty("user.dir"))); // ok: constant environment, fixed command
    org.owasp.benchmark.helpers.Utils.printOSCommandResults(p, response);
    request.getSession().putValue(bar, "10340"); // expect: TrustBoundaryViolation
    response.getWriter().println("Item: '" + org.owasp.esapi.ESAPI.encoder().encodeForHTML(bar) + "' saved in session."); // ok: HTML-encoded
    java.io.FileInputStream fis = new java.io.FileInputStream(org.owasp.benchmark.helpers.Utils.TESTFILES_DIR + bar); // expect: PathTraversal
    fis.close();
  }
}
