package enginegaps;

import javax.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ENGINE GAP: removing CR and LF with String.replace/replaceAll is the usual log-forging fix,
 * but the engine passes taint through replace/replaceAll unchanged, so LogInjection (and
 * HeaderInjection) still fire.
 *
 * Expected: no finding on the lines marked "ok"; a finding on the line marked "expect".
 * Actual:   LogInjection on all three.
 * Suggested fix: in Calls, treat replace/replaceAll whose pattern argument is a constant
 * matching CR/LF ("\n", "\r", "[\r\n]", "\\R", "[\\r\\n]+") as clearing LOG and HEADER once both
 * characters are removed (a chain of two replace calls, or one pattern covering both).
 */
class CrlfStrippingNotASanitizer {
  private static final Logger log = LoggerFactory.getLogger(CrlfStrippingNotASanitizer.class);

  void login(HttpServletRequest request) {
    String user = request.getParameter("user");
    log.info("Login for {}", user.replace('\n', '_').replace('\r', '_')); // ok: CR and LF removed
    log.info("Login for {}", user.replaceAll("[\r\n]", "")); // ok: CR and LF removed
    log.info("Login for {}", user.replace("'", "")); // expect: LogInjection
  }
}
