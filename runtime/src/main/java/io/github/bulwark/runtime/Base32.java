package io.github.bulwark.runtime;

/**
 * The RFC 4648 Base32 alphabet ({@code A-Z2-7}), as authenticator apps expect TOTP secrets:
 * encoding writes upper case without padding; decoding accepts either case and optional trailing
 * {@code =} padding, and refuses anything else — including lengths no encoder produces and
 * non-zero leftover bits — so one secret has one spelling.
 *
 * <p>Messages name the position of a bad character, never the character or the input, because
 * the input is usually a secret. All methods are static and thread-safe.
 */
public final class Base32 {

  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Base32() {}

  /**
   * {@code bytes} as upper-case Base32 without padding.
   *
   * @throws NullPointerException if {@code bytes} is null
   */
  public static String encode(byte[] bytes) {
    StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        text.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      text.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return text.toString();
  }

  /**
   * The bytes that {@code text} encodes.
   *
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code text} holds a character outside {@code A-Z},
   *     {@code a-z}, {@code 2-7} (padding aside), has a length no encoder produces, or ends in
   *     non-zero leftover bits
   */
  public static byte[] decode(CharSequence text) {
    int length = text.length();
    while (length > 0 && text.charAt(length - 1) == '=') {
      length--;
    }
    int rest = length % 8;
    if (rest == 1 || rest == 3 || rest == 6) {
      throw new IllegalArgumentException("Base32 text of " + length + " characters (without"
          + " padding) is not a whole number of bytes: lengths modulo 8 must be 0, 2, 4, 5 or 7");
    }
    byte[] bytes = new byte[length * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int written = 0;
    for (int i = 0; i < length; i++) {
      int value = valueOf(text.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("Base32 text has a character outside A-Z, 2-7 at"
            + " index " + i);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bytes[written++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new IllegalArgumentException("Base32 text ends in non-zero padding bits: it is not"
          + " the canonical encoding of any bytes");
    }
    return bytes;
  }

  private static int valueOf(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= '2' && c <= '7') {
      return c - '2' + 26;
    }
    return -1;
  }
}
