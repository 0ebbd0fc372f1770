package com.example.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Saved cards: the card number encrypted at rest, found again by its fingerprint so the same
 * card saved twice is stored once.
 */
final class CardVault {

  private static final SecretKeySpec VAULT_KEY =
      new SecretKeySpec("c4rdV4ult-k3y-01".getBytes(StandardCharsets.UTF_8), "AES");

  private final Map<String, byte[]> encryptedByFingerprint = new ConcurrentHashMap<>();

  /** Stores the card number and returns its fingerprint, the card's id in this API. */
  String store(String cardNumber) {
    try {
      String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(cardNumber.getBytes(StandardCharsets.UTF_8)));
      Cipher aes = Cipher.getInstance("AES/ECB/PKCS5Padding");
      aes.init(Cipher.ENCRYPT_MODE, VAULT_KEY);
      encryptedByFingerprint.put(fingerprint,
          aes.doFinal(cardNumber.getBytes(StandardCharsets.UTF_8)));
      return fingerprint;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt the card number", e);
    }
  }

  /** The card number, for the payment provider. */
  String reveal(String fingerprint) {
    byte[] encrypted = encryptedByFingerprint.get(fingerprint);
    if (encrypted == null) {
      throw new BadRequest("no such card");
    }
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/PKCS5Padding");
      aes.init(Cipher.DECRYPT_MODE, VAULT_KEY);
      return new String(aes.doFinal(encrypted), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt the card number", e);
    }
  }
}
