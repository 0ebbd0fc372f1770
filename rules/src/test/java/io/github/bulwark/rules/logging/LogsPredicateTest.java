package io.github.bulwark.rules.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bulwark.core.project.MethodSummary;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which called names count as writing a log or audit record (shortcuts before each regex). */
class LogsPredicateTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "log.info                 | true",
      "LOGGER.warn              | true",
      "this.logger.debug        | true",
      "System.out.println       | false",
      "System.log.info          | false",
      "Sys.info                 | false",
      "cache.info               | false",
      "auditService.record      | true",
      "AUDIT.save               | true",
      "mySecurityLog.write      | true",
      "SecurityLOG.write        | true",
      "audit                    | true",
      "auditLogin               | true",
      "logout                   | false",
      "auditor                  | false",
      "new LoginEvent           | true",
      "new Event                | false",
      "new ApiKeyAccessEvent    | true",
      "repository.save          | false"})
  void recognisesRecords(String called, boolean logs) {
    MethodSummary method = new MethodSummary("F.java", "F", "m", 0, Set.of(),
        Set.of(called), Set.of(), Set.of());
    assertEquals(logs, MissingSecurityLogging.LOGS.test(method));
  }
}
