package io.github.bulwark.runtime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A named secret value that never shows itself in {@code toString()}, logs or exception messages.
 *
 * <p>The value is handed out only on request, as a fresh copy each time ({@link #chars()},
 * {@link #utf8()}, {@link #reveal()}), so callers may wipe their copy after use. Instances are
 * immutable and thread-safe. {@code equals} is identity: comparing values must go through
 * {@link #equalsConstantTime(CharSequence)}, and a value-based hash code would leak.
 */
public final class Secret {

  private final String name;
  private final String source;
  private final char[] value;

  Secret(String name, String source, char[] value) {
    this.name = name;
    this.source = source;
    this.value = value.clone();
  }

  /** The name it was looked up under, e.g. {@code DB_PASSWORD}. */
  public String name() {
    return name;
  }

  /** Where the value was found, e.g. {@code environment variable DB_PASSWORD}; never the value. */
  public String source() {
    return source;
  }

  /** A fresh copy of the value; wipe it with {@code Arrays.fill(chars, '\0')} when done. */
  public char[] chars() {
    return value.clone();
  }

  /** A fresh copy of the value encoded as UTF-8; wipe it when done. */
  public byte[] utf8() {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }

  /**
   * The value as a {@link String}, for APIs that accept nothing else. A string cannot be wiped and
   * may be interned or logged by whoever receives it: prefer {@link #chars()} where possible.
   */
  public String reveal() {
    return new String(value);
  }

  /**
   * Whether {@code candidate} equals the value, in time that depends on neither the value nor
   * where the two differ — both sides are hashed first, so not even the length leaks. Use it to
   * check a presented API key or token against this secret.
   */
  public boolean equalsConstantTime(CharSequence candidate) {
    if (candidate == null) {
      return false;
    }
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(candidate));
    byte[] candidateBytes = new byte[encoded.remaining()];
    encoded.get(candidateBytes);
    byte[] valueBytes = utf8();
    try {
      return MessageDigest.isEqual(sha256(valueBytes), sha256(candidateBytes));
    } finally {
      Arrays.fill(valueBytes, (byte) 0);
      Arrays.fill(candidateBytes, (byte) 0);
    }
  }

  /** Shows the name only: {@code Secret[DB_PASSWORD, ****]}. */
  @Override
  public String toString() {
    return "Secret[" + name + ", ****]";
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK provides SHA-256", e);
    }
  }
}
