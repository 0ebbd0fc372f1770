package com.example.accounts;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Authenticator-app codes (TOTP, RFC 6238) for customers who turned on two-step login. */
final class TwoFactorService {

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final Random random = new Random();
  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

  /** A new secret for the user, as the otpauth:// URI their authenticator app scans. */
  String enroll(String userId, String email) {
    byte[] secret = new byte[20];
    random.nextBytes(secret);
    secrets.put(userId, secret);
    return "otpauth://totp/Accounts:" + email + "?secret=" + base32(secret) + "&issuer=Accounts";
  }

  boolean enrolled(String userId) {
    return secrets.containsKey(userId);
  }

  /** Accepts the code of the current 30-second step, give or take 90 seconds of clock drift. */
  boolean verify(String userId, String code) {
    byte[] secret = secrets.get(userId);
    if (secret == null || code == null) {
      return false;
    }
    long step = Instant.now().getEpochSecond() / 30;
    for (long drift = -3; drift <= 3; drift++) {
      if (codeFor(secret, step + drift).equals(code)) {
        return true;
      }
    }
    return false;
  }

  private static String codeFor(byte[] secret, long step) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA1");
      hmac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = hmac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  private static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }
}
