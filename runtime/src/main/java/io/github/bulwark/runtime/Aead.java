package io.github.bulwark.runtime;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts data at rest with AES-GCM so that it stays confidential and any change to it — or use
 * with the wrong key or the wrong context — is detected before a single byte is released.
 *
 * <pre>{@code
 * byte[] key = Aead.generateKey();                        // once; keep it in a secret store
 * Aead aead = Aead.fromKey(key);
 * byte[] sealed = aead.encrypt(ssn, userId);              // userId binds the data to its owner
 * byte[] ssn2 = aead.decrypt(sealed, userId);             // AeadException if anything changed
 * }</pre>
 *
 * <p><b>Output layout</b> (version 1), {@value #OVERHEAD} bytes longer than the plaintext:
 *
 * <pre>
 *  offset 0      1                 13                           length-16        length
 *         +------+-----------------+----------------------------+----------------+
 *         | 0x01 | nonce, 12 bytes | ciphertext, plaintext size | GCM tag, 16 B  |
 *         +------+-----------------+----------------------------+----------------+
 * </pre>
 *
 * The nonce is 96 random bits, fresh for every message, and the tag is the full 128-bit GCM tag
 * computed over the ciphertext and the associated data. The version byte is not authenticated:
 * {@link #decrypt} refuses any value but {@code 0x01} before decrypting, and a future version will
 * use another key or algorithm, under which a relabelled message fails authentication.
 *
 * <p><b>Associated data</b> is authenticated but neither encrypted nor stored: pass the same
 * bytes to {@code decrypt} (e.g. the record id or column name, so a ciphertext copied to another
 * row does not decrypt). It is never optional by {@code null}: pass {@code new byte[0]} for none.
 *
 * <p><b>Limits.</b> With random 96-bit nonces, NIST SP 800-38D allows at most 2^32 messages per
 * key; rotate keys well before that. Keys are 128, 192 or 256 bits; an all-zero key, the usual
 * sign of a key that was never loaded, is refused.
 *
 * <p>Instances are immutable and thread-safe (each call uses its own {@link Cipher}); the key
 * never appears in {@code toString()} or in messages.
 */
public final class Aead {

  /** The first byte of every message this version writes. */
  public static final byte VERSION = 0x01;

  /** Length of the random nonce. */
  public static final int NONCE_BYTES = 12;

  /** Length of the GCM authentication tag. */
  public static final int TAG_BYTES = 16;

  /** How much longer a message is than its plaintext: version, nonce and tag. */
  public static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final int keyBits;

  private Aead(byte[] key) {
    this.key = new SecretKeySpec(key, "AES"); // copies the array
    this.keyBits = key.length * 8;
  }

  /**
   * A new random 256-bit key. Store it as a secret (for example Base64-encoded where
   * {@link Secrets} reads it), never beside the data, and load it with {@link #fromKey}.
   */
  public static byte[] generateKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * An AES-GCM instance for {@code key}, which is copied: the caller may wipe its array.
   *
   * @throws IllegalArgumentException if {@code key} is null, not 16, 24 or 32 bytes long, or all
   *     zero bytes
   */
  public static Aead fromKey(byte[] key) {
    if (key == null) {
      throw new IllegalArgumentException("key must not be null");
    }
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException("AES key length " + key.length + " bytes is not allowed;"
          + " use 16, 24 or 32 bytes (32 recommended, see generateKey())");
    }
    int bits = 0;
    for (byte b : key) {
      bits |= b;
    }
    if (bits == 0) {
      throw new IllegalArgumentException("The AES key is all zero bytes, which means it was never"
          + " filled in; load the real key or use generateKey()");
    }
    return new Aead(key);
  }

  /**
   * Encrypts {@code plaintext} under a fresh random nonce and authenticates it together with
   * {@code associatedData}; returns {@code 0x01 ‖ nonce ‖ ciphertext ‖ tag}.
   *
   * @throws IllegalArgumentException if either argument is null (pass {@code new byte[0]} for no
   *     associated data)
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return encrypt(plaintext, associatedData, nonce);
  }

  /**
   * Checks and decrypts a message made by {@link #encrypt} with the same key and the same
   * {@code associatedData}; nothing is returned unless the whole message is authentic.
   *
   * @throws AeadException if the version byte is unknown, the input is shorter than {@value
   *     #OVERHEAD} bytes, or authentication fails (altered ciphertext, tag, nonce or associated
   *     data, or another key)
   * @throws IllegalArgumentException if either argument is null
   */
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws AeadException {
    requireNonNull(ciphertext, "ciphertext");
    requireNonNull(associatedData, "associatedData");
    if (ciphertext.length < OVERHEAD) {
      throw new AeadException("Cannot decrypt: the input is " + ciphertext.length + " bytes, shorter"
          + " than the " + OVERHEAD + " bytes of version, nonce and tag that every message has");
    }
    if (ciphertext[0] != VERSION) {
      throw new AeadException(String.format("Cannot decrypt: unknown format version 0x%02x;"
          + " this version reads 0x%02x", ciphertext[0] & 0xff, VERSION));
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(TAG_BYTES * 8, ciphertext, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new AeadException("Cannot decrypt: authentication failed; the ciphertext, nonce, tag"
          + " or associated data were altered, or this is not the key it was encrypted with", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable on this JVM: " + e.getMessage(), e);
    }
  }

  /** Shows the algorithm and key size only: {@code Aead[AES-256-GCM]}. */
  @Override
  public String toString() {
    return "Aead[AES-" + keyBits + "-GCM]";
  }

  /** Encrypts with the given nonce; package-private so tests can check a known-answer vector. */
  byte[] encrypt(byte[] plaintext, byte[] associatedData, byte[] nonce) {
    requireNonNull(plaintext, "plaintext");
    requireNonNull(associatedData, "associatedData");
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(associatedData);
      byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
      int written = cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + NONCE_BYTES);
      return written == out.length - 1 - NONCE_BYTES
          ? out : Arrays.copyOf(out, 1 + NONCE_BYTES + written);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable on this JVM: " + e.getMessage(), e);
    }
  }

  private static void requireNonNull(byte[] value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null"
          + ("associatedData".equals(name) ? "; pass new byte[0] for none" : ""));
    }
  }
}
