package io.github.bulwark.rules.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an identifier names a secret value, word by word: {@code userPassword},
 * {@code API_KEY}, {@code getSessionId} and {@code jwtToken} do; {@code passwordPolicy},
 * {@code tokenCount}, {@code isPasswordExpired} and {@code tokenType} describe a secret without
 * holding it, and do not.
 */
final class SecretNames {

  /** One word that alone names a secret. */
  private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase",
      "pwd", "pass", "secret", "token", "credential", "credentials", "creds", "authorization",
      "cvv", "cvc", "ssn", "pan", "apikey", "sessionid", "jsessionid", "privatekey", "jwt",
      "bearer", "cardnumber", "ccnumber", "otp", "pin");
  /** Two words in a row that name a secret. */
  private static final Set<String> SECRET_PAIRS = Set.of("api key", "access key", "private key",
      "secret key", "session id", "card number", "credit card", "auth header", "client secret",
      "refresh token", "auth token", "authorization header", "signing key", "master key", "security code", "account number");
  /** Words that make the name describe the secret instead of holding it. */
  private static final Set<String> DESCRIPTIVE_WORDS = Set.of("policy", "policies", "count",
      "type", "length", "len", "size", "expiry", "expires", "expiration", "expired", "ttl", "age",
      "valid", "invalid", "validity", "enabled", "required", "strength", "hint", "header",
      "headers", "name", "field", "param", "parameter", "prefix", "endpoint", "url", "uri",
      "path", "file", "location", "version", "format", "provider", "store", "service",
      "repository", "repo", "manager", "encoder", "generator", "util", "utils", "helper",
      "validator", "factory", "config", "configuration", "properties", "mode", "status",
      "changed", "updated", "date", "time", "timestamp", "at", "attempts", "retries", "issuer",
      "audience", "scope", "scopes", "algorithm", "alg", "hash", "hashed", "digest",
      "fingerprint", "masked", "redacted", "mask", "last4", "suffix", "id", "ids", "key",
      "matches", "match", "reset", "request", "response", "dto", "form", "event", "label",
      "pattern", "regex", "min", "max", "limit", "rule", "rules", "check", "checker",
      "encrypted", "cipher", "ciphertext", "handler", "filter", "client", "source", "user");

  private SecretNames() {}

  /** True when the identifier (a variable, field, constant or getter) holds a secret. */
  static boolean holdsSecret(String identifier) {
    List<String> words = words(identifier);
    if (words.isEmpty()) {
      return false;
    }
    String first = words.get(0);
    if (first.equals("is") || first.equals("has") || first.equals("should")
        || first.equals("can") || first.equals("needs")) {
      return false; // a boolean question about the secret
    }
    if (first.equals("get")) {
      words = words.subList(1, words.size());
    }
    boolean secret = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (SECRET_WORDS.contains(word)
          || i + 1 < words.size() && SECRET_PAIRS.contains(word + " " + words.get(i + 1))) {
        secret = true;
      }
    }
    if (!secret) {
      return false;
    }
    // "sessionId", "apiKey": the last word of a pair is fine; a descriptive word after the
    // secret ("passwordPolicy", "tokenExpiry", "secretKeyFile") says it is about the secret.
    String last = words.get(words.size() - 1);
    if (words.size() >= 2 && SECRET_PAIRS.contains(words.get(words.size() - 2) + " " + last)) {
      return true;
    }
    return !DESCRIPTIVE_WORDS.contains(last);
  }

  /** Lower-case words of an identifier: camelCase, snake_case, kebab-case, UPPER_CASE. */
  static List<String> words(String identifier) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char previous = 0;
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      boolean boundary = !Character.isLetterOrDigit(c)
          || Character.isUpperCase(c) && Character.isLowerCase(previous)
          || Character.isUpperCase(c) && i + 1 < identifier.length()
              && Character.isLowerCase(identifier.charAt(i + 1)) && Character.isUpperCase(previous);
      if (boundary && word.length() > 0) {
        words.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
      }
      previous = c;
    }
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }
}
