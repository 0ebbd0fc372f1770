package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import javax.security.auth.login.FailedLoginException;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Checks that client output never carries exception details and that the log carries them all. */
class SafeErrorsTest {

  private static final Pattern INCIDENT = Pattern.compile("[A-Za-z0-9_-]{22}");

  private final CapturingLogger logger = new CapturingLogger();
  private final SecurityLog log = SecurityLog.using(logger);

  private static SQLException sqlFailure() {
    SQLException e = new SQLException("ERROR: column \"ssn\" does not exist in SELECT ssn, "
        + "password_hash FROM users WHERE id = '1' OR '1'='1' at /srv/app/db/UserDao.java:42");
    e.setNextException(new SQLException("connection jdbc:postgresql://db.internal:5432/prod"));
    return e;
  }

  @Test
  void anInternalFailureBecomesAGeneric500WithNoDetail() throws IOException {
    SQLException cause = sqlFailure();
    RuntimeException e = new RuntimeException("query failed: " + cause.getMessage(), cause);
    SafeError error = SafeErrors.respond(e, log);
    assertEquals(500, error.status());
    assertEquals("An internal error occurred.", error.message());
    assertTrue(INCIDENT.matcher(error.incidentId()).matches(), error.incidentId());
    String json = error.toJson();
    assertEquals("{\"error\":\"An internal error occurred.\",\"incident\":\""
        + error.incidentId() + "\"}", json);
    StringWriter written = new StringWriter();
    SafeErrors.write(error, written);
    String body = written.toString();
    assertEquals(json, body);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    for (String forbidden : new String[] {"SELECT", "ssn", "users", "UserDao", "SQLException",
        "RuntimeException", "java.", "postgresql", "at ", "Caused by", "query failed"}) {
      assertFalse(body.contains(forbidden), () -> forbidden + " leaked: " + body);
      assertFalse(error.body().toString().contains(forbidden), forbidden);
      assertFalse(error.message().contains(forbidden), forbidden);
      assertFalse(error.toString().contains(forbidden), forbidden);
    }
    assertEquals(2, error.body().size());
    assertEquals(error.incidentId(), error.body().get("incident"));
    assertThrows(UnsupportedOperationException.class, () -> error.body().put("x", "y"));
  }

  @Test
  void theFullExceptionIsLoggedAtErrorUnderTheSameIncidentId() {
    SQLException cause = sqlFailure();
    SafeError error = SafeErrors.respond(new IllegalStateException("boom", cause), log);
    CapturingLogger.Entry entry = logger.single();
    assertEquals(Level.ERROR, entry.level);
    assertEquals("event=error_response incident=" + error.incidentId() + " status=500"
        + " exception=java.lang.IllegalStateException message=boom", entry.message);
    assertEquals(SecurityLog.MARKER_NAME, entry.marker.getName());
    StringWriter trace = new StringWriter();
    entry.throwable.printStackTrace(new PrintWriter(trace));
    assertTrue(trace.toString().contains("Caused by: java.sql.SQLException: ERROR: column"),
        trace.toString());
    assertTrue(trace.toString().contains("SafeErrorsTest"), "stack trace kept");
  }

  @Test
  void validationExceptionsAnswer400WithTheirSafeMessage() {
    ValidationException invalid = assertThrows(ValidationException.class,
        () -> InputValidator.integer("12\"<script>", 1, 100));
    SafeError error = SafeErrors.respond(invalid, log);
    assertEquals(400, error.status());
    assertEquals(invalid.getMessage(), error.message());
    assertFalse(error.toJson().contains("<"), error.toJson());
    assertEquals(Level.WARN, logger.single().level);
  }

  @Test
  void plainIllegalArgumentExceptionsAreInternalErrors() {
    SafeError error = SafeErrors.respond(
        new IllegalArgumentException("no tenant 'acme' in table tenants"), log);
    assertEquals(500, error.status());
    assertEquals(SafeErrors.INTERNAL_ERROR, error.message());
  }

  @Test
  void securityExceptionsAnswerGeneric401Or403() {
    SafeError denied = SafeErrors.respond(new SecurityException("user 7 lacks ROLE_ADMIN"), log);
    assertEquals(403, denied.status());
    assertEquals("Access is denied.", denied.message());
    SafeError login = SafeErrors.respond(new FailedLoginException("no user bob"), log);
    assertEquals(401, login.status());
    assertEquals("Authentication is required.", login.message());
    assertFalse(login.toJson().contains("bob"));
    // A file-system AccessDeniedException is the server's problem, not the client's.
    assertEquals(500, SafeErrors.respond(new AccessDeniedException("/etc/app.key"), log).status());
  }

  @Test
  void wrappersAreJudgedByTheirCause() {
    assertEquals(403, SafeErrors.respond(
        new CompletionException(new SecurityException("x")), log).status());
    assertEquals(401, SafeErrors.respond(
        new InvocationTargetException(new FailedLoginException("x")), log).status());
    assertEquals(500, SafeErrors.respond(new CompletionException(null), log).status());
  }

  @Test
  void nullIsAnInternalError() {
    SafeError error = SafeErrors.respond(null, log);
    assertEquals(500, error.status());
    assertTrue(logger.single().message.contains("exception=null"));
    assertThrows(NullPointerException.class, () -> SafeErrors.respond(new RuntimeException(), null));
    assertThrows(NullPointerException.class, () -> SafeErrors.write(null, new StringWriter()));
  }

  @Test
  void incidentIdsAreUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      ids.add(SafeErrors.respond(new RuntimeException(), log).incidentId());
    }
    assertEquals(1_000, ids.size());
    assertNotEquals(ids.iterator().next(), SafeErrors.respond(new RuntimeException()).incidentId());
  }

  @Test
  void jsonStringsEscapeQuotesControlsAndMarkup() {
    assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u003c/script\\u003e\\u0026\\u0027\\u2028\"",
        SafeError.jsonString("a\"b\\c\n\r\t\u0001</script>&'\u2028"));
    Map<String, Object> body = new SafeError(400, "bad \"x\"", "id").body();
    assertEquals("bad \"x\"", body.get("error"));
    assertEquals("{\"error\":\"bad \\\"x\\\"\",\"incident\":\"id\"}",
        new SafeError(400, "bad \"x\"", "id").toJson());
  }
}
