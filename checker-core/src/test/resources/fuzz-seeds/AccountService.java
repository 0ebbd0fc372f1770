package fixtures.logging;

import io.github.bulwark.runtime.SecurityLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Service;

/** Java 17 service: registration, password reset, API keys. */
@Service
public class AccountService {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);
  private static final Pattern PASSWORD_POLICY = Pattern.compile("^(?=.*\\d)(?=.*[a-z]).{12,}$");

  private final AccountStore store;
  private final Hasher hasher;
  private final SecureRandom random = new SecureRandom();

  public AccountService(AccountStore store, Hasher hasher) {
    this.store = store;
    this.hasher = hasher;
  }

  public void register(String username, String password, String confirmPassword) {
    if (!PASSWORD_POLICY.matcher(password).matches()) {
      throw new IllegalArgumentException("password does not meet the policy"); // ok: input validation, not a security decision
    }
    if (!password.equals(confirmPassword)) {
      throw new IllegalArgumentException("passwords differ"); // ok: a typo check on a form
    }
    store.create(username, hasher.hash(password));
    log.info("registered {} (policy {})", username, PASSWORD_POLICY.pattern()); // ok: a policy is not a password
  }

  public Account signIn(String username, String password) {
    var account = store.find(username);
    if (!account.enabled()) {
      throw new DisabledException("account disabled"); // expect: MissingSecurityLogging
    }
    if (!hasher.verify(password, account.passwordHash())) {
      SecurityLog.loginFailure(username, "bad password");
      throw new IllegalArgumentException("invalid credentials"); // ok: recorded by SecurityLog
    }
    return account;
  }

  public void resetPassword(String username, String resetToken, String newPassword) { // expect: MissingSecurityLogging
    var account = store.find(username);
    if (!hasher.verify(resetToken, account.resetTokenHash())) {
      throw new IllegalStateException("reset link invalid"); // expect: MissingSecurityLogging
    }
    store.updatePasswordHash(username, hasher.hash(newPassword));
  }

  public String createApiKey(String username) { // ok: the audit logger records it
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String apiKey = HexFormat.of().formatHex(bytes);
    store.saveApiKeyHash(username, hasher.hash(apiKey));
    SecurityLog.event("apikey.created", username);
    return apiKey;
  }

  public void revokeApiKey(String username, String keyId) { // expect: MissingSecurityLogging
    store.deleteApiKey(username, keyId);
  }

  public byte[] exportProfile(Path file) throws java.io.IOException {
    if (!Files.isReadable(file) || !file.toFile().canRead()) {
      return new byte[0]; // ok: a file check, not a security decision
    }
    return Files.readAllBytes(file);
  }

  public record Account(String username, String passwordHash, String resetTokenHash,
      boolean enabled) {}

  interface Hasher {
    String hash(String secret);

    boolean verify(String secret, String hash);
  }

  interface AccountStore {
    Account find(String username);

    void create(String username, String passwordHash);

    void updatePasswordHash(String username, String hash);

    void saveApiKeyHash(String username, String hash);

    void deleteApiKey(String username, String keyId);
  }
}
