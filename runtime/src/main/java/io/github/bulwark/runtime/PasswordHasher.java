package io.github.bulwark.runtime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Hashes passwords with bcrypt so that every bit of the password counts, every hash has its own
 * random salt, and the password never lingers in memory as an unwipeable {@code String}.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.bcrypt();          // cost 12
 * String stored = hasher.hash(form.password());             // the char[] is wiped
 * boolean ok = hasher.verify(form.password(), stored);      // malformed stored hash -> false
 * if (ok && hasher.needsRehash(stored)) { ... store hasher.hash(...) again ... }
 * }</pre>
 *
 * <p><b>Output.</b> Standard modular-crypt bcrypt strings, {@code $2a$<cost>$<22-char salt><31-char
 * hash>} (60 characters), readable by every bcrypt library for passwords up to 72 UTF-8 bytes.
 * {@link #verify} also accepts {@code $2b$} and {@code $2y$} hashes from other systems: for the
 * passwords bcrypt accepts they are computed exactly like {@code $2a$} by jBCrypt, which has
 * neither of the historical bugs those prefixes mark.
 *
 * <p><b>Passwords over 72 bytes.</b> bcrypt reads at most 72 bytes of key and silently ignores
 * the rest, so plain bcrypt accepts any password that shares the first 72 bytes — and a UTF-8
 * character can even be cut in half there. This class does not truncate and does not refuse
 * (passphrases and password managers legitimately produce long passwords, and a limit counted
 * in bytes would surprise users of non-Latin scripts): a password whose UTF-8 encoding is longer
 * than {@value #MAX_DIRECT_BYTES} bytes is first pre-hashed,
 * {@code key = Base64(HMAC-SHA-256(PRE_HASH_KEY, utf8(password)))} (standard Base64 with padding,
 * 44 ASCII characters), and that key is given to bcrypt. The HMAC key {@link #PRE_HASH_KEY} is a
 * fixed, public domain-separation constant, not a secret: it stops "password shucking", where
 * leaked unsalted SHA-256 digests of passwords from another system could be tried against these
 * bcrypt hashes without knowing the passwords. Base64 keeps NUL bytes out of the bcrypt key (C
 * implementations stop at the first NUL). Passwords of at most 72 bytes are hashed unchanged, so
 * those hashes stay compatible with every other bcrypt implementation; a hash of a longer
 * password can be checked elsewhere by applying the same pre-hash first.
 *
 * <p><b>Wiping.</b> {@link #hash} and {@link #verify} overwrite the caller's {@code char[]} with
 * {@code '\0'} before they return or throw, and wipe every intermediate copy (UTF-8 bytes,
 * pre-hash, bcrypt key). The password is never turned into a {@code String}: it goes to
 * jBCrypt's byte-level {@link BCrypt#crypt_raw} core. Clone the array first if it is still needed.
 *
 * <p><b>Refusals.</b> A {@code null} or empty password, and one that is not valid UTF-16 (an
 * unpaired surrogate cannot be encoded, and replacing it would make different passwords equal),
 * are refused with {@link IllegalArgumentException}; the message never contains the password.
 *
 * <p>Instances are immutable and thread-safe; every call works on its own Blowfish state.
 */
public final class PasswordHasher {

  /** The cost of {@link #bcrypt()}: 2^12 rounds, about a quarter of a second on a server core. */
  public static final int DEFAULT_COST = 12;

  /** The lowest cost accepted for new hashes; below it offline guessing is too cheap. */
  public static final int MIN_COST = 10;

  /**
   * The highest cost accepted. bcrypt's format allows 31, but jBCrypt 0.4 refuses it (2^31 rounds
   * overflow its counter), and cost 30 already takes days per hash.
   */
  public static final int MAX_COST = 30;

  /** Passwords whose UTF-8 encoding is longer than this many bytes are pre-hashed. */
  public static final int MAX_DIRECT_BYTES = 72;

  /**
   * The HMAC-SHA-256 key of the pre-hash for passwords over {@value #MAX_DIRECT_BYTES} bytes, as
   * UTF-8: a public domain-separation constant. Changing it would invalidate stored hashes.
   */
  public static final String PRE_HASH_KEY = "io.github.bulwark.runtime.PasswordHasher/bcrypt-pre-hash/v1";

  /** Stored hashes this class can check; costs below 4 or above 30 are not computable. */
  private static final Pattern BCRYPT_HASH =
      Pattern.compile("\\$2([aby])\\$(\\d\\d)\\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})");

  private static final String BCRYPT_BASE64 =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** "OrpheanBeholderScryDoubt", the text bcrypt encrypts 64 times with the derived key. */
  private static final int[] ORPHEAN_BEHOLDER_SCRY_DOUBT = {
      0x4f727068, 0x65616e42, 0x65686f6c, 0x64657253, 0x63727944, 0x6f756274};

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 23;
  private static final int MIN_COMPUTABLE_COST = 4;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final int cost;

  private PasswordHasher(int cost) {
    this.cost = cost;
  }

  /** A bcrypt hasher with cost {@value #DEFAULT_COST}. */
  public static PasswordHasher bcrypt() {
    return new PasswordHasher(DEFAULT_COST);
  }

  /**
   * A bcrypt hasher with the given cost (2^cost rounds); raise it as hardware gets faster.
   *
   * @throws IllegalArgumentException if {@code cost} is outside {@value #MIN_COST}..{@value
   *     #MAX_COST}
   */
  public static PasswordHasher bcrypt(int cost) {
    if (cost < MIN_COST || cost > MAX_COST) {
      throw new IllegalArgumentException("bcrypt cost " + cost + " is outside the allowed range "
          + MIN_COST + ".." + MAX_COST + " (each step doubles the work; "
          + DEFAULT_COST + " is a good default)");
    }
    return new PasswordHasher(cost);
  }

  /** The cost of new hashes. */
  public int cost() {
    return cost;
  }

  /**
   * A new {@code $2a$} bcrypt hash of {@code password} with a fresh 128-bit random salt; the same
   * password hashes differently every time. Wipes {@code password}.
   *
   * @throws IllegalArgumentException if {@code password} is null, empty or not valid UTF-16
   */
  public String hash(char[] password) {
    byte[] key = null;
    try {
      key = bcryptKey(password);
      byte[] salt = new byte[SALT_BYTES];
      RANDOM.nextBytes(salt);
      return compute(key, salt, cost, 'a');
    } finally {
      wipe(password);
      wipe(key);
    }
  }

  /**
   * Whether {@code password} is the one {@code storedHash} was made from, compared in constant
   * time. A {@code storedHash} that is null, malformed, not bcrypt, or of a cost outside 4..30
   * gives {@code false}, never an exception. Wipes {@code password}.
   *
   * @throws IllegalArgumentException if {@code password} is null, empty or not valid UTF-16
   */
  public boolean verify(char[] password, String storedHash) {
    byte[] key = null;
    try {
      key = bcryptKey(password);
      Matcher parts = storedHash == null ? null : BCRYPT_HASH.matcher(storedHash);
      if (parts == null || !parts.matches()) {
        return false;
      }
      int storedCost = Integer.parseInt(parts.group(2));
      if (storedCost < MIN_COMPUTABLE_COST || storedCost > MAX_COST) {
        return false;
      }
      byte[] salt = decodeBase64(parts.group(3), SALT_BYTES);
      String computed = compute(key, salt, storedCost, parts.group(1).charAt(0));
      // Keep the stored salt text: a non-canonical last salt character must not cause a mismatch.
      String candidate = storedHash.substring(0, 29) + computed.substring(29);
      return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
          storedHash.getBytes(StandardCharsets.US_ASCII));
    } finally {
      wipe(password);
      wipe(key);
    }
  }

  /**
   * Whether {@code storedHash} should be replaced by a new {@link #hash} the next time the
   * password is at hand: true when its cost is lower than this hasher's, or when it is not a bcrypt
   * hash this class can verify (including {@code null}). A higher cost is never downgraded.
   */
  public boolean needsRehash(String storedHash) {
    Matcher parts = storedHash == null ? null : BCRYPT_HASH.matcher(storedHash);
    if (parts == null || !parts.matches()) {
      return true;
    }
    int storedCost = Integer.parseInt(parts.group(2));
    return storedCost < cost || storedCost > MAX_COST;
  }

  /** Shows the algorithm and cost: {@code PasswordHasher[bcrypt, cost 12]}. */
  @Override
  public String toString() {
    return "PasswordHasher[bcrypt, cost " + cost + "]";
  }

  /** The bcrypt string for a given salt; package-private so tests can pin the salt. */
  static String hashWithSalt(char[] password, byte[] salt, int cost) {
    byte[] key = bcryptKey(password);
    try {
      return compute(key, salt, cost, 'a');
    } finally {
      wipe(key);
    }
  }

  /**
   * The bytes bcrypt is keyed with: the UTF-8 password, or its pre-hash when longer than 72 bytes,
   * followed by the NUL terminator that {@code $2a$}/{@code $2b$} include in the key.
   */
  private static byte[] bcryptKey(char[] password) {
    if (password == null) {
      throw new IllegalArgumentException("password must not be null");
    }
    if (password.length == 0) {
      throw new IllegalArgumentException("password must not be empty");
    }
    byte[] utf8 = utf8(password);
    byte[] material = utf8;
    try {
      if (utf8.length > MAX_DIRECT_BYTES) {
        material = preHash(utf8);
      }
      byte[] key = Arrays.copyOf(material, material.length + 1);
      key[material.length] = 0;
      return key;
    } finally {
      wipe(utf8);
      wipe(material);
    }
  }

  /** Base64(HMAC-SHA-256(PRE_HASH_KEY, utf8)) as ASCII bytes. */
  private static byte[] preHash(byte[] utf8) {
    byte[] mac = null;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(PRE_HASH_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac = hmac.doFinal(utf8);
      return Base64.getEncoder().encode(mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK provides HmacSHA256", e);
    } finally {
      wipe(mac);
    }
  }

  /** Encodes without ever growing (and so leaving behind) a buffer; refuses unpaired surrogates. */
  private static byte[] utf8(char[] password) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer out = ByteBuffer.allocate(password.length * 3); // UTF-8: at most 3 bytes per char
    try {
      CharBuffer in = CharBuffer.wrap(password);
      CoderResult result = encoder.encode(in, out, true);
      if (result.isError()) {
        throw new IllegalArgumentException("password is not valid UTF-16: unpaired surrogate at"
            + " index " + in.position() + "; it cannot be encoded as UTF-8");
      }
      encoder.flush(out);
      return Arrays.copyOf(out.array(), out.position());
    } finally {
      wipe(out.array());
    }
  }

  private static String compute(byte[] key, byte[] salt, int cost, char minor) {
    int[] cipherText = ORPHEAN_BEHOLDER_SCRY_DOUBT.clone();
    byte[] raw = new BCrypt().crypt_raw(key, salt, cost, cipherText);
    try {
      StringBuilder out = new StringBuilder(60).append("$2").append(minor).append('$');
      if (cost < 10) {
        out.append('0');
      }
      return out.append(cost).append('$')
          .append(encodeBase64(salt, SALT_BYTES))
          .append(encodeBase64(raw, HASH_BYTES))
          .toString();
    } finally {
      wipe(raw);
      Arrays.fill(cipherText, 0);
    }
  }

  /** bcrypt's Base64: its own alphabet, no padding, bits read most significant first. */
  private static String encodeBase64(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder((length * 8 + 5) / 6);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < length; i++) {
      buffer = (buffer << 8) | (bytes[i] & 0xff);
      bits += 8;
      while (bits >= 6) {
        bits -= 6;
        out.append(BCRYPT_BASE64.charAt((buffer >>> bits) & 0x3f));
      }
    }
    if (bits > 0) {
      out.append(BCRYPT_BASE64.charAt((buffer << (6 - bits)) & 0x3f));
    }
    return out.toString();
  }

  /** The first {@code length} bytes encoded by {@code text}; callers pass pattern-checked text. */
  static byte[] decodeBase64(String text, int length) {
    byte[] out = new byte[length];
    int buffer = 0;
    int bits = 0;
    int written = 0;
    for (int i = 0; i < text.length() && written < length; i++) {
      buffer = (buffer << 6) | BCRYPT_BASE64.indexOf(text.charAt(i));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[written++] = (byte) (buffer >>> bits);
      }
    }
    return out;
  }

  private static void wipe(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }

  private static void wipe(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
