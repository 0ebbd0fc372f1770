package io.github.bulwark.rules.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.project.MethodSummary;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plain-text test that runs before the "does this method log?" patterns, over every call of
 * every project method: it must let through every call the patterns accept, in any case.
 */
class MissingSecurityLoggingRecordTest {

  private static MethodSummary calling(String... called) {
    return new MethodSummary("A.java", "A", "m", 0, Set.of(), Set.of(called), Set.of(),
        Set.of());
  }

  @Test
  void everyCallTheLogPatternsAcceptPassesThePlainTextTest() {
    List<String> records = List.of("log.info", "LOGGER.warn", "Log.error", "lOgGeR.debug",
        "logFailure", "auditTrail", "AUDIT.record", "securityAudit.write", "SecurityLog.event",
        "new LoginFailedEvent", "new AccessEvent", "this.logger.atWarn", "LOG.severe");
    for (String call : records) {
      assertTrue(MissingSecurityLogging.mayRecord(call), call);
      assertTrue(MissingSecurityLogging.LOGS.test(calling(call)), call);
    }
  }

  @Test
  void ordinaryCallsAreRejectedByThePlainTextTest() {
    for (String call : List.of("map.get", "builder.append", "repository.save", "new User", "go",
        "lo", "")) {
      assertFalse(MissingSecurityLogging.mayRecord(call), call);
    }
    assertFalse(MissingSecurityLogging.LOGS.test(calling("map.get", "System.out.println")));
    assertTrue(MissingSecurityLogging.mayRecord("catalog.lookup"),
        "a superset is fine: the patterns decide");
    assertFalse(MissingSecurityLogging.LOGS.test(calling("catalog.lookup")));
    assertEquals(false, MissingSecurityLogging.LOGS.test(calling("System.Logger.log")),
        "System.* receivers never count");
  }
}
