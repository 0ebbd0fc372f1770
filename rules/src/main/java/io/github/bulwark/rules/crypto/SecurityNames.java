package io.github.bulwark.rules.crypto;

import io.github.bulwark.rules.passwords.PasswordValues;
import java.util.List;
import java.util.Set;

/**
 * Tells names of security values ({@code resetToken}, {@code SESSION_ID}, {@code otpCode},
 * {@code rememberMeKey}, {@code salt}, {@code X-CSRF-Token}) from names that only share a word
 * with one ({@code retryDelay}, {@code statusCode}, {@code cacheKey}, {@code tokenType}).
 */
final class SecurityNames {

  /** Words that name a value an attacker must not guess. */
  private static final Set<String> SECURITY_WORDS = Set.of(
      "token", "tokens", "session", "sessionid", "sid", "password", "passwd", "pwd", "pass",
      "passphrase", "passcode", "otp", "totp", "hotp", "pin", "salt", "nonce", "key", "keys",
      "iv", "secret", "reset", "code", "csrf", "xsrf", "auth", "authentication", "verification",
      "verify", "remember", "rememberme", "credential", "credentials", "apikey", "activation",
      "invite", "invitation", "captcha", "challenge", "ticket", "jwt", "bearer", "access",
      "refresh", "signature", "cipher", "encryption", "encrypt", "private", "cookie", "unlock",
      "recovery", "confirmation", "mfa", "magic", "voucher", "coupon", "secure", "hmac", "mac",
      "sessionkey", "authcode", "otc");
  /** Words that say a value is not a secret even beside a security word. */
  private static final Set<String> NOT_SECRET_WORDS = Set.of(
      "jitter", "delay", "backoff", "sleep", "retry", "retries", "sample", "sampling", "shuffle",
      "shuffled", "color", "colour", "dice", "die", "roll", "game", "test", "mock", "dummy",
      "fake", "demo", "index", "idx", "port", "latency", "wait", "timeout", "percent",
      "probability", "chance", "weight", "seed", "width", "height", "offset", "position", "pos",
      "speed", "angle", "noise", "temperature", "score", "level", "bucket", "shard", "partition",
      "hash", "sort", "order", "priority", "capacity", "size", "count", "length", "len", "max",
      "min", "limit", "interval", "period", "duration", "millis", "ms", "seconds", "ttl",
      "name", "file", "filename", "temp", "tmp", "trace", "span", "correlation", "message",
      "log", "metric", "label", "experiment", "variant", "cache", "error", "exit", "status",
      "country", "currency", "zip", "lang", "language", "locale", "theme", "http", "response",
      "return", "char", "byte", "op", "opcode", "source", "unicode", "ascii", "area", "post",
      "postal", "map", "lookup", "row", "column", "primary", "foreign", "event", "press",
      "keyboard", "type", "header", "prefix", "scheme", "format", "kind", "mode", "version",
      "issuer", "audience", "endpoint", "url", "uri", "path", "field", "param", "expiry",
      "expiration", "expires", "class", "pool", "thread", "worker", "node", "host", "server");

  private SecurityNames() {}

  /** True when a name says it holds a value an attacker must not guess. */
  static boolean isSecurityName(String name) {
    List<String> words = PasswordValues.words(name);
    boolean security = false;
    for (int i = 1; i < words.size(); i++) {
      if (words.get(i - 1).equals("key") && Set.of("id", "identifier", "index", "name", "alias",
          "number", "num", "no", "version", "serial")
          .contains(words.get(i))) {
        return false; // a key id names a key, it is not one
      }
    }
    for (String word : words) {
      if (NOT_SECRET_WORDS.contains(word)) {
        return false;
      }
      security |= SECURITY_WORDS.contains(word) || word.contains("password")
          || word.contains("token") || word.contains("secret");
    }
    return security;
  }
}
