package io.github.bulwark.core.report;

import io.github.bulwark.core.rule.RuleDescriptor;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "after" of a fix, as code: a worked example for the rules whose fix text is prose, else the
 * code the fix text itself gives ({@code after `...`}), else the first call in the fix text on
 * the rule's helper (for example {@code Secrets.require("DB_PASSWORD")}).
 */
public final class FixExamples {

  private static final Map<String, String> EXAMPLES = Map.ofEntries(
      Map.entry("SqlInjection", """
          PreparedStatement query = connection.prepareStatement(
              "SELECT * FROM users WHERE name = ?");
          query.setString(1, name);"""),
      Map.entry("TrustAllCertificates", """
          HttpClient client = SecureHttp.client();            // default validation
          // a private CA: SecureHttp.trustingOnly(caCertificate)"""),
      Map.entry("HostnameVerificationDisabled", """
          HttpClient client = SecureHttp.client();            // verifies hostnames"""),
      Map.entry("CleartextHttp", """
          URI endpoint = URI.create("https://payments.example.com/charge");
          SecureHttp.client();                                // refuses http://"""),
      Map.entry("HardcodedSecret", """
          Secret password = Secrets.require("DB_PASSWORD");"""),
      Map.entry("PlaintextPasswordStorage", """
          PasswordHasher hasher = PasswordHasher.bcrypt(12);
          user.setPasswordHash(hasher.hash(raw));"""),
      Map.entry("WeakPasswordHash", """
          PasswordHasher hasher = PasswordHasher.bcrypt(12);
          String stored = hasher.hash(password);
          boolean ok = hasher.verify(password, stored);"""),
      Map.entry("PlaintextPasswordComparison", """
          boolean ok = PasswordHasher.bcrypt(12).verify(password, user.getPasswordHash());"""),
      Map.entry("InsecureCookie", """
          response.addHeader("Set-Cookie", SecureCookies.session("SESSION", id).toString());"""),
      Map.entry("PathTraversal", """
          Path file = InputValidator.resolveWithin(baseDir, userPath);"""),
      Map.entry("CrossSiteScripting", """
          writer.write("<p>" + InputValidator.html(name) + "</p>");"""),
      Map.entry("ExceptionDetailsExposed", """
          catch (RuntimeException e) {
            return SafeErrors.respond(e);   // generic message + incident id; details logged
          }"""),
      Map.entry("SwallowedException", """
          catch (IOException e) {
            SecurityLog.failure("config.load", e);
            throw new UncheckedIOException(e);
          }"""),
      Map.entry("PredictableRandom", """
          String token = Tokens.urlSafe(32);"""),
      Map.entry("WeakCipher", """
          byte[] sealed = Aead.aesGcm(key).encrypt(plaintext);"""));

  private static final Pattern AFTER = Pattern.compile("\\bafter:?\\s*`([^`]+)`");
  private static final String CALL_ARGS = "\\((?:[^()]|\\([^()]*\\))*\\)";

  private FixExamples() {}

  /** The code of the fix, when there is code to show. */
  public static Optional<String> after(RuleDescriptor rule) {
    String example = EXAMPLES.get(rule.id());
    if (example != null) {
      return Optional.of(example);
    }
    Matcher after = AFTER.matcher(rule.fix());
    if (after.find()) {
      return Optional.of(after.group(1).strip());
    }
    String helper = rule.helper();
    if (!helper.isEmpty()) {
      String simpleName = helper.substring(helper.lastIndexOf('.') + 1);
      Matcher call = Pattern.compile("\\b" + Pattern.quote(simpleName) + "(?:\\.\\w+" + CALL_ARGS
          + ")+").matcher(rule.fix());
      if (call.find()) {
        return Optional.of(call.group());
      }
    }
    return Optional.empty();
  }
}
