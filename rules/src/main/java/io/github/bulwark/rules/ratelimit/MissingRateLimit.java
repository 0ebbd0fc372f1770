package io.github.bulwark.rules.ratelimit;

import com.github.javaparser.ast.body.MethodDeclaration;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.project.MethodSummaries;
import io.github.bulwark.core.project.MethodSummary;
import io.github.bulwark.core.project.ProjectIndex;
import io.github.bulwark.core.project.ProjectQuestion;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.ProjectRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags authentication entry points that an attacker can call as fast as the network allows:
 * a Spring MVC, JAX-RS or servlet handler for login, token issuance, one-time-code or 2FA
 * verification, password reset, registration or API-key creation (recognised by its path, its
 * name, its class, or a body that checks a password) with no throttle anywhere on its path.
 *
 * <p>Cleared, with the whole project in view, by: a call to a rate limiter on the handler or in
 * any project method it reaches (the runtime {@code RateLimiter}, Bucket4j {@code tryConsume},
 * Resilience4j {@code acquirePermission}, Guava {@code tryAcquire}, a receiver named like a
 * limiter or bucket); a failed-attempt counter, lockout or CAPTCHA on that path; a rate-limit
 * annotation on the handler, its class or a method it reaches; or a rate-limit filter or
 * interceptor in the project whose paths cover the handler's (one with no paths, or
 * {@code /*}, covers every endpoint). A GET handler counts only when it checks a password: a
 * login form page is not a login. Test code is skipped.
 */
@RuleInfo(
    id = "MissingRateLimit",
    family = Family.RATELIMIT,
    title = "Authentication endpoint without rate limiting",
    cwe = {307},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.MEDIUM,
    confidence = Confidence.MEDIUM,
    description = "An endpoint that checks a password, a one-time code or a reset token answers "
        + "every guess: with no limit per client or account an attacker runs credential stuffing "
        + "or brute-forces a 6-digit code (a million tries) in minutes.",
    fix = "Throttle per client and per account before checking: RateLimiter limiter = "
        + "RateLimiter.perKey().capacity(5).refillEvery(Duration.ofMinutes(1)).build(); then "
        + "`if (!limiter.tryAcquire(ip + ':' + username).allowed()) return 429;` "
        + "(before: `return auth.login(form);` after: the check, then `return auth.login(form);`).",
    helper = "io.github.bulwark.runtime.RateLimiter")
public final class MissingRateLimit implements NodeRule<MethodDeclaration>, ProjectRule {

  /** Path or name words that make an entry point authentication-like on their own. */
  private static final Set<String> AUTH_WORDS = Set.of(
      "login", "logon", "signin", "authenticate", "authentication", "otp", "totp", "2fa", "mfa",
      "register", "registration", "signup", "forgot", "token", "passcode", "twofactor");
  /** Words that say the endpoint ends or inspects a session instead of opening one. */
  private static final Set<String> NOT_AUTH_WORDS = Set.of(
      "logout", "signout", "logoff", "refresh", "revoke", "introspect", "callback", "status",
      "page", "form", "view", "info", "jwks", "config", "settings", "qr", "setup", "disable",
      "history", "userinfo", "whoami", "push", "device", "fcm", "csrf");
  /** Verbs that, before "code"/"pin", mean a code is being checked. */
  private static final Set<String> CODE_WORDS = Set.of("code", "pin", "otp", "totp");

  private static final Pattern LIMITER_CALL = Pattern.compile(
      "(?i)(.*\\.)?(tryacquire|tryconsume\\w*|acquirepermission|reservepermission|isallowed|"
          + "allowrequest|\\w*ratelimit\\w*|\\w*throttl\\w*|resolvebucket|checklimit\\w*|"
          + "enforcelimit\\w*)");
  private static final Pattern LIMITER_RECEIVER =
      Pattern.compile("(?i)(new )?.*(limiter|ratelimit|bucket|throttl).*");
  private static final Pattern FAILURE_COUNTING = Pattern.compile(
      "(?i).*(failedattempt|failedlogin|loginattempt|loginfail|failurecount|failcount|"
          + "failedcount|lockout|lockaccount|lockuser|setlocked|accountlock|setaccountnonlocked|"
          + "incrementfail|recordfail|registerfail|bruteforce|attemptservice|attemptsservice|"
          + "attemptcache|captcha|isblocked|blockip|onauthenticationfailure).*");
  private static final Pattern LIMIT_ANNOTATION =
      Pattern.compile("(?i).*(ratelimit\\w*|throttl\\w*|bucket4j\\w*)");
  /** Methods through which a filter or interceptor sees requests. */
  private static final Set<String> FILTER_METHODS = Set.of(
      "doFilter", "doFilterInternal", "preHandle", "filter", "intercept", "aroundInvoke",
      "apply", "handle", "invoke", "service");
  private static final Pattern REGISTRATION = Pattern.compile(
      "(?i)(.*\\.)?(addurlpatterns|addpathpatterns|addfilter\\w*|addinterceptor|"
          + "requestmatchers|antmatchers|setfilter|addmappingforurlpatterns)");

  @Override
  public Class<MethodDeclaration> nodeType() {
    return MethodDeclaration.class;
  }

  @Override
  public void check(MethodDeclaration method, FileContext file, Findings findings) {
    if (file.isTestCode() || method.getBody().isEmpty()) {
      return;
    }
    Optional<Endpoints.Route> route = Endpoints.route(method);
    if (route.isEmpty()) {
      return;
    }
    Endpoints.Route endpoint = route.get();
    Optional<String> purpose = purpose(method, endpoint);
    if (purpose.isEmpty()) {
      return;
    }
    MethodSummary self = MethodSummaries.of(file.file().relativePath(), method);
    String where = (endpoint.verb().equals("ANY") ? "" : endpoint.verb() + " ")
        + (endpoint.path().isEmpty() ? Endpoints.enclosingType(method)
            .map(t -> t.getNameAsString() + ".").orElse("") + method.getNameAsString() + "()"
            : endpoint.path());
    findings.reportDeferred(method.getName(), ProjectQuestion.about(self)
        .with("verb", endpoint.verb()).with("path", endpoint.path())
        .with("kind", endpoint.kind()).with("where", where).with("purpose", purpose.get()));
  }

  @Override
  public Optional<String> decide(ProjectQuestion question, ProjectIndex index) {
    Endpoints.Route endpoint = new Endpoints.Route(question.text("verb"), question.text("path"),
        question.text("kind"));
    if (throttled(question.method(), endpoint, index)) {
      return Optional.empty();
    }
    return Optional.of(String.format("%s %s with no rate limit, failed-attempt counter or lockout "
        + "on its path; an attacker can guess as fast as the server answers",
        question.text("where"), question.text("purpose")));
  }

  /** What makes the endpoint authentication-like, phrased for the message; empty when nothing. */
  private static Optional<String> purpose(MethodDeclaration method, Endpoints.Route route) {
    boolean checksPassword = Endpoints.checksPassword(method);
    if (route.isGet() && !checksPassword) {
      return Optional.empty(); // a form page or a link target, not a guessable check
    }
    List<String> words = new ArrayList<>(Endpoints.words(route.path()));
    words.addAll(Endpoints.words(method.getNameAsString()));
    if (route.path().isEmpty() || route.kind().equals("servlet") || route.kind().equals("handler")) {
      Endpoints.enclosingType(method).ifPresent(t -> words.addAll(Endpoints.words(
          t.getNameAsString().replaceAll("(Servlet|Controller|Resource|Endpoint|Handler)$", ""))));
    }
    String methodName = method.getNameAsString().toLowerCase(Locale.ROOT);
    if (words.stream().anyMatch(NOT_AUTH_WORDS::contains) && !checksPassword) {
      return Optional.empty();
    }
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : "";
      if (word.equals("sign") && (next.equals("in") || next.equals("up"))
          || word.equals("log") && next.equals("in") || word.equals("two") && next.equals("factor")
          || AUTH_WORDS.contains(word)) {
        return Optional.of(describe(word + next));
      }
      if ((word.equals("verify") || word.equals("confirm") || word.equals("submit"))
          && CODE_WORDS.contains(next)) {
        return Optional.of("checks a one-time code");
      }
      if ((word.equals("reset") || word.equals("recover") || word.equals("change"))
          && (next.equals("password") || next.startsWith("pass") || next.equals("pwd"))
          || word.equals("password") && (next.equals("reset") || next.equals("recovery"))) {
        return Optional.of("resets a password");
      }
      if ((word.equals("api") && next.equals("key") || word.equals("apikey")
          || word.equals("apikeys")) && (route.verb().equals("POST")
              || methodName.startsWith("create") || methodName.startsWith("generate")
              || methodName.startsWith("issue"))) {
        return Optional.of("creates API keys");
      }
    }
    if (checksPassword) {
      return Optional.of("checks a password");
    }
    return Optional.empty();
  }

  private static String describe(String word) {
    if (word.startsWith("login") || word.startsWith("logon") || word.startsWith("signin")
        || word.startsWith("login") || word.startsWith("authenticat")) {
      return "logs users in";
    }
    if (word.startsWith("signup") || word.startsWith("register") || word.startsWith("registr")) {
      return "registers accounts";
    }
    if (word.startsWith("token")) {
      return "issues tokens";
    }
    if (word.startsWith("forgot")) {
      return "resets a password";
    }
    return "checks a one-time code";
  }

  /** True when a limiter, counter, annotation or covering filter protects the endpoint. */
  private static boolean throttled(MethodSummary self, Endpoints.Route route, ProjectIndex index) {
    if (index.reaches(self, MissingRateLimit::limits).isPresent()) {
      return true;
    }
    return index.methods().stream()
        .filter(m -> !Endpoints.isTestPath(m.file()))
        .anyMatch(m -> filterCovers(m, route, index));
  }

  private static boolean limits(MethodSummary method) {
    for (String called : method.calledNames()) {
      String bare = called.substring(called.lastIndexOf('.') + 1);
      if (LIMITER_CALL.matcher(bare).matches() || FAILURE_COUNTING.matcher(called).matches()) {
        return true;
      }
      int dot = called.lastIndexOf('.');
      if (dot > 0 && LIMITER_RECEIVER.matcher(called.substring(0, dot)).matches()
          || called.startsWith("new ") && LIMITER_RECEIVER.matcher(called).matches()) {
        return true;
      }
    }
    return FAILURE_COUNTING.matcher(method.name()).matches()
        || method.annotations().stream().anyMatch(a -> LIMIT_ANNOTATION.matcher(a).matches());
  }

  /**
   * True when {@code method} belongs to a rate-limit filter or registers one, and its paths (if
   * it names any) include the route's.
   */
  private static boolean filterCovers(MethodSummary method, Endpoints.Route route,
      ProjectIndex index) {
    boolean filter = LIMITER_RECEIVER.matcher(method.type()).matches()
        && FILTER_METHODS.contains(method.name());
    boolean registration = method.calledNames().stream()
        .anyMatch(c -> REGISTRATION.matcher(c).matches())
        && method.calledNames().stream().anyMatch(c -> LIMITER_RECEIVER.matcher(c).matches());
    if (!filter && !registration) {
      return false;
    }
    List<String> literals = new ArrayList<>();
    if (filter) {
      // The whole filter class: path checks often sit in a helper (shouldNotFilter, isLoginPath).
      index.methods().stream()
          .filter(m -> m.file().equals(method.file()) && m.type().equals(method.type()))
          .forEach(m -> literals.addAll(m.literals()));
    } else {
      literals.addAll(method.literals());
    }
    return covers(literals, route.path());
  }

  private static boolean covers(List<String> literals, String path) {
    boolean namesPaths = false;
    String lowerPath = path.toLowerCase(Locale.ROOT);
    for (String literal : literals) {
      if (!literal.startsWith("/")) {
        continue;
      }
      namesPaths = true;
      String prefix = literal.replaceAll("/?\\*+$", "").toLowerCase(Locale.ROOT);
      if (prefix.isEmpty() || path.isEmpty() || lowerPath.contains(prefix)
          || ("/" + lowerPath.replaceAll("^/+", "")).startsWith(prefix)) {
        return true;
      }
    }
    return !namesPaths;
  }
}
