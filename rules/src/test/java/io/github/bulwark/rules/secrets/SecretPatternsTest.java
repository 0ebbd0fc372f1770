package io.github.bulwark.rules.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.rules.secrets.SecretPatterns.Strength;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The name and value classification shared by the source and configuration rules. */
class SecretPatternsTest {

  @ParameterizedTest
  @CsvSource({
      "password, ANY_VALUE",
      "dbPassword, ANY_VALUE",
      "DB_PASSWORD, ANY_VALUE",
      "db_password_prod, ANY_VALUE",
      "spring.datasource.password, ANY_VALUE",
      "javax.net.ssl.keyStorePassword, ANY_VALUE",
      "passwd, ANY_VALUE",
      "userPwd, ANY_VALUE",
      "MAIL_PASS, ANY_VALUE",
      "jwtSecret, ANY_VALUE",
      "clientSecret, ANY_VALUE",
      "CLIENT_SECRET, ANY_VALUE",
      "signingKey, ANY_VALUE",
      "SECRET_KEY, ANY_VALUE",
      "secretkey, ANY_VALUE",
      "AES_KEY, ANY_VALUE",
      "credentials, ANY_VALUE",
      "apiKey, RANDOM_VALUE",
      "API_KEY, RANDOM_VALUE",
      "x-api-key, RANDOM_VALUE",
      "apikey, RANDOM_VALUE",
      "accessToken, RANDOM_VALUE",
      "AWS_ACCESS_KEY, RANDOM_VALUE",
      "privateKey, RANDOM_VALUE",
      "github_token, RANDOM_VALUE",
      "bearer, RANDOM_VALUE",
      "apiKey2, RANDOM_VALUE",
      "MAPS_API_KEY_V2, RANDOM_VALUE",
  })
  void namesThatHoldSecrets(String name, Strength strength) {
    assertEquals(strength, SecretPatterns.nameStrength(name), name);
    assertTrue(SecretPatterns.isSecretName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "passwordPolicy", "tokenizer", "PASSWORD_FIELD", "passwordEncoder", "tokenEndpoint",
      "secretName", "keyPath", "TOKEN_HEADER", "PASSWORD_PARAM", "TOKEN_PREFIX",
      "PASSWORD_MIN_LENGTH", "PASSWORD_REGEX", "TOKEN_URL", "tokenType", "passwordHash",
      "hashedPassword", "nextPageToken", "csrfToken", "SESSION_KEY", "key", "passwordResetUrl",
      "secretKeyAlgorithm", "privateKeyFile", "passwordHint", "hasPassword", "username",
      "author", "passenger", "compass", "tokens2parse", "Password is required", "",
  })
  void namesAboutSecretsAreNotSecretNames(String name) {
    assertFalse(SecretPatterns.isSecretName(name), name);
  }

  @ParameterizedTest
  @CsvSource({
      "AKIAIOSFODNN7EXAMPLE, AWS access key id",
      "ASIAIOSFODNN7EXAMPLE, AWS access key id",
      "ghp_FAKE0TOKEN0FOR0BULWARK0FIXTURES0ONLY, GitHub token",
      "glpat-FAKE0bulwark0FIXTURE, GitLab personal access token",
      "xoxb-000000000000-0000000000000-FAKEbulwarkFIXTUREtoken0, Slack token",
      "sk_live_0000TESTFAKEKEY0000bulwark, Stripe live key",
      "rk_live_0000TESTFAKEKEY0000bulwark, Stripe live key",
      "AIzaSyFAKE0KEY0FOR0BULWARK0FIXTURES0000, Google API key",
      "SKfa4e0000b0b0cafe0000deadbeef0000, Twilio API key",
      "npm_FAKE0TOKEN0FOR0BULWARK0FIXTURES0ONLY, npm access token",
      "token=AKIAIOSFODNN7EXAMPLE;, AWS access key id",
      "postgresql://app:S3cret-Db@db.internal/app, password in a URL",
      "jdbc:sqlserver://db;user=sa;password=Rep0rts!Q3, password in a connection string",
      "Basic YWRtaW46UzNjcjN0LVBhc3M=, HTTP Basic credentials",
  })
  void wellKnownFormats(String value, String kind) {
    assertEquals(Optional.of(kind), SecretPatterns.wellKnownToken(value));
  }

