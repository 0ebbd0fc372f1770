package com.example.accounts;

import io.github.bulwark.runtime.Totp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticator-app codes (TOTP, RFC 6238) through bulwark-runtime's Totp: secrets from
 * SecureRandom, ±1 time step, constant-time check, and each code accepted once.
 */
final class TwoFactorService {

  private final Totp totp = Totp.defaults();
  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

  /** A new secret for the user, as the otpauth:// URI their authenticator app scans. */
  String enroll(String userId, String email) {
    byte[] secret = Totp.newSecret();
    secrets.put(userId, secret);
    return totp.uri("Accounts", email, secret);
  }

  boolean enrolled(String userId) {
    return secrets.containsKey(userId);
  }

  /** Wrong, malformed, expired and replayed codes are all refused. */
  boolean verify(String userId, String code) {
    byte[] secret = secrets.get(userId);
    return secret != null && code != null && totp.verify(userId, secret, code);
  }
}
