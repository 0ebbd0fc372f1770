package com.example.accounts;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2 password hashes stored as {@code iterations:salt:hash}; accounts migrated from
 * the old platform still carry its {@code sha1:<hex>} hashes until their next login.
 */
final class PasswordService {

  private static final int ITERATIONS = 210_000;
  private static final int KEY_BITS = 256;
  private final SecureRandom random = new SecureRandom();

  String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] hash = derive(password.toCharArray(), salt, ITERATIONS);
    Base64.Encoder base64 = Base64.getEncoder();
    return ITERATIONS + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
  }

  boolean verify(String password, String stored) {
    if (stored.startsWith("sha1:")) {
      return verifyLegacy(password, stored.substring("sha1:".length()));
    }
    String[] parts = stored.split(":");
    if (parts.length != 3) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[0]);
      byte[] salt = Base64.getDecoder().decode(parts[1]);
      byte[] expected = Base64.getDecoder().decode(parts[2]);
      return MessageDigest.isEqual(expected, derive(password.toCharArray(), salt, iterations));
    } catch (IllegalArgumentException e) {
      return false; // a malformed stored hash never matches
    }
  }

  private static boolean verifyLegacy(String password, String hexHash) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] hash = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(hash, HexFormat.of().parseHex(hexHash));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      return factory.generateSecret(new PBEKeySpec(password, salt, iterations, KEY_BITS))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
