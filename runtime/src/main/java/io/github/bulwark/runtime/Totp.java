package io.github.bulwark.runtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) that authenticator apps understand, checked in
 * constant time and accepted at most once per user and time step, so a code seen over a
 * shoulder or in a proxy log cannot be replayed.
 *
 * <pre>{@code
 * Totp totp = Totp.defaults();                        // HMAC-SHA-1, 6 digits, 30 s, ±1 step
 * byte[] secret = Totp.newSecret();                   // 160 random bits; store encrypted (Aead)
 * String qr = totp.uri("Acme", "alice@example.com", secret);  // otpauth://totp/Acme:alice%40...
 * if (!totp.verify("alice", secret, form.code())) {
 *   return unauthorized();                            // wrong, malformed, expired or replayed
 * }
 * }</pre>
 *
 * <p><b>Verification.</b> A code must be exactly {@code digits} ASCII digits; it is compared, in
 * time independent of where it differs, with the codes of the current step and {@code window}
 * steps either side (default 1: 30 s of clock drift each way). The matching step must be later
 * than the last step accepted for the same user, and is then recorded through {@link UsedSteps}
 * with an atomic compare-and-set, so of two concurrent requests with the same code exactly one
 * succeeds. The default {@link UsedSteps#inMemory()} store is per instance and per JVM: with
 * several servers, implement {@link UsedSteps} over the shared user table. Pair verification
 * with {@link LoginThrottle} or {@link RateLimiter}: a 6-digit code falls to a million guesses.
 *
 * <p>Secrets are at least {@value #MIN_SECRET_BYTES} bytes (RFC 4226 §4 requires 128 bits). The
 * configuration is immutable and an instance is thread-safe.
 */
public final class Totp {

  /** The HMAC behind the codes. SHA-1 is what most authenticator apps support. */
  public enum Algorithm {
    /** HMAC-SHA-1, the RFC 6238 default and the one every authenticator app supports. */
    SHA1("HmacSHA1"),
    /** HMAC-SHA-256. */
    SHA256("HmacSHA256"),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512");

    private final String jcaName;

    Algorithm(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  /**
   * The last time step accepted per user, so no code is accepted twice. Implementations must make
   * {@link #markAccepted} atomic, e.g. {@code UPDATE users SET totp_step = ? WHERE id = ? AND
   * totp_step < ?} and checking that one row changed.
   */
  public interface UsedSteps {

    /** What {@link #lastAcceptedStep} returns for a user with no accepted step. */
    long NONE = Long.MIN_VALUE;

    /** The last step accepted for {@code user}, or {@link #NONE}. */
    long lastAcceptedStep(String user);

    /**
     * Records {@code step} as accepted for {@code user} if it is later than the last one, as one
     * atomic compare-and-set.
     *
     * @return {@code true} if recorded; {@code false} if {@code step} was already used or an
     *     earlier-or-equal step than the last accepted one
     */
    boolean markAccepted(String user, long step);

    /** A thread-safe store in this JVM's memory, one entry per user who ever verified. */
    static UsedSteps inMemory() {
      return new InMemoryUsedSteps();
    }
  }

  private static final class InMemoryUsedSteps implements UsedSteps {
    private final ConcurrentHashMap<String, Long> steps = new ConcurrentHashMap<>();

    @Override
    public long lastAcceptedStep(String user) {
      Long step = steps.get(user);
      return step == null ? NONE : step;
    }

    @Override
    public boolean markAccepted(String user, long step) {
      boolean[] accepted = new boolean[1];
      steps.compute(user, (u, last) -> {
        if (last == null || step > last) {
          accepted[0] = true;
          return step;
        }
        return last;
      });
      return accepted[0];
    }
  }

  /** The fewest secret bytes: 128 bits (RFC 4226 §4). */
  public static final int MIN_SECRET_BYTES = 16;

  /** Bytes of {@link #newSecret()}: 160 bits, the RFC 4226 recommendation. */
  public static final int SECRET_BYTES = 20;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
      10_000_000, 100_000_000};

  private final Algorithm algorithm;
  private final int digits;
  private final long periodSeconds;
  private final int window;
  private final Clock clock;
  private final UsedSteps usedSteps;

  private Totp(Builder builder) {
    this.algorithm = builder.algorithm;
    this.digits = builder.digits;
    this.periodSeconds = builder.periodSeconds;
    this.window = builder.window;
    this.clock = builder.clock;
    this.usedSteps = builder.usedSteps == null ? UsedSteps.inMemory() : builder.usedSteps;
  }

  /**
   * HMAC-SHA-1, 6 digits, 30-second steps, ±1 step, the system clock and an in-memory {@link
   * UsedSteps} of its own.
   */
  public static Totp defaults() {
    return builder().build();
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A new random secret of {@value #SECRET_BYTES} bytes from {@link SecureRandom}. */
  public static byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return secret;
  }

  /**
   * The code for {@code secret} at {@code time}: exactly {@code digits} digits, leading zeros
   * kept.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code secret} is shorter than {@value
   *     #MIN_SECRET_BYTES} bytes
   */
  public String generate(byte[] secret, Instant time) {
    checkSecret(secret);
    return code(secret, step(Objects.requireNonNull(time, "time")));
  }

  /**
   * The time step {@code time} falls in: whole periods since the Unix epoch.
   *
   * @throws NullPointerException if {@code time} is null
   */
  public long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), periodSeconds);
  }

  /**
   * Whether {@code code} is {@code user}'s current code (within the window) and its step was not
   * accepted for {@code user} before; an accepted step is recorded. A null, empty, non-digit or
   * wrong-length code is {@code false}.
   *
   * @throws NullPointerException if {@code user} or {@code secret} is null
   * @throws IllegalArgumentException if {@code secret} is shorter than {@value
   *     #MIN_SECRET_BYTES} bytes
   */
  public boolean verify(String user, byte[] secret, String code) {
    Objects.requireNonNull(user, "user");
    checkSecret(secret);
    if (!wellFormed(code)) {
      return false;
    }
    byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
    long current = step(clock.instant());
    long matched = UsedSteps.NONE;
    for (long step = current - window; step <= current + window; step++) {
      byte[] expected = code(secret, step).getBytes(StandardCharsets.US_ASCII);
      // Every step is computed and compared: timing does not tell which one matched.
      if (MessageDigest.isEqual(presented, expected)) {
        matched = step;
      }
    }
    if (matched == UsedSteps.NONE || matched <= usedSteps.lastAcceptedStep(user)) {
      return false;
    }
    return usedSteps.markAccepted(user, matched);
  }

  /**
   * The {@code otpauth://totp/} URI that authenticator apps read from a QR code: label {@code
   * Issuer:account} and the {@code issuer} parameter percent-encoded (RFC 3986), the secret in
   * Base32, and this instance's algorithm, digits and period. It holds the secret: show it once,
   * never log or store it.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code issuer} or {@code account} is empty, longer than 100
   *     characters, or contains {@code :} or a control character; or the secret is too short
   */
  public String uri(String issuer, String account, byte[] secret) {
    checkLabel("issuer", issuer);
    checkLabel("account", account);
    checkSecret(secret);
    return "otpauth://totp/" + percent(issuer) + ":" + percent(account)
        + "?secret=" + Base32.encode(secret)
        + "&issuer=" + percent(issuer)
        + "&algorithm=" + algorithm.name()
        + "&digits=" + digits
        + "&period=" + periodSeconds;
  }

  /** Algorithm, digits, period and window; nothing secret. */
  @Override
  public String toString() {
    return "Totp[" + algorithm + ", " + digits + " digits, " + periodSeconds + " s, ±" + window
        + "]";
  }

  private boolean wellFormed(String code) {
    if (code == null || code.length() != digits) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** RFC 4226 §5.3: HMAC of the 8-byte big-endian counter, dynamic truncation, modulo. */
  private String code(byte[] secret, long step) {
    byte[] counter = new byte[8];
    for (int i = 7; i >= 0; i--) {
      counter[i] = (byte) (step >>> (8 * (7 - i)));
    }
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName);
      mac.init(new SecretKeySpec(secret, algorithm.jcaName));
      hash = mac.doFinal(counter);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK provides " + algorithm.jcaName, e);
    }
    int offset = hash[hash.length - 1] & 0x0f;
    int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
        | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
    String text = Integer.toString(binary % POWERS[digits]);
    StringBuilder code = new StringBuilder(digits);
    for (int i = text.length(); i < digits; i++) {
      code.append('0');
    }
    return code.append(text).toString();
  }

  private static void checkSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("TOTP secret of " + secret.length + " bytes is too"
          + " short: at least " + MIN_SECRET_BYTES + " bytes (128 bits); newSecret() makes "
          + SECRET_BYTES);
    }
  }

  private static void checkLabel(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > 100) {
      throw new IllegalArgumentException(what + " length " + value.length()
          + " is outside the allowed range 1..100");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ':' || c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(what + " contains "
            + (c == ':' ? "':'" : "a control character") + " at index " + i
            + ": ':' separates issuer and account in the label");
      }
    }
  }

  private static String percent(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Collects the settings, validating each at once. Not thread-safe; the {@link Totp} it builds
   * is.
   */
  public static final class Builder {

    private Algorithm algorithm = Algorithm.SHA1;
    private int digits = 6;
    private long periodSeconds = 30;
    private int window = 1;
    private Clock clock = Clock.systemUTC();
    private UsedSteps usedSteps;

    private Builder() {}

    /**
     * The HMAC (default {@link Algorithm#SHA1}); check the users' apps support another first.
     *
     * @throws NullPointerException if {@code algorithm} is null
     */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Digits per code (default 6).
     *
     * @throws IllegalArgumentException if {@code digits} is outside 6..8
     */
    public Builder digits(int digits) {
      if (digits < 6 || digits > 8) {
        throw new IllegalArgumentException("digits " + digits + " is outside the allowed range"
            + " 6..8");
      }
      this.digits = digits;
      return this;
    }

    /**
     * The time step (default 30 seconds), in whole seconds.
     *
     * @throws IllegalArgumentException if {@code period} is null, not whole seconds, or outside
     *     10 s..300 s
     */
    public Builder period(Duration period) {
      if (period == null || period.getNano() != 0 || period.getSeconds() < 10
          || period.getSeconds() > 300) {
        throw new IllegalArgumentException("period " + period + " is outside the allowed range"
            + " PT10S..PT5M in whole seconds");
      }
      this.periodSeconds = period.getSeconds();
      return this;
    }

    /**
     * Steps accepted either side of the current one for clock drift (default 1).
     *
     * @throws IllegalArgumentException if {@code steps} is outside 0..3
     */
    public Builder window(int steps) {
      if (steps < 0 || steps > 3) {
        throw new IllegalArgumentException("window " + steps + " is outside the allowed range"
            + " 0..3");
      }
      this.window = steps;
      return this;
    }

    /**
     * The clock of {@link Totp#verify} (default {@link Clock#systemUTC()}); for tests.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where accepted steps are recorded (default a new {@link UsedSteps#inMemory()}).
     *
     * @throws NullPointerException if {@code usedSteps} is null
     */
    public Builder usedSteps(UsedSteps usedSteps) {
      this.usedSteps = Objects.requireNonNull(usedSteps, "usedSteps");
      return this;
    }

    /** The configured {@link Totp}. */
    public Totp build() {
      return new Totp(this);
    }
  }
}
