package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks AES-GCM round trips, the byte layout, every tampering, and a published vector. */
class AeadTest {

  private static final byte[] NO_AAD = new byte[0];
  private static final byte[] AAD = utf8("users/42/ssn");
  private static final byte[] PLAINTEXT = utf8("078-05-1120");

  private final Aead aead = Aead.fromKey(Aead.generateKey());

  // --- round trips and layout -------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 1000, 1 << 20})
  void roundTripsEverySize(int size) throws Exception {
    byte[] plaintext = new byte[size];
    Arrays.fill(plaintext, (byte) 7);
    assertArrayEquals(plaintext, aead.decrypt(aead.encrypt(plaintext, AAD), AAD));
    assertArrayEquals(plaintext, aead.decrypt(aead.encrypt(plaintext, NO_AAD), NO_AAD));
  }

  @Test
  void layoutIsVersionNonceCiphertextTag() throws Exception {
    byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
    assertEquals(Aead.OVERHEAD + PLAINTEXT.length, sealed.length);
    assertEquals(29, Aead.OVERHEAD);
    assertEquals(0x01, sealed[0]);
    byte[] body = Arrays.copyOfRange(sealed, 13, 13 + PLAINTEXT.length);
    assertFalse(Arrays.equals(PLAINTEXT, body), "the plaintext is not stored in the clear");
  }

