package io.github.bulwark.runtime;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Issues, checks, rotates and revokes per-client API keys so that only their SHA-256 digests are
 * ever stored, a typo or a guessed key is refused before any lookup, and a leaked key is
 * recognisable by its shape.
 *
 * <pre>{@code
 * ApiKeys apiKeys = ApiKeys.using(store);          // store: your ApiKeyStore over the database
 * IssuedKey issued = apiKeys.issue("live", Map.of("owner", "acme"));
 * showOnce(issued.plaintext());                      // live_5Gk...Xq2rT0v: never stored, never logged
 *
 * Optional<ApiKeyRecord> caller = apiKeys.verify(request.getHeader("X-Api-Key"));
 * if (caller.isEmpty()) return 401;
 *
 * IssuedKey next = apiKeys.rotate(issued.id(), Duration.ofDays(7)); // old key works 7 more days
 * apiKeys.revoke(next.id());
 * }</pre>
 *
 * <p><b>Format.</b> {@code <prefix>_<random><check>}: a prefix of lower-case letters and digits
 * (words may be joined by {@code _}, {@value #MIN_PREFIX_LENGTH}..{@value #MAX_PREFIX_LENGTH}
 * characters) saying what the key is for; 256 random bits from {@link SecureRandom} as
 * {@value #RANDOM_CHARS} Base62 characters; and the CRC32 of everything before it as {@value
 * #CHECK_CHARS} Base62 characters. The checksum lets secret scanners and Bulwark's HardcodedSecret
 * rule recognise real keys without false positives, and lets {@link #verify} refuse typos
 * without touching the store.
 *
 * <p><b>Storage.</b> Records hold the SHA-256 of the whole key ({@link #digest(String)}), not a
 * slow password hash: 256 random bits cannot be guessed, so the fast digest is safe and lets the
 * store look keys up by an index. Every key is checked against its record's digest with {@link
 * MessageDigest#isEqual}, and revoked keys are refused. Creation and revocation are logged
 * through {@link SecurityLog} by id, never by key.
 *
 * <p>Immutable and thread-safe when the store is.
 */
public final class ApiKeys {

  /** The shortest prefix. */
  public static final int MIN_PREFIX_LENGTH = 2;

  /** The longest prefix. */
  public static final int MAX_PREFIX_LENGTH = 32;

  /** Base62 characters of the random part: 256 bits. */
  public static final int RANDOM_CHARS = 43;

  /** Base62 characters of the CRC32 checksum. */
  public static final int CHECK_CHARS = 6;

  /** The longest rotation grace period. */
  public static final Duration MAX_GRACE = Duration.ofDays(30);

  private static final int RANDOM_BYTES = 32;
  private static final int ID_CHARS = 16;
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeyStore store;
  private final Clock clock;
  private final SecurityLog log;

  private ApiKeys(ApiKeyStore store, Clock clock, SecurityLog log) {
    this.store = store;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Keys kept in {@code store}, dated by the UTC system clock, logged to {@link
   * SecurityLog#get()}.
   *
   * @throws NullPointerException if {@code store} is null
   */
  public static ApiKeys using(ApiKeyStore store) {
    return using(store, Clock.systemUTC(), SecurityLog.get());
  }

  /**
   * Keys kept in {@code store}, dated by {@code clock}, logged to {@code log}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ApiKeys using(ApiKeyStore store, Clock clock, SecurityLog log) {
    return new ApiKeys(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock,
        "clock"), Objects.requireNonNull(log, "log"));
  }

  /**
   * Issues a key starting {@code prefix_} with no metadata.
   *
   * @throws IllegalArgumentException if {@code prefix} is not allowed (see the class comment)
   */
  public IssuedKey issue(String prefix) {
    return issue(prefix, Collections.emptyMap());
  }

  /**
   * Issues a key starting {@code prefix_}, storing its digest with {@code metadata}.
   *
   * @throws NullPointerException if {@code metadata} is null or holds a null key or value
   * @throws IllegalArgumentException if {@code prefix} is not allowed (see the class comment)
   */
  public IssuedKey issue(String prefix, Map<String, String> metadata) {
    checkPrefix(prefix);
    Map<String, String> copy = new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata"));
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    String body = prefix + "_" + base62(new BigInteger(1, random), RANDOM_CHARS);
    String key = body + checksum(body);
    ApiKeyRecord record = ApiKeyRecord.of(newId(), prefix, digest(key), copy, clock.instant(),
        null);
    store.save(record);
    log.apiKeyCreated(record.id());
    return new IssuedKey(record, key);
  }

  /**
   * The record of {@code presentedKey} if it is a well-formed key of this format, stored, and
   * not revoked; empty otherwise, including for null. Malformed keys and wrong checksums are
   * refused before the store is asked.
   */
  public Optional<ApiKeyRecord> verify(String presentedKey) {
    if (!wellFormed(presentedKey)) {
      return Optional.empty();
    }
    String digest = digest(presentedKey);
    Optional<ApiKeyRecord> found = store.findByDigest(digest);
    if (!found.isPresent()) {
      return Optional.empty();
    }
    ApiKeyRecord record = found.get();
    // The store may match loosely (case-insensitive collations): compare the digests exactly.
    boolean same = MessageDigest.isEqual(digest.getBytes(StandardCharsets.US_ASCII),
        record.digest().getBytes(StandardCharsets.US_ASCII));
    return same && record.activeAt(clock.instant()) ? found : Optional.empty();
  }

  /**
   * Issues a new key with the prefix and metadata of key {@code id} and revokes the old one at
   * once.
   *
   * @throws IllegalArgumentException if there is no key {@code id}
   */
  public IssuedKey rotate(String id) {
    return rotate(id, Duration.ZERO);
  }

  /**
   * Issues a new key with the prefix and metadata of key {@code id}; the old one keeps working
   * for {@code grace} (so clients can switch), then is refused. A grace never extends an earlier
   * revocation.
   *
   * @throws IllegalArgumentException if there is no key {@code id}, it is already revoked, or
   *     {@code grace} is null, negative or over 30 days
   */
  public IssuedKey rotate(String id, Duration grace) {
    if (grace == null || grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
      throw new IllegalArgumentException("rotation grace " + grace + " is outside the allowed"
          + " range PT0S.." + MAX_GRACE);
    }
    ApiKeyRecord old = store.findById(Objects.requireNonNull(id, "id"))
        .orElseThrow(() -> new IllegalArgumentException("no API key with id " + id));
    Instant now = clock.instant();
    if (!old.activeAt(now)) {
      throw new IllegalArgumentException("API key " + id + " is already revoked: issue a new"
          + " key instead of rotating");
    }
    IssuedKey next = issue(old.prefix(), old.metadata());
    store.revoke(id, now.plus(grace));
    log.apiKeyRevoked(id);
    return next;
  }

  /**
   * Revokes key {@code id} now.
   *
   * @return false if there is no such key
   * @throws NullPointerException if {@code id} is null
   */
  public boolean revoke(String id) {
    boolean revoked = store.revoke(Objects.requireNonNull(id, "id"), clock.instant());
    if (revoked) {
      log.apiKeyRevoked(id);
    }
    return revoked;
  }

  /**
   * The SHA-256 of {@code key}'s UTF-8 bytes as 64 lower-case hex digits: what is stored and
   * looked up.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public static String digest(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte b : hash) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK provides SHA-256", e);
    }
  }

  /**
   * Whether {@code key} has this class's format — an allowed prefix, {@code _}, {@value
   * #RANDOM_CHARS} Base62 characters and a matching CRC32 — without any lookup. {@code null} is
   * not.
   */
  public static boolean wellFormed(String key) {
    if (key == null || key.length() > MAX_PREFIX_LENGTH + 1 + RANDOM_CHARS + CHECK_CHARS) {
      return false;
    }
    int separator = key.lastIndexOf('_');
    if (separator < MIN_PREFIX_LENGTH
        || key.length() - separator - 1 != RANDOM_CHARS + CHECK_CHARS) {
      return false;
    }
    String prefix = key.substring(0, separator);
    if (!PREFIX.matcher(prefix).matches()) {
      return false;
    }
    for (int i = separator + 1; i < key.length(); i++) {
      if (BASE62.indexOf(key.charAt(i)) < 0) {
        return false;
      }
    }
    String body = key.substring(0, key.length() - CHECK_CHARS);
    return checksum(body).equals(key.substring(key.length() - CHECK_CHARS));
  }

  private static void checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.length() < MIN_PREFIX_LENGTH || prefix.length() > MAX_PREFIX_LENGTH
        || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("API key prefix \"" + SecurityLog.escape(
          prefix.length() > MAX_PREFIX_LENGTH ? prefix.substring(0, MAX_PREFIX_LENGTH) + "..."
              : prefix) + "\" is not allowed: use " + MIN_PREFIX_LENGTH + ".."
          + MAX_PREFIX_LENGTH + " characters of [a-z0-9], words joined by '_', starting with a"
          + " letter (e.g. live, test, acme_live)");
    }
  }

  private static String checksum(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    return base62(BigInteger.valueOf(crc.getValue()), CHECK_CHARS);
  }

  private static String newId() {
    StringBuilder id = new StringBuilder(ID_CHARS);
    for (int i = 0; i < ID_CHARS; i++) {
      id.append(BASE62.charAt(RANDOM.nextInt(62)));
    }
    return id.toString();
  }

  /** {@code value} in Base62, left-padded with {@code 0} to exactly {@code width} characters. */
  private static String base62(BigInteger value, int width) {
    char[] digits = new char[width];
    BigInteger rest = value;
    for (int i = width - 1; i >= 0; i--) {
      BigInteger[] division = rest.divideAndRemainder(SIXTY_TWO);
      digits[i] = BASE62.charAt(division[1].intValue());
      rest = division[0];
    }
    if (rest.signum() != 0) {
      throw new IllegalStateException("value does not fit " + width + " Base62 characters");
    }
    return new String(digits);
  }
}
