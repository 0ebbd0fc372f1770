package fixtures.input;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** OWASP-Benchmark-style command injection servlets: Runtime.exec and ProcessBuilder. */
@WebServlet("/cmd")
public class CommandServlets extends HttpServlet {

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String param = request.getParameter("host");
    String bar = doSomething(request, param);
    String cmd = "ping -c 1 ";
    Runtime r = Runtime.getRuntime();
    r.exec(cmd + bar); // expect: CommandInjection
    r.exec("ping -c 1 localhost"); // ok: constant command
    Runtime.getRuntime().exec(new String[] {"sh", "-c", "echo " + bar}); // expect: CommandInjection
    String[] args = {"/bin/ls", "-l"};
    String[] argsEnv = {"FOO=" + bar};
    r.exec(args, argsEnv); // expect: CommandInjection
    r.exec(args, new String[] {"LANG=C"}, new File(System.getProperty("user.dir"))); // ok: fixed command, fixed environment, configured folder
    int count = Integer.parseInt(param);
    r.exec("ping -c " + count + " localhost"); // ok: parsed to a number
  }

  private static String doSomething(HttpServletRequest request, String param) {
    String bar = "";
    if (param != null) {
      bar = new String(java.util.Base64.getDecoder().decode(
          java.util.Base64.getEncoder().encode(param.getBytes())));
    }
    return bar;
  }

  /** A header, through an unknown helper object, into a ProcessBuilder argument list. */
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String param = "";
    java.util.Enumeration<String> headers = request.getHeaders("X-Target");
    if (headers != null && headers.hasMoreElements()) {
      param = headers.nextElement();
    }
    param = java.net.URLDecoder.decode(param, "UTF-8");
    ThingInterface thing = ThingFactory.createThing();
    String bar = thing.doSomething(param);
    List<String> argList = new ArrayList<>();
    argList.add("sh");
    argList.add("-c");
    argList.add("echo " + bar);
    ProcessBuilder pb = new ProcessBuilder(argList); // expect: CommandInjection
    pb.start();
    ProcessBuilder other = new ProcessBuilder();
    other.command(argList); // expect: CommandInjection
    List<String> fixed = new ArrayList<>();
    fixed.add("ls");
    fixed.add("-la");
    new ProcessBuilder(fixed).start(); // ok: a list of constants
    new ProcessBuilder("git", "status").start(); // ok: constant arguments
  }

  /** Values from parameter arrays, maps and cookies. */
  protected void doPut(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String fromArray = request.getParameterValues("dir")[0];
    Runtime.getRuntime().exec("ls " + fromArray); // expect: CommandInjection
    String fromMap = request.getParameterMap().get("dir")[0];
    Runtime.getRuntime().exec("ls " + fromMap); // expect: CommandInjection
    String fromCookie = "none";
    javax.servlet.http.Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (javax.servlet.http.Cookie cookie : cookies) {
        if (cookie.getName().equals("dir")) {
          fromCookie = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
          break;
        }
      }
    }
    Runtime.getRuntime().exec("ls " + fromCookie); // expect: CommandInjection
  }

  /** Dead branches, constant switches, allow-lists and safe map keys. */
  protected void doDelete(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String param = request.getParameter("dir");
    String bar;
    int num = 86;
    if ((7 * 42) - num > 200) {
      bar = "This_should_always_happen";
    } else {
      bar = param;
    }
    Runtime.getRuntime().exec("ls " + bar); // ok: the tainted branch is dead
    java.util.HashMap<String, Object> map = new java.util.HashMap<>();
    map.put("keyA", "a-Value");
    map.put("keyB", param);
    String safe = (String) map.get("keyA");
    Runtime.getRuntime().exec("ls " + safe); // ok: the safe key
    String guess = "ABC";
    switch (guess.charAt(2)) {
      case 'A':
        bar = param;
        break;
      case 'C':
        bar = "bob";
        break;
      default:
        bar = param;
    }
    Runtime.getRuntime().exec("ls " + bar); // ok: case 'C' is taken
    if (!param.matches("[a-z]+")) {
      throw new IllegalArgumentException("bad dir");
    }
    Runtime.getRuntime().exec("ls " + param); // ok: allow-listed before use
    String configured = System.getProperty("backup.dir");
    Runtime.getRuntime().exec(new String[] {"tar", "czf", "/tmp/b.tgz", configured}); // ok: configuration, not the request
  }
}
