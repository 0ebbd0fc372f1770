package io.github.bulwark.rules.mfa;

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

/** MissingSecondFactor only speaks in projects that have a second factor to skip. */
class MissingSecondFactorProjectTest {

  private static final String ADMIN_LOGIN = """
      package app.admin;
      import org.springframework.web.bind.annotation.*;
      @RestController
      public class AdminAuthController {
        private final UserRepository users;
        private final PasswordEncoder passwordEncoder;
        private final JwtIssuer jwt;
        AdminAuthController(UserRepository users, PasswordEncoder passwordEncoder, JwtIssuer jwt) {
          this.users = users; this.passwordEncoder = passwordEncoder; this.jwt = jwt;
        }
        @PostMapping("/admin/login")
        public String adminLogin(@RequestBody LoginForm form) {
          User user = users.findByUsername(form.username());
          if (!passwordEncoder.matches(form.password(), user.getPasswordHash())) {
            throw new BadCredentials();
          }
          return jwt.generateToken(user);
        }
      }
      """;

  private static final String CUSTOMER_LOGIN = """
      package app.shop;
      import org.springframework.web.bind.annotation.*;
      @RestController
      public class CustomerAuthController {
        private final UserRepository users;
        private final PasswordEncoder passwordEncoder;
        private final JwtIssuer jwt;
        CustomerAuthController(UserRepository users, PasswordEncoder passwordEncoder, JwtIssuer jwt) {
          this.users = users; this.passwordEncoder = passwordEncoder; this.jwt = jwt;
        }
        @PostMapping("/login")
        public String login(@RequestBody LoginForm form) {
          User user = users.findByUsername(form.username());
          if (!passwordEncoder.matches(form.password(), user.getPasswordHash())) {
            throw new BadCredentials();
          }
          return jwt.generateToken(user);
        }
      }
      """;

  private static final String TOTP_SERVICE = """
      package app.mfa;
      public class TotpService {
        public boolean verifyTotp(String secret, String code) {
          return io.github.bulwark.runtime.Totp.verifier(secret).verify(code, 0L).valid();
        }
      }
      """;

  @TempDir Path root;

  @Test
  void adminLoginSkippingTheProjectsTotpIsFlaggedAndNamesIt() throws IOException {
    write("src/main/java/app/admin/AdminAuthController.java", ADMIN_LOGIN);
    write("src/main/java/app/mfa/TotpService.java", TOTP_SERVICE);
    List<Finding> findings = findings();
    assertEquals(1, findings.size(), findings::toString);
    assertEquals(12, findings.get(0).line());
    assertTrue(findings.get(0).message().contains("TotpService.verifyTotp"),
        findings.get(0).message());
  }

  @Test
  void adminLoginInAProjectWithoutAnySecondFactorIsNotFlagged() throws IOException {
    write("src/main/java/app/admin/AdminAuthController.java", ADMIN_LOGIN);
    assertEquals(List.of(), findings());
  }

  @Test
  void customerLoginWithoutTwoFactorInAProjectWithNoTwoFactorIsNotFlagged() throws IOException {
    write("src/main/java/app/shop/CustomerAuthController.java", CUSTOMER_LOGIN);
    assertEquals(List.of(), findings());
  }

  @Test
  void customerLoginIsNotPrivilegedEvenWhenTheProjectHasTotp() throws IOException {
    write("src/main/java/app/shop/CustomerAuthController.java", CUSTOMER_LOGIN);
    write("src/main/java/app/mfa/TotpService.java", TOTP_SERVICE);
    assertEquals(List.of(), findings());
  }

  @Test
  void adminLoginWhoseServiceChecksTheCodeIsNotFlagged() throws IOException {
    write("src/main/java/app/admin/AdminAuthController.java",
        ADMIN_LOGIN.replace("return jwt.generateToken(user);",
            "secondStep.requireCode(user, form.code());\n    return jwt.generateToken(user);"));
    write("src/main/java/app/admin/SecondStep.java", """
        package app.admin;
        public class SecondStep {
          private final app.mfa.TotpService totp = new app.mfa.TotpService();
          void requireCode(User user, String code) {
            if (!totp.verifyTotp(user.getTotpSecret(), code)) {
              throw new BadCredentials();
            }
          }
        }
        """);
    write("src/main/java/app/mfa/TotpService.java", TOTP_SERVICE);
    assertEquals(List.of(), findings());
  }

  @Test
  void secondFactorOnlyInTestsDoesNotCount() throws IOException {
    write("src/main/java/app/admin/AdminAuthController.java", ADMIN_LOGIN);
    write("src/test/java/app/mfa/TotpService.java", TOTP_SERVICE);
    assertEquals(List.of(), findings());
  }

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private List<Finding> findings() {
    ScanResult result = new Engine(RuleRegistry.load()).scan(ScanRequest.builder()
        .root(root).rules(List.of("MissingSecondFactor")).build());
    assertTrue(result.diagnostics().isEmpty(), () -> result.diagnostics().toString());
    return result.findings();
  }
}
