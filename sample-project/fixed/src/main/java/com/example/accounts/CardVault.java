package com.example.accounts;

import io.github.bulwark.runtime.Aead;
import io.github.bulwark.runtime.AeadException;
import io.github.bulwark.runtime.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Saved cards: the card number encrypted at rest with AES-GCM (Aead, a fresh nonce per card and
 * the fingerprint as associated data), found again by a keyed HMAC-SHA-256 fingerprint so the
 * same card saved twice is stored once. Both keys come from the secret store, never the source.
 */
final class CardVault {

  private final Aead aead;
  private final SecretKeySpec fingerprintKey;
  private final Map<String, byte[]> encryptedByFingerprint = new ConcurrentHashMap<>();

  CardVault() {
    Base64.Decoder base64 = Base64.getDecoder();
    this.aead = Aead.fromKey(base64.decode(Secrets.require("CARD_VAULT_KEY").reveal()));
    this.fingerprintKey = new SecretKeySpec(
        base64.decode(Secrets.require("CARD_FINGERPRINT_KEY").reveal()), "HmacSHA256");
  }

  /** Stores the card number and returns its fingerprint, the card's id in this API. */
  String store(String cardNumber) {
    String fingerprint = fingerprint(cardNumber);
    encryptedByFingerprint.put(fingerprint, aead.encrypt(
        cardNumber.getBytes(StandardCharsets.UTF_8), fingerprint.getBytes(StandardCharsets.UTF_8)));
    return fingerprint;
  }

  /** The card number, for the payment provider. */
  String reveal(String fingerprint) {
    byte[] encrypted = encryptedByFingerprint.get(fingerprint);
    if (encrypted == null) {
      throw new BadRequest("no such card");
    }
    try {
      return new String(aead.decrypt(encrypted, fingerprint.getBytes(StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8);
    } catch (AeadException e) {
      throw new IllegalStateException("a stored card failed its integrity check", e);
    }
  }

  private String fingerprint(String cardNumber) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(fingerprintKey);
      return HexFormat.of().formatHex(hmac.doFinal(cardNumber.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