  @Test
  void publishedGcmVectorReadsAndWritesThroughTheLayout() throws Exception {
    // The GCM specification's Test Case 16 (AES-256, 96-bit IV, with AAD), McGrew & Viega.
    byte[] key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] nonce = hex("cafebabefacedbaddecaf888");
    byte[] plaintext = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] ciphertext = hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662");
    byte[] tag = hex("76fc6ece0f4e1768cddf8853bb2d551b");
    byte[] layout = ByteBuffer.allocate(1 + 12 + ciphertext.length + 16)
        .put((byte) 0x01).put(nonce).put(ciphertext).put(tag).array();

    Aead known = Aead.fromKey(key);
    assertArrayEquals(plaintext, known.decrypt(layout, aad));
    assertArrayEquals(layout, known.encrypt(plaintext, aad, nonce));
  }

  @Test
  void everyMessageGetsItsOwnNonce() {
    Set<String> nonces = new HashSet<>();
    Set<String> messages = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
      assertTrue(nonces.add(Arrays.toString(Arrays.copyOfRange(sealed, 1, 13))), "nonce reused");
      assertTrue(messages.add(Arrays.toString(sealed)), "same plaintext, same ciphertext");
    }
  }

  @Test
  void anotherInstanceWithTheSameKeyDecrypts() throws Exception {
    byte[] key = Aead.generateKey();
    byte[] sealed = Aead.fromKey(key).encrypt(PLAINTEXT, AAD);
    assertArrayEquals(PLAINTEXT, Aead.fromKey(key.clone()).decrypt(sealed, AAD));
  }

  // --- refusals on decrypt ----------------------------------------------------------------

  @Test
  void everyAlteredByteIsRefused() {
    byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
    for (int i = 0; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 0x01;
      String part = i == 0 ? "version" : i < 13 ? "nonce" : i < 13 + PLAINTEXT.length
          ? "ciphertext" : "tag";
      AeadException refused =
          assertThrows(AeadException.class, () -> aead.decrypt(altered, AAD), part + " byte " + i);
      assertTrue(refused.getMessage().contains(i == 0 ? "unknown format version 0x00"
          : "authentication failed"), refused.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x02, 0x7f, 0x80, 0xff})
  void unknownVersionsAreRefusedNamingTheVersion(int version) {
    byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
    sealed[0] = (byte) version;
    AeadException refused = assertThrows(AeadException.class, () -> aead.decrypt(sealed, AAD));
    assertTrue(refused.getMessage().contains(String.format("version 0x%02x", version)),
        refused.getMessage());
  }

  @Test
  void shortInputsAreRefused() {
    byte[] sealed = aead.encrypt(new byte[0], AAD);
    assertEquals(29, sealed.length);
    for (int length = 0; length < 29; length++) {
      byte[] cut = Arrays.copyOf(sealed, length);
      AeadException refused = assertThrows(AeadException.class, () -> aead.decrypt(cut, AAD));
      assertTrue(refused.getMessage().contains("the input is " + length + " bytes"),
          refused.getMessage());
    }
  }

  @Test
  void truncatedOrExtendedMessagesAreRefused() {
    byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
    assertThrows(AeadException.class,
        () -> aead.decrypt(Arrays.copyOf(sealed, sealed.length - 1), AAD));
    assertThrows(AeadException.class,
        () -> aead.decrypt(Arrays.copyOf(sealed, sealed.length + 1), AAD));
  }

  @Test
  void wrongKeyIsRefused() {
    byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
    Aead other = Aead.fromKey(Aead.generateKey());
    assertThrows(AeadException.class, () -> other.decrypt(sealed, AAD));
    byte[] shortKey = Arrays.copyOf(Aead.generateKey(), 16);
    assertThrows(AeadException.class, () -> Aead.fromKey(shortKey).decrypt(sealed, AAD));
  }

  @Test
  void wrongAssociatedDataIsRefused() {
    byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
    assertThrows(AeadException.class, () -> aead.decrypt(sealed, utf8("users/43/ssn")));
    assertThrows(AeadException.class, () -> aead.decrypt(sealed, NO_AAD));
    byte[] none = aead.encrypt(PLAINTEXT, NO_AAD);
    assertThrows(AeadException.class, () -> aead.decrypt(none, AAD));
  }

  @Test
  void failureIsAGeneralSecurityExceptionWithoutData() {
    byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
    sealed[sealed.length - 1] ^= 1;
    GeneralSecurityException refused =
        assertThrows(GeneralSecurityException.class, () -> aead.decrypt(sealed, AAD));
    assertTrue(refused instanceof AeadException);
    assertFalse(refused.getMessage().contains("078"), refused.getMessage());
  }

  @Test
  void nullArgumentsAreRefused() {
    byte[] sealed = aead.encrypt(PLAINTEXT, AAD);
    assertThrows(IllegalArgumentException.class, () -> aead.encrypt(null, AAD));
    IllegalArgumentException noAad =
        assertThrows(IllegalArgumentException.class, () -> aead.encrypt(PLAINTEXT, null));
    assertTrue(noAad.getMessage().contains("pass new byte[0] for none"), noAad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> aead.decrypt(null, AAD));
    assertThrows(IllegalArgumentException.class, () -> aead.decrypt(sealed, null));
  }

  // --- keys -------------------------------------------------------------------------------

  @Test
  void generatedKeysAre256BitsAndDistinct() {
    byte[] first = Aead.generateKey();
    assertEquals(32, first.length);
    assertNotEquals(Arrays.toString(first), Arrays.toString(Aead.generateKey()));
    assertEquals("Aead[AES-256-GCM]", Aead.fromKey(first).toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 24, 32})
  void acceptsTheThreeAesKeySizes(int bytes) throws Exception {
    Aead sized = Aead.fromKey(Arrays.copyOf(Aead.generateKey(), bytes));
    assertEquals("Aead[AES-" + bytes * 8 + "-GCM]", sized.toString());
    assertArrayEquals(PLAINTEXT, sized.decrypt(sized.encrypt(PLAINTEXT, AAD), AAD));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 8, 15, 17, 20, 31, 33, 64})
  void refusesOtherKeySizesNamingTheLength(int bytes) {
    byte[] key = new byte[bytes];
    Arrays.fill(key, (byte) 1);
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> Aead.fromKey(key));
    assertTrue(refused.getMessage().contains("length " + bytes + " bytes"), refused.getMessage());
    assertTrue(refused.getMessage().contains("16, 24 or 32"), refused.getMessage());
  }

  @Test
  void refusesNullAndAllZeroKeys() {
    assertThrows(IllegalArgumentException.class, () -> Aead.fromKey(null));
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> Aead.fromKey(new byte[32]));
    assertTrue(zero.getMessage().contains("all zero"), zero.getMessage());
  }

  @Test
  void theKeyIsCopiedSoTheCallerMayWipeIt() throws Exception {
    byte[] key = Aead.generateKey();
    byte[] copy = key.clone();
    Aead fromKey = Aead.fromKey(key);
    byte[] sealed = fromKey.encrypt(PLAINTEXT, AAD);
    Arrays.fill(key, (byte) 0);
    assertArrayEquals(PLAINTEXT, fromKey.decrypt(sealed, AAD));
    assertArrayEquals(PLAINTEXT, Aead.fromKey(copy).decrypt(sealed, AAD));
  }

  @Test
  void oneInstanceServesManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            byte[] plaintext = utf8("thread " + thread + " message " + i);
            byte[] aad = utf8("row " + i);
            if (!Arrays.equals(plaintext, aead.decrypt(aead.encrypt(plaintext, aad), aad))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