  @Test
  void wellKnownMultiPartFormats() {
    String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        + "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
        + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    assertEquals(Optional.of("signed JWT"), SecretPatterns.wellKnownToken(jwt));
    String sendGrid = "SG.FAKEbulwarkFIXTURE0000.FAKEbulwarkFIXTUREsendgridKEY000000000000000";
    assertEquals(Optional.of("SendGrid API key"), SecretPatterns.wellKnownToken(sendGrid));
    String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
        + "MIIEowIBAAKCAQEAfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake0000000000\n"
        + "BULWARKfixtureKEYnotREALdoNOTuse00000000000000000000000000000\n"
        + "-----END RSA PRIVATE KEY-----\n";
    assertEquals(Optional.of("PEM private key"), SecretPatterns.wellKnownToken(pem));
    String escapedPem = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n"
        + "BKcwggSjAgEAAoIBAQCfakeFAKEfake0\\n-----END PRIVATE KEY-----";
    assertEquals(Optional.of("PEM private key"), SecretPatterns.wellKnownToken(escapedPem));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "AKIAXXXXXXXXXXXXXXXX", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "-----BEGIN PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n"
          + "AQ8AMIIBCgKCAQEAfakeFAKEfakeFAKE\n-----END PUBLIC KEY-----",
      "sk_test_0000FAKEKEY0000bulwark", "postgresql://user:password@localhost/db",
      "amqp://guest:guest@localhost:5672", "jdbc:postgresql://db:5432/app",
      "https://user@example.com/repo.git", "Basic ", "Bearer <token>",
      "The AKIA prefix marks long-term keys",
  })
  void lookAlikesAreNotWellKnownTokens(String value) {
    assertEquals(Optional.empty(), SecretPatterns.wellKnownToken(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "changeme", "CHANGEME", "changeit", "${DB_PASSWORD}", "${db.password}",
      "#{systemProperties['pw']}", "<password>", "<your-api-key>", "xxx", "XXXXXXXX", "****",
      "TODO", "todo: set me", "your-api-key-here", "YOUR_API_KEY", "ENC(G6N718UuyPE5bHyW)",
      "{cipher}AQB3f8c9d2e1", "$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG",
      "{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe", "@db.password@", "$DB_PASSWORD", "dummy",
      "placeholder", "none", "null", "aaaa",
  })
  void placeholders(String value) {
    assertTrue(SecretPatterns.isPlaceholder(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hunter2-prod", "S3cr3t!", "admin123", "secret", "password", "root"})
  void notPlaceholders(String value) {
    assertFalse(SecretPatterns.isPlaceholder(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hunter2", "Adm1n!2023", "r00tMysql", "mySuperSecretKey2024", "{noop}s3cret",
      "letmein", "Pg#Users2019"})
  void plausiblePasswords(String value) {
    assertTrue(SecretPatterns.isPlausiblePassword(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password", "Password", "secret", "token", "Bearer", "db.password", "X-API-Key",
      "api_key", "DB_PASSWORD", "access_token", "Password is too short", "/api/auth/login",
      "https://login.example.com/oauth2/token", "config/keystore.pass", "HmacSHA256", "AES",
      "AES/GCM/NoPadding", "PBKDF2WithHmacSHA256", "HS512", "%s", "The token {0} has expired",
      "abc", "0123456789abcdef", "abcdefghijklmnopqrstuvwxyz", "true", "text/plain",
      "changeme",
  })
  void implausiblePasswords(String value) {
    assertFalse(SecretPatterns.isPlausiblePassword(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"k3J9sLq2Xw8Zp5Rt7Vn1Bm4C", "3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c2e",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "rT_9fK2mQ8xL4vB7nZ1cW5hJ3"})
  void randomLookingSecrets(String value) {
    assertTrue(SecretPatterns.looksLikeRealSecret(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc123", "pending", "sessionToken", "hunter2-prod",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", "aaaaaaaaaaaaaaaaaaaa", "Bearer",
      "this-is-not-random-at-all"})
  void notRandomEnoughForAnIssuedToken(String value) {
    assertFalse(SecretPatterns.looksLikeRealSecret(value), value);
  }

  @Test
  void assignmentsCombineNameAndValue() {
    assertTrue(SecretPatterns.isSecretAssignment("dbPassword", "hunter2-prod"));
    assertTrue(SecretPatterns.isSecretAssignment("apiKey", "k3J9sLq2Xw8Zp5Rt7Vn1Bm4C"));
    assertTrue(SecretPatterns.isSecretAssignment("region", "AKIAIOSFODNN7EXAMPLE"),
        "a token format speaks for itself");
    assertTrue(SecretPatterns.isSecretAssignment("password", "${DB_PASSWORD:S3cret-Fallback}"),
        "a written-in default of a placeholder");
    assertFalse(SecretPatterns.isSecretAssignment("password", "${DB_PASSWORD:}"));
    assertFalse(SecretPatterns.isSecretAssignment("apiKey", "hunter2-prod"),
        "an issued key must look random");
    assertFalse(SecretPatterns.isSecretAssignment("pwd", "pwd"), "the name itself");
    assertFalse(SecretPatterns.isSecretAssignment("PASSWORD_PARAM", "password"));
    assertFalse(SecretPatterns.isSecretAssignment("secretKeyAlgorithm", "HmacSHA256"));
    assertFalse(SecretPatterns.isSecretAssignment("region", "eu-west-1"));
  }

  @Test
  void entropyInBitsPerCharacter() {
    assertEquals(0.0, SecretPatterns.entropy("aaaa"), 1e-9);
    assertEquals(1.0, SecretPatterns.entropy("abab"), 1e-9);
    assertEquals(4.0, SecretPatterns.entropy("0123456789abcdef"), 1e-9);
    assertEquals(0.0, SecretPatterns.entropy(""), 1e-9);
  }
}
