package io.github.bulwark.rules.ratelimit;

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

/** MissingRateLimit decides with the whole project: limiters in services, filters elsewhere. */
class MissingRateLimitProjectTest {

  private static final String CONTROLLER = """
      package app.web;
      import org.springframework.web.bind.annotation.*;
      @RestController
      @RequestMapping("/api/auth")
      public class AuthController {
        private final AuthService auth;
        AuthController(AuthService auth) { this.auth = auth; }
        @PostMapping("/login")
        public String login(@RequestBody LoginForm form) {
          return auth.login(form.username(), form.password());
        }
      }
      """;

  @TempDir Path root;

  @Test
  void limiterInAServiceTheControllerCallsClearsTheEndpoint() throws IOException {
    write("src/main/java/app/web/AuthController.java", CONTROLLER);
    write("src/main/java/app/service/AuthService.java", """
        package app.service;
        public class AuthService {
          private final LoginGuard guard = new LoginGuard();
          public String login(String username, String password) {
            guard.check(username);
            return "token";
          }
        }
        """);
    write("src/main/java/app/service/LoginGuard.java", """
        package app.service;
        import io.github.bulwark.runtime.RateLimiter;
        import java.time.Duration;
        class LoginGuard {
          private final RateLimiter limiter =
              RateLimiter.perKey().capacity(5).refillEvery(Duration.ofMinutes(1)).build();
          void check(String username) {
            if (!limiter.tryAcquire(username).allowed()) {
              throw new TooManyAttempts();
            }
          }
        }
        """);
    assertEquals(List.of(), findings());
  }

  @Test
  void serviceWithoutALimiterLeavesTheEndpointFlagged() throws IOException {
    write("src/main/java/app/web/AuthController.java", CONTROLLER);
    write("src/main/java/app/service/AuthService.java", """
        package app.service;
        public class AuthService {
          public String login(String username, String password) {
            return repository.check(username, password) ? "token" : null;
          }
        }
        """);
    List<Finding> findings = findings();
    assertEquals(1, findings.size(), findings::toString);
    assertEquals(9, findings.get(0).line());
    assertTrue(findings.get(0).message().contains("/api/auth/login"), findings.get(0).message());
  }

  @Test
  void aRateLimitFilterForAllPathsClearsTheEndpoint() throws IOException {
    write("src/main/java/app/web/AuthController.java", CONTROLLER);
    write("src/main/java/app/service/AuthService.java", """
        package app.service;
        public class AuthService {
          public String login(String username, String password) { return "token"; }
        }
        """);
    write("src/main/java/app/config/WebConfig.java", """
        package app.config;
        import org.springframework.boot.web.servlet.FilterRegistrationBean;
        import org.springframework.context.annotation.Bean;
        public class WebConfig {
          @Bean
          FilterRegistrationBean<RateLimitFilter> rateLimitFilter() {
            FilterRegistrationBean<RateLimitFilter> bean = new FilterRegistrationBean<>(new RateLimitFilter());
            bean.addUrlPatterns("/*");
            return bean;
          }
        }
        """);
    assertEquals(List.of(), findings());
  }

  @Test
  void anInterceptorForOtherPathsDoesNotClearTheLogin() throws IOException {
    write("src/main/java/app/web/AuthController.java", CONTROLLER);
    write("src/main/java/app/config/MvcConfig.java", """
        package app.config;
        import org.springframework.web.servlet.config.annotation.*;
        public class MvcConfig implements WebMvcConfigurer {
          private final RateLimitInterceptor rateLimitInterceptor = new RateLimitInterceptor();
          @Override
          public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(rateLimitInterceptor).addPathPatterns("/api/search/**");
          }
        }
        """);
    assertEquals(1, findings().size());
  }

  @Test
  void anInterceptorOnTheAuthPathsClearsTheLogin() throws IOException {
    write("src/main/java/app/web/AuthController.java", CONTROLLER);
    write("src/main/java/app/config/MvcConfig.java", """
        package app.config;
        import org.springframework.web.servlet.config.annotation.*;
        public class MvcConfig implements WebMvcConfigurer {
          private final RateLimitInterceptor rateLimitInterceptor = new RateLimitInterceptor();
          @Override
          public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(rateLimitInterceptor).addPathPatterns("/api/auth/**");
          }
        }
        """);
    assertEquals(List.of(), findings());
  }

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private List<Finding> findings() {
    ScanResult result = new Engine(RuleRegistry.load()).scan(ScanRequest.builder()
        .root(root).rules(List.of("MissingRateLimit")).build());
    assertTrue(result.diagnostics().isEmpty(), () -> result.diagnostics().toString());
    return result.findings();
  }
}
