package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

/** Checks the line format, escaping against forged lines, masking by name and by shape, nulls. */
class SecurityLogTest {

  private final CapturingLogger logger = new CapturingLogger();
  private final SecurityLog log = SecurityLog.using(logger);

  @Test
  void eachEventHasAStableNameLevelAndTheSecurityMarker() {
    log.loginSuccess("alice");
    log.loginFailure("alice", "bad_password");
    log.accessDenied("bob", "/admin/users/42");
    log.passwordChanged("alice");
    log.roleChanged("carol", "admin");
    log.userDeleted("admin", "dave");
    log.tokenIssued("alice", "refresh");
    log.tokenRejected(null, "expired");
    log.apiKeyCreated("k_7Qx2");
    log.apiKeyRevoked("k_7Qx2");
    log.rateLimited("203.0.113.9");
    log.mfaFailure("alice");
    log.logout("alice");
    List<CapturingLogger.Entry> entries = logger.entries();
    String[] expected = {
        "INFO event=login_success user=alice",
        "WARN event=login_failure user=alice reason=bad_password",
        "WARN event=access_denied user=bob resource=/admin/users/42",
        "INFO event=password_changed user=alice",
        "INFO event=role_changed user=carol role=admin",
        "INFO event=user_deleted actor=admin user=dave",
        "INFO event=token_issued user=alice kind=refresh",
        "WARN event=token_rejected user=null reason=expired",
        "INFO event=api_key_created key_id=k_7Qx2",
        "INFO event=api_key_revoked key_id=k_7Qx2",
        "WARN event=rate_limited key=203.0.113.9",
        "WARN event=mfa_failure user=alice",
        "INFO event=logout user=alice",
    };
    assertEquals(expected.length, entries.size());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], entries.get(i).toString());
      assertEquals(SecurityLog.MARKER_NAME, entries.get(i).marker.getName());
    }
  }

  @Test
  void genericEventsKeepFieldOrderAndQuoteValuesWithSpacesOrEquals() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("user", "alice smith");
    fields.put("rows", 1200);
    fields.put("filter", "a=b");
    fields.put("empty", "");
    fields.put("quote", "say \"hi\"");
    fields.put("literal_null", "null");
    fields.put("missing", null);
    log.event("export.started", fields);
    assertEquals("event=export.started user=\"alice smith\" rows=1200 filter=\"a=b\" empty=\"\""
        + " quote=\"say \\\"hi\\\"\" literal_null=\"null\" missing=null",
        logger.single().message);
    assertEquals(Level.INFO, logger.single().level);
  }

  @Test
  void crLfInjectionCannotForgeASecondLine() {
    log.loginFailure("alice\r\nevent=login_success user=admin", "bad_password");
    String line = logger.single().message;
    assertFalse(line.contains("\n") || line.contains("\r"), line);
    assertEquals("event=login_failure user=\"alice\\r\\nevent=login_success user=admin\""
        + " reason=bad_password", line);
    // The forged pair sits inside the quoted user value: a key=value parser sees one event.
    assertEquals(1, line.split("(^| )event=", -1).length - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0007", "\u0000", "\u001b[31m", "\u007f", "\u0085", "\u2028",
      "\u2029", "\u202e", "\u2066", "\ufeff", "\t"})
  void controlAndInvisibleCharactersAreEscaped(String payload) {
    log.accessDenied("eve" + payload + "x", "/");
    String line = logger.single().message;
    for (char c : payload.toCharArray()) {
      if (c != '[' && c != '3' && c != '1' && c != 'm') {
        assertFalse(line.indexOf(c) >= 0, () -> "raw U+" + Integer.toHexString(c) + " in " + line);
      }
    }
    assertTrue(line.contains("user=eve\\"), line);
  }

  @Test
  void backslashesAreEscapedSoEscapesCannotBeFaked() {
    log.loginSuccess("a\\nb");
    assertEquals("event=login_success user=a\\\\nb", logger.single().message);
  }

  @Test
  void fieldsNamedAsSecretsAreMasked() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("user", "alice");
    fields.put("password", "hunter2");
    fields.put("new_password", "hunter3");
    fields.put("api_key", "abc");
    fields.put("apikey", "abc");
    fields.put("access_token", "t");
    fields.put("client_secret", "s");
    fields.put("authorization", "x");
    fields.put("cookie", "c");
    fields.put("session_id", "s1");
    fields.put("db.credential", "c");
    fields.put("private_key", "k");
    fields.put("pwd", "p");
    log.event("config_loaded", fields);
    String line = logger.single().message;
    assertEquals("event=config_loaded user=alice password=**** new_password=**** api_key=****"
        + " apikey=**** access_token=**** client_secret=**** authorization=**** cookie=****"
        + " session_id=**** db.credential=**** private_key=**** pwd=****", line);
  }

  @Test
  void valuesShapedLikeSecretsAreMasked() {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("header", "Authorization: Bearer abc.def-123_XYZ");
    fields.put("basic", "Basic dXNlcjpodW50ZXIy");
    fields.put("jwt", jwt);
    fields.put("in_text", "rejected " + jwt + " as expired");
    fields.put("aws", "AKIAIOSFODNN7EXAMPLE");
    fields.put("github", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8");
    fields.put("stripe", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc");
    fields.put("random", Tokens.urlSafe().replace('_', 'A').replace('-', 'b') + "Z9a");
    fields.put("pem", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----");
    log.event("request_seen", fields);
    String line = logger.single().message;
    assertEquals("event=request_seen header=\"Authorization: Bearer ****\""
        + " basic=\"Basic ****\" jwt=**** in_text=\"rejected **** as expired\" aws=****"
        + " github=**** stripe=**** random=**** pem=****", line);
  }

  @Test
  void ordinaryValuesAreNotMasked() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("uuid", "3f2a4b1c-9d8e-4f7a-b6c5-1e2d3c4b5a69");
    fields.put("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    fields.put("path", "/api/v1/users/42/orders");
    fields.put("reason", "bad_password");
    fields.put("kind", "password_reset");
    log.event("seen", fields);
    assertEquals("event=seen uuid=3f2a4b1c-9d8e-4f7a-b6c5-1e2d3c4b5a69"
        + " sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        + " path=/api/v1/users/42/orders reason=bad_password kind=password_reset",
        logger.single().message);
  }

  @Test
  void maskHidesEverythingButPresence() {
    assertEquals("****", SecurityLog.mask("hunter2"));
    assertEquals("****", SecurityLog.mask(""));
    assertNull(SecurityLog.mask(null));
  }

  @Test
  void nullValuesAreWrittenAsNullAndNullArgumentsToTheApiAreRefused() {
    log.loginFailure(null, null);
    assertEquals("event=login_failure user=null reason=null", logger.single().message);
    assertThrows(NullPointerException.class, () -> SecurityLog.using(null));
    assertThrows(NullPointerException.class, () -> log.event("x", null));
    log.failure("job_failed", null);
    assertEquals("event=job_failed outcome=failure exception=null message=null",
        logger.entries().get(1).message);
  }

  @Test
  void longValuesAreCutVisibly() {
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      flood.append("ab ");
    }
    log.accessDenied("u", flood.toString());
    String line = logger.single().message;
    assertTrue(line.endsWith("...[+14000 chars]\""), line.substring(line.length() - 40));
    assertTrue(line.length() < 1_100, "length " + line.length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Login", "login failure", "login\nsuccess", "1st", "a=b", "ü"})
  void badEventAndFieldNamesAreRefusedNamingTheName(String name) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> log.event(name, Collections.emptyMap()));
    assertTrue(refused.getMessage().contains("[a-z0-9_.]"), refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> log.event("ok", Collections.singletonMap(name, "v")));
    assertThrows(IllegalArgumentException.class, () -> log.event(null, Collections.emptyMap()));
    assertTrue(logger.entries().isEmpty());
  }

  @Test
  void aFieldCannotOverrideTheEventName() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> log.event("export", Collections.singletonMap("event", "login_success")));
    assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
  }

  @Test
  void failureLogsTheExceptionAtErrorWithEscapedMessagesAndTheOriginalStackTrace() {
    SQLException root = new SQLException("bad value 'x'\r\nevent=login_success user=admin");
    IllegalStateException wrapper = new IllegalStateException("capture failed", root);
    wrapper.addSuppressed(new RuntimeException("close\nfailed"));
    log.failure("payment_capture", wrapper);
    CapturingLogger.Entry entry = logger.single();
    assertEquals(Level.ERROR, entry.level);
    assertEquals("event=payment_capture outcome=failure exception=java.lang.IllegalStateException"
        + " message=\"capture failed\"", entry.message);
    assertNotNull(entry.throwable);
    StringWriter trace = new StringWriter();
    entry.throwable.printStackTrace(new PrintWriter(trace));
    String printed = trace.toString();
    assertTrue(printed.startsWith("java.lang.IllegalStateException: capture failed"), printed);
    assertTrue(printed.contains("Caused by: java.sql.SQLException: bad value 'x'\\r\\n"
        + "event=login_success user=admin"), printed);
    assertTrue(printed.contains("Suppressed: java.lang.RuntimeException: close\\nfailed"), printed);
    for (String printedLine : printed.split("\n")) {
      assertFalse(printedLine.startsWith("event="), printedLine);
    }
    assertEquals(wrapper.getStackTrace()[0], entry.throwable.getStackTrace()[0]);
  }

  @Test
  void failureSurvivesCyclicCauses() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    log.failure("loop", a);
    assertNotNull(logger.single().throwable.getCause());
  }

  @Test
  void theDefaultInstanceIsShared() {
    assertSame(SecurityLog.get(), SecurityLog.get());
    assertEquals("bulwark.security", SecurityLog.LOGGER_NAME);
  }
}
