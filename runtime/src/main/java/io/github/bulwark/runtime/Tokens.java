package io.github.bulwark.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.LongSupplier;

/**
 * Unguessable tokens from one shared {@link SecureRandom} — session ids, CSRF tokens, password
 * reset links, API keys, one-time codes — and constant-time comparison for checking them.
 *
 * <pre>{@code
 * String resetToken = Tokens.urlSafe();          // 256 bits, 43 characters of [A-Za-z0-9_-]
 * String otp = Tokens.numericCode(6);            // "042917": uniform, leading zeros kept
 * if (Tokens.equal(presented, expected)) { ... } // time does not reveal where they differ
 * }</pre>
 *
 * <p>The fix for {@code java.util.Random}, {@code Math.random()}, {@code UUID.randomUUID()}
 * strings cut short, or timestamps used as secrets. All methods are static, stateless apart from
 * the thread-safe generator, and refuse sizes too small to resist guessing.
 */
public final class Tokens {

  /** Bytes of {@link #urlSafe()}: 256 bits. */
  public static final int DEFAULT_BYTES = 32;

  /** The fewest random bytes a token may have: 128 bits, beyond online and offline guessing. */
  public static final int MIN_BYTES = 16;

  /** The most random bytes a token may have; larger requests are mistakes, not security. */
  public static final int MAX_BYTES = 1024;

  /** The fewest digits of a numeric code; fewer is guessable even with rate limiting. */
  public static final int MIN_DIGITS = 6;

  /** The most digits of a numeric code; longer codes should be {@link #urlSafe()} tokens. */
  public static final int MAX_DIGITS = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** A 256-bit random token as unpadded Base64url: 43 characters of {@code [A-Za-z0-9_-]}. */
  public static String urlSafe() {
    return urlSafe(DEFAULT_BYTES);
  }

  /**
   * A token of {@code bytes} random bytes as unpadded Base64url ({@code [A-Za-z0-9_-]}, RFC 4648
   * §5), safe in URLs, headers, cookies and file names without escaping; {@code ceil(4 * bytes / 3)}
   * characters long.
   *
   * @throws IllegalArgumentException if {@code bytes} is outside {@value #MIN_BYTES}..{@value
   *     #MAX_BYTES}
   */
  public static String urlSafe(int bytes) {
    if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
      throw new IllegalArgumentException("token size " + bytes + " bytes is outside the allowed"
          + " range " + MIN_BYTES + ".." + MAX_BYTES + " (at least 128 bits; "
          + DEFAULT_BYTES + " is the default)");
    }
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * A code of exactly {@code digits} ASCII digits, leading zeros included, drawn uniformly from all
   * 10^digits values (rejection sampling: no modulo bias) — for one-time passwords and reset codes
   * that people type. Such a code is short: pair it with an expiry and a limit on attempts.
   *
   * @throws IllegalArgumentException if {@code digits} is outside {@value #MIN_DIGITS}..{@value
   *     #MAX_DIGITS}
   */
  public static String numericCode(int digits) {
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw new IllegalArgumentException("numeric code length " + digits + " digits is outside"
          + " the allowed range " + MIN_DIGITS + ".." + MAX_DIGITS);
    }
    long bound = 1;
    for (int i = 0; i < digits; i++) {
      bound *= 10;
    }
    long value = uniformBelow(bound, () -> RANDOM.nextLong() >>> 1);
    // Pad by hand: String.format would use the default locale's digits (e.g. Arabic-Indic).
    String text = Long.toString(value);
    StringBuilder code = new StringBuilder(digits);
    for (int i = text.length(); i < digits; i++) {
      code.append('0');
    }
    return code.append(text).toString();
  }

  /**
   * Whether {@code presented} and {@code expected} hold the same characters, compared as UTF-8
   * bytes with {@link MessageDigest#isEqual}, whose time does not depend on where they differ.
   * Its time does depend on the length of the first argument, so pass the value the client sent
   * first and the secret second. {@code null} on either side gives {@code false}, even both.
   */
  public static boolean equal(String presented, String expected) {
    if (presented == null || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether the two arrays hold the same bytes, in time that does not depend on where they differ
   * (see {@link #equal(String, String)} for the argument order). {@code null} on either side gives
   * {@code false}, even both.
   */
  public static boolean equal(byte[] presented, byte[] expected) {
    if (presented == null || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(presented, expected);
  }

  /**
   * A value uniform in {@code [0, bound)} from a source of uniform non-negative 63-bit values:
   * draws that fall in the incomplete last block of {@code bound} values are drawn again, because
   * taking them modulo {@code bound} would favour small results.
   */
  static long uniformBelow(long bound, LongSupplier nonNegative63Bits) {
    long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound); // multiple of bound (MAX+1 is not)
    while (true) {
      long draw = nonNegative63Bits.getAsLong();
      if (draw < limit) {
        return draw % bound;
      }
    }
  }
}
