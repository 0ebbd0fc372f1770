package io.github.bulwark.core.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of bytes, as lower-case hex: the identity of a file's content in the cache. */
public final class ContentHash {

  private ContentHash() {}

  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String ofText(String text) {
    return of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
