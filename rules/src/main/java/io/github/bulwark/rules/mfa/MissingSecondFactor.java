package io.github.bulwark.rules.mfa;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.StringLiteralExpr;
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
import io.github.bulwark.rules.ratelimit.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Flags a privileged login (an admin, operator or staff login path, or a login that checks the
 * user's role) that checks the password and then issues a session or token without consulting
 * the second factor, in a project that has one elsewhere (a TOTP/OTP/MFA verification, an MFA
 * flag on the user, Spring Security's MFA support). The message names the second-factor code it
 * found, so a reviewer sees what the path skips.
 *
 * <p>A project with no second factor at all gets no finding (there is nothing to consult), and
 * neither does a login whose path (directly or through project methods it calls) mentions the
 * second factor: a call, a flag check, or a redirect to a 2FA step. Test code is skipped.
 */
@RuleInfo(
    id = "MissingSecondFactor",
    family = Family.MFA,
    title = "Privileged login skips the second factor",
    cwe = {308},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.HIGH,
    confidence = Confidence.LOW,
    description = "The project has a second factor, but this privileged login hands out a "
        + "session or token on the password alone: one phished or reused admin password is "
        + "enough to take over the back office.",
    fix = "Require the second factor before issuing the session: before `return "
        + "tokens.issue(admin);` after `if (!totp.verify(admin.name(), admin.totpSecret(), "
        + "form.code())) return unauthorized(); return tokens.issue(admin);` with a Totp from "
        + "Totp.defaults().",
    helper = "io.github.bulwark.runtime.Totp")
public final class MissingSecondFactor implements NodeRule<MethodDeclaration>, ProjectRule {

  private static final Set<String> PRIVILEGED_WORDS = Set.of(
      "admin", "admins", "administrator", "operator", "operators", "staff", "backoffice",
      "superuser", "sysadmin", "root", "management", "console", "employee", "internal",
      "moderator", "superadmin");
  private static final Set<String> SECOND_FACTOR_WORDS = Set.of(
      "totp", "hotp", "otp", "mfa", "2fa", "twofactor", "authenticator", "passcode",
      "webauthn", "fido", "yubikey", "duo", "secondfactor", "multifactor");
  private static final Set<String> LOGIN_WORDS = Set.of(
      "login", "logon", "signin", "authenticate", "authentication", "token");

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
    List<String> words = new ArrayList<>(Endpoints.words(method.getNameAsString()));
    route.ifPresent(r -> words.addAll(Endpoints.words(r.path())));
    List<String> ownWords = List.copyOf(words);
    Endpoints.enclosingType(method).ifPresent(t -> words.addAll(Endpoints.words(t.getNameAsString())));
    String squashedWords = String.join("", words);
    boolean login = words.stream().anyMatch(LOGIN_WORDS::contains)
        || squashedWords.contains("signin") || squashedWords.contains("login");
    if (!login || !Endpoints.checksPassword(method) || !Endpoints.issuesCredential(method)) {
      return;
    }
    if (route.isEmpty() && Endpoints.enclosingType(method)
        .map(t -> !t.getNameAsString().matches("(?i).*(auth|login|session|security).*"))
        .orElse(true)) {
      return; // a helper deep inside is not a login path; its caller is judged instead
    }
    // The class name (AdminLoginController) speaks for a method only when its own path is silent.
    boolean pathSilent = route.map(r -> r.path().isEmpty()).orElse(true);
    Optional<String> privilege = privilege(method, pathSilent ? words : ownWords);
    if (privilege.isEmpty() || mentionsSecondFactor(method)) {
      return;
    }
    MethodSummary self = MethodSummaries.of(file.file().relativePath(), method);
    findings.reportDeferred(method.getName(),
        ProjectQuestion.about(self).with("what", privilege.get()));
  }

  /** Reported only when the login reaches no second factor and the project has one. */
  @Override
  public Optional<String> decide(ProjectQuestion question, ProjectIndex index) {
    MethodSummary self = question.method();
    if (index.reaches(self, MissingSecondFactor::consultsSecondFactor).isPresent()) {
      return Optional.empty();
    }
    return index.methods().stream()
        .filter(m -> !Endpoints.isTestPath(m.file()) && !m.equals(self))
        .map(MissingSecondFactor::secondFactorEvidence)
        .flatMap(Optional::stream)
        .findFirst()
        .map(found -> String.format("%s issues a session or token after the password check "
            + "alone, although the project has a second factor (%s)",
            question.text("what"), found));
  }

  private static Optional<String> privilege(MethodDeclaration method, List<String> words) {
    if (words.stream().anyMatch(PRIVILEGED_WORDS::contains)) {
      return Optional.of("this privileged login (" + method.getNameAsString() + ")");
    }
    for (StringLiteralExpr literal : method.findAll(StringLiteralExpr.class)) {
      String value = literal.getValue().toUpperCase(Locale.ROOT);
      if (value.matches("(ROLE_)?(ADMIN|OPERATOR|SUPERUSER|STAFF|SUPER_ADMIN|ROOT)")) {
        return Optional.of("this login for role " + literal.getValue());
      }
    }
    boolean roleCheck = method.findAll(com.github.javaparser.ast.expr.MethodCallExpr.class)
        .stream().anyMatch(c -> c.getNameAsString().matches("(?i)(is|has)(admin|operator|staff|"
            + "superuser)\\w*|hasRole|hasAuthority|isPrivileged"));
    return roleCheck ? Optional.of("this login, which checks the user's role,") : Optional.empty();
  }

  private static boolean mentionsSecondFactor(MethodDeclaration method) {
    for (String text : List.of(method.getBody().get().toString())) {
      for (String word : Endpoints.words(text)) {
        if (SECOND_FACTOR_WORDS.contains(word)) {
          return true;
        }
      }
      String squashed = text.toLowerCase(Locale.ROOT);
      if (squashed.contains("twofactor") || squashed.contains("two_factor")
          || squashed.contains("secondfactor") || squashed.contains("multifactor")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasSecondFactorWord(String identifier) {
    List<String> words = Endpoints.words(identifier);
    String squashed = String.join("", words);
    return words.stream().anyMatch(SECOND_FACTOR_WORDS::contains)
        || squashed.contains("twofactor") || squashed.contains("secondfactor")
        || squashed.contains("multifactor") || squashed.contains("onetimepassword");
  }

  /** True when a method on the login's path calls, checks or redirects to the second factor. */
  private static boolean consultsSecondFactor(MethodSummary method) {
    return method.calledNames().stream().anyMatch(MissingSecondFactor::hasSecondFactorWord)
        || method.literals().stream().anyMatch(MissingSecondFactor::hasSecondFactorWord);
  }

  /**
   * Where a method verifies a second factor or reads an MFA flag, named for the message
   * ({@code totpService.verifyCode(..) in src/.../AuthService.java}); empty when it does not.
   */
  private static Optional<String> secondFactorEvidence(MethodSummary method) {
    List<String> nameWords = Endpoints.words(method.name());
    boolean verifies = !nameWords.isEmpty() && Set.of("verify", "validate", "check", "is",
        "authorize", "confirm", "has", "require", "requires").contains(nameWords.get(0));
    if (verifies && (hasSecondFactorWord(method.name()) || hasSecondFactorWord(method.type()))) {
      return Optional.of(method.type() + "." + method.name() + "(..) in " + method.file());
    }
    for (String called : method.calledNames()) {
      String bare = called.substring(called.lastIndexOf('.') + 1);
      List<String> w = Endpoints.words(bare);
      if (!w.isEmpty() && Set.of("verify", "validate", "is", "check", "authorize")
          .contains(w.get(0)) && hasSecondFactorWord(called) && !called.contains("(")) {
        return Optional.of(called + "(..) in " + method.file());
      }
    }
    return method.annotations().stream()
        .filter(a -> a.contains("MultiFactor") || a.contains("Mfa"))
        .findFirst().map(a -> "@" + a + " in " + method.file());
  }
}
