package io.github.bulwark.rules.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.rule.RuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Directly or in a project method it calls": a controller in one file whose service in another
 * file writes the log record is clear; without that service in the scan it is reported.
 */
class MissingSecurityLoggingAcrossFilesTest {

  private static final String CONTROLLER = """
      package app.web;

      import org.springframework.http.ResponseEntity;
      import org.springframework.web.bind.annotation.*;

      @RestController
      class AdminController {
        private final UserAdminService users;

        AdminController(UserAdminService users) {
          this.users = users;
        }

        @DeleteMapping("/admin/users/{id}")
        public ResponseEntity<Void> deleteUser(@PathVariable long id) {
          users.removeAccount(id, "admin request");
          return ResponseEntity.noContent().build();
        }

        @PostMapping("/admin/users/{id}/unlock")
        public ResponseEntity<Void> unlock(@PathVariable long id, @RequestHeader String otp) {
          if (!users.verifyOtp(id, otp)) {
            return ResponseEntity.status(403).build();
          }
          return ResponseEntity.ok().build();
        }
      }
      """;

  private static final String SERVICE = """
      package app.service;

      import org.slf4j.Logger;
      import org.slf4j.LoggerFactory;

      public class UserAdminService {
        private static final Logger log = LoggerFactory.getLogger(UserAdminService.class);
        private final UserStore store;

        public UserAdminService(UserStore store) {
          this.store = store;
        }

        public void removeAccount(long id, String reason) {
          store.delete(id);
          log.info("account {} removed: {}", id, reason);
        }

        public boolean verifyOtp(long id, String otp) {
          boolean ok = store.otpMatches(id, otp);
          if (!ok) {
            log.warn("wrong one-time code for account {}", id);
          }
          return ok;
        }
      }
      """;

  @TempDir Path project;

  @Test
  void serviceInAnotherFileThatLogsClearsTheController() throws IOException {
    write("src/main/java/app/web/AdminController.java", CONTROLLER);
    write("src/main/java/app/service/UserAdminService.java", SERVICE);

    assertEquals(List.of(), scan(), "the service logs both the deletion and the failed check");
  }

  @Test
  void withoutTheLoggingServiceTheControllerIsReported() throws IOException {
    write("src/main/java/app/web/AdminController.java", CONTROLLER);

    List<Finding> findings = scan();

    assertEquals(List.of(15, 23), findings.stream().map(Finding::line).toList(),
        () -> findings.toString());
    assertTrue(findings.get(0).message().contains("'deleteUser'"), findings.get(0).message());
  }

  private void write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private List<Finding> scan() {
    ScanResult result = new Engine(RuleRegistry.load()).scan(ScanRequest.builder()
        .root(project)
        .rules(List.of("MissingSecurityLogging"))
        .build());
    assertEquals(List.of(), result.diagnostics());
    return result.findings();
  }
}
