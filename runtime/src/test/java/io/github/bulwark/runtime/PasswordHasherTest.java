package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mindrot.jbcrypt.BCrypt;

/** Checks PasswordHasher against published bcrypt vectors, jBCrypt itself, and its own promises. */
class PasswordHasherTest {

  /** The lowest cost allowed for new hashes; the default cost is checked once. */
  private static final PasswordHasher HASHER = PasswordHasher.bcrypt(10);

  /**
   * Most checks verify against hashes made at cost 5 with {@code hashWithSalt}: {@code verify}
   * takes the cost from the stored hash, so they exercise the same code in milliseconds.
   */
  private static final int CHEAP_COST = 5;

  private static final byte[] SALT = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);

  // --- published vectors ----------------------------------------------------------------

  /**
   * jBCrypt's and py-bcrypt's vectors (TestBCrypt), and Openwall crypt_blowfish 1.2's /
   * John the Ripper's (as collected by passlib); the empty-password ones are left out because
   * empty passwords are refused.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "a|$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe",
      "a|$2a$08$cfcvVd2aQ8CMvoMpP2EBfeodLEkkFJ9umNEfPD18.hUF62qqlC/V.",
      "a|$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u",
      "a|$2a$12$8NJH3LsPrANStV6XtBakCez0cKHXVxmvxIlcz785vxAIZrihHZpeS",
      "abc|$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i",
      "abc|$2a$08$Ro0CUfOqk6cXEKf3dyaM7OhSCvnwM9s4wIX9JeLapehKK5YdLxKcm",
      "abc|$2a$10$WvvTPHKwdBJ3uk0Z37EMR.hLA2W6N9AEBhEgrAOljy2Ae5MtaSIUi",
      "abcdefghijklmnopqrstuvwxyz|$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC",
      "abcdefghijklmnopqrstuvwxyz|$2a$08$aTsUwsyowQuzRrDqFflhgekJ8d9/7Z3GV3UcgvzQW3J5zMyrTvlz.",
      "abcdefghijklmnopqrstuvwxyz|$2a$10$fVH8e28OQRj9tqiDXs1e1uxpsjN0c7II7YPKXua2NAKYvM6iQk7dq",
      "~!@#$%^&*()      ~!@#$%^&*()PNBFRD|$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO",
      "~!@#$%^&*()      ~!@#$%^&*()PNBFRD|$2a$08$Eq2r4G/76Wv39MzSX262huzPz612MZiYHVUJe/OcOql2jo4.9UxTW",
      "~!@#$%^&*()      ~!@#$%^&*()PNBFRD|$2a$10$LgfYWkbzEvQ4JakH7rOvHe0y8pHKF9OaFgwUZ2q7W2FFZmZzJYlfS",
      "U*U|$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "U*U*|$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK",
      "U*U*U|$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a",
      "U*U*U*U*|$2a$05$c92SVSfjeiCD6F2nAD6y0uBpJDjdRkt0EgeC4/31Rf2LUZbDRDE.O",
      "U*U***U|$2a$05$WY62Xk2TXZ7EvVDQ5fmjNu7b0GEzSzUXUh2cllxJwhtOeMtWV3Ujq",
  })
  void verifiesPublishedVectorsAndReproducesThemFromTheSalt(String password, String expected) {
    int cost = Integer.parseInt(expected.substring(4, 6));
    assertTrue(HASHER.verify(password.toCharArray(), expected), expected);
    if (cost < 10) { // the expensive vectors are checked once; these also by the other path
      assertFalse(HASHER.verify((password + "x").toCharArray(), expected), expected);
      byte[] salt = PasswordHasher.decodeBase64(expected.substring(7, 29), 16);
      String recomputed = PasswordHasher.hashWithSalt(password.toCharArray(), salt, cost);
      assertEquals(expected.substring(29), recomputed.substring(29), "hash part for " + expected);
    }
  }

  @Test
  void verifiesTheOtherPrefixesOfTheSameAlgorithm() {
    String vector = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"; // "abc"
    assertTrue(HASHER.verify("abc".toCharArray(), "$2b$" + vector.substring(4)));
    assertTrue(HASHER.verify("abc".toCharArray(), "$2y$" + vector.substring(4)));
    assertFalse(HASHER.verify("abc".toCharArray(), "$2x$" + vector.substring(4)),
        "$2x$ marks crypt_blowfish's sign-extension bug and is not computable here");
  }

  @Test
  void matchesJbcryptStringApiForShortPasswordsIncludingMultiByteCharacters() {
    for (String password : new String[] {"p", "correct horse battery staple", "pässwörd",
        "\u2605\u2605\u2605", "emoji \uD83D\uDE00 key", "\u65e5\u672c\u8a9e\u30d1\u30b9"}) {
      assertEquals(plainBcrypt(password, 5),
          PasswordHasher.hashWithSalt(password.toCharArray(), SALT, 5), password);
    }
  }

  // --- the 72-byte limit ------------------------------------------------------------------

  /** Openwall's vector: plain bcrypt ignores everything after byte 72; this class does not. */
  @Test
  void publishedTruncationVectorMatchesOnlyTheFirst72Bytes() {
    String first72 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    String vector = "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";
    assertEquals(72, first72.length());
    assertTrue(HASHER.verify(first72.toCharArray(), vector));
    assertFalse(HASHER.verify((first72 + "chars after 72 are ignored").toCharArray(), vector),
        "a 98-byte password must not verify against the hash of its first 72 bytes");
  }

  /** Each pair: a password of the given UTF-8 length ending in a multi-byte character. */
  @ParameterizedTest
  @CsvSource({
      "71, x, 69, é", "72, x, 70, é", "73, x, 71, é",     // é is 2 bytes
      "71, x, 68, €", "72, x, 69, €", "73, x, 70, €",      // € is 3 bytes
      "71, x, 67, \uD83D\uDE00", "72, x, 68, \uD83D\uDE00", "73, x, 69, \uD83D\uDE00", // 4 bytes
      "71, a, 71, ''", "72, a, 72, ''", "73, a, 73, ''"})
  void passwordsUpTo72BytesAreHashedAsIsAndLongerOnesArePreHashed(
      int utf8Length, String filler, int count, String tail) {
    String password = repeat(filler, count) + tail;
    assertEquals(utf8Length, password.getBytes(StandardCharsets.UTF_8).length, password);

    String ours = PasswordHasher.hashWithSalt(password.toCharArray(), SALT, 5);
    if (utf8Length <= PasswordHasher.MAX_DIRECT_BYTES) {
      assertEquals(plainBcrypt(password, 5), ours, "a " + utf8Length + "-byte password is plain bcrypt");
    } else {
      assertNotEquals(plainBcrypt(password, 5), ours, "plain bcrypt would truncate");
      assertEquals(plainBcrypt(preHash(password), 5), ours,
          "documented pre-hash: Base64(HMAC-SHA-256(PRE_HASH_KEY, utf8))");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "71, é, è",                          // C3 A9 vs C3 A8: plain bcrypt keeps only the C3
      "69, \uD83D\uDE00, \uD83D\uDE01",    // F0 9F 98 80 vs F0 9F 98 81: it keeps F0 9F 98
      "72, a, b"})                         // differ in byte 73
  void passwordsThatDifferOnlyAfterByte72DoNotVerifyAgainstEachOther(
      int prefix, String lastA, String lastB) {
    char[] a = (repeat("x", prefix) + lastA).toCharArray();
    char[] b = (repeat("x", prefix) + lastB).toCharArray();
    String stored = PasswordHasher.hashWithSalt(a.clone(), SALT, CHEAP_COST);
    assertTrue(HASHER.verify(a, stored));
    assertFalse(HASHER.verify(b, stored));
  }

  @Test
  void everyOneOf72BytesCounts() {
    char[] password = repeat("x", 72).toCharArray();
    String stored = PasswordHasher.hashWithSalt(password.clone(), SALT, CHEAP_COST);
    password[71] = 'y';
    assertFalse(HASHER.verify(password, stored));
  }

  @Test
  void veryLongPasswordsRoundTrip() {
    String password = repeat("long passphrase \u00e9\uD83D\uDE00 ", 200);
    String stored = PasswordHasher.hashWithSalt(password.toCharArray(), SALT, CHEAP_COST);
    assertTrue(HASHER.verify(password.toCharArray(), stored));
    assertEquals(60, stored.length());
  }

  // --- hash, verify, needsRehash ----------------------------------------------------------

  @Test
  void defaultCostIs12AndEveryHashHasItsOwnSalt() {
    PasswordHasher hasher = PasswordHasher.bcrypt();
    assertEquals(12, hasher.cost());
    String stored = hasher.hash("hunter2".toCharArray());
    assertTrue(stored.startsWith("$2a$12$"), stored);
    assertEquals(60, stored.length());

    String first = HASHER.hash("hunter2".toCharArray());
    String second = HASHER.hash("hunter2".toCharArray());
    assertNotEquals(first, second);
    assertTrue(HASHER.verify("hunter2".toCharArray(), first));
    assertTrue(HASHER.verify("hunter2".toCharArray(), second));
    assertFalse(HASHER.verify("Hunter2".toCharArray(), first));
    assertTrue(BCrypt.checkpw("hunter2", first), "readable by jBCrypt itself");
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 4, 9, 31, 32, Integer.MAX_VALUE})
  void costOutsideTheRangeIsRefusedNamingValueAndRange(int cost) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.bcrypt(cost));
    assertTrue(refused.getMessage().contains("cost " + cost + " "), refused.getMessage());
    assertTrue(refused.getMessage().contains("10..30"), refused.getMessage());
  }

  @Test
  void costAtTheEdgesOfTheRangeIsAccepted() {
    assertEquals(10, PasswordHasher.bcrypt(10).cost());
    assertEquals(30, PasswordHasher.bcrypt(30).cost());
    assertEquals("PasswordHasher[bcrypt, cost 30]", PasswordHasher.bcrypt(30).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "garbage", "$2a$10$", "$2a$10$tooShort",
      "$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4",     // one char short
      "$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4uu",   // one char long
      "$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u\n",  // trailing newline
      " $2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u",   // leading space
      "$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4+",    // not bcrypt Base64
      "$2a$03$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u",    // cost too low to compute
      "$2a$31$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u",    // jBCrypt refuses 31
      "$2a$99$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u",
      "$2a$1x$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u",
      "$2$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u",
      "$2c$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u",
      "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
      "5f4dcc3b5aa765d61d8327deb882cf99",
      "$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4\u00e9"})
  void malformedStoredHashIsFalseNeverAnException(String stored) {
    assertFalse(HASHER.verify("a".toCharArray(), stored));
    assertTrue(HASHER.needsRehash(stored));
  }

  @Test
  void nullStoredHashIsFalseAndNeedsRehash() {
    assertFalse(HASHER.verify("a".toCharArray(), null));
    assertTrue(HASHER.needsRehash(null));
  }

  @Test
  void needsRehashWhenTheCostIsLowerOnly() {
    String cost10 = "$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u";
    String cost12 = "$2a$12$8NJH3LsPrANStV6XtBakCez0cKHXVxmvxIlcz785vxAIZrihHZpeS";
    String cost08 = "$2a$08$cfcvVd2aQ8CMvoMpP2EBfeodLEkkFJ9umNEfPD18.hUF62qqlC/V.";
    PasswordHasher twelve = PasswordHasher.bcrypt(12);
    assertTrue(twelve.needsRehash(cost10));
    assertTrue(twelve.needsRehash(cost08));
    assertFalse(twelve.needsRehash(cost12));
    assertFalse(HASHER.needsRehash(cost10));
    assertFalse(HASHER.needsRehash(cost12), "a higher cost is never downgraded");
    assertFalse(HASHER.needsRehash("$2b$" + cost10.substring(4)));
  }

  // --- refusals and wiping ----------------------------------------------------------------

  @Test
  void nullAndEmptyPasswordsAreRefused() {
    String stored = "$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u";
    assertEquals("password must not be null",
        assertThrows(IllegalArgumentException.class, () -> HASHER.hash(null)).getMessage());
    assertEquals("password must not be empty",
        assertThrows(IllegalArgumentException.class, () -> HASHER.hash(new char[0])).getMessage());
    assertThrows(IllegalArgumentException.class, () -> HASHER.verify(null, stored));
    assertThrows(IllegalArgumentException.class, () -> HASHER.verify(new char[0], stored));
  }

  @Test
  void unpairedSurrogateIsRefusedWithoutShowingThePasswordAndStillWiped() {
    char[] password = "secret\uD83Dtail".toCharArray();
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> HASHER.hash(password));
    assertTrue(refused.getMessage().contains("unpaired surrogate at index 6"), refused.getMessage());
    assertFalse(refused.getMessage().contains("secret"), refused.getMessage());
    assertArrayEquals(new char[password.length], password);
  }

  @Test
  void hashAndVerifyWipeThePasswordWhateverTheOutcome() {
    char[] forHash = "correct horse".toCharArray();
    HASHER.hash(forHash);
    assertArrayEquals(new char[13], forHash, "hash wipes");

    String stored = PasswordHasher.hashWithSalt("correct horse".toCharArray(), SALT, CHEAP_COST);
    char[] right = "correct horse".toCharArray();
    assertTrue(HASHER.verify(right, stored));
    assertArrayEquals(new char[13], right, "verify wipes on success");

    char[] wrong = "wrong horse!!".toCharArray();
    assertFalse(HASHER.verify(wrong, stored));
    assertArrayEquals(new char[13], wrong, "verify wipes on mismatch");

    char[] malformed = "correct horse".toCharArray();
    assertFalse(HASHER.verify(malformed, "not a hash"));
    assertArrayEquals(new char[13], malformed, "verify wipes on a malformed hash");

    char[] longOne = repeat("y", 100).toCharArray();
    HASHER.hash(longOne);
    assertArrayEquals(new char[100], longOne, "hash wipes a pre-hashed password");
  }

  // --- threads ----------------------------------------------------------------------------

  @Test
  void oneHasherServesManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String password = "password-" + i + (i % 2 == 0 ? repeat("\u00e9", 40) : ""); // half long
        boolean full = i < 2; // two at full cost through hash(); the rest at a cheap cost
        byte[] salt = Tokens.urlSafe(16).substring(0, 16).getBytes(StandardCharsets.US_ASCII);
        results.add(pool.submit(() -> {
          String stored = full ? HASHER.hash(password.toCharArray())
              : PasswordHasher.hashWithSalt(password.toCharArray(), salt, CHEAP_COST);
          return HASHER.verify(password.toCharArray(), stored)
              && (full || !HASHER.verify((password + "!").toCharArray(), stored));
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  /** jBCrypt's own String API, which truncates at 72 bytes like every plain bcrypt. */
  private static String plainBcrypt(String password, int cost) {
    String config = PasswordHasher.hashWithSalt("x".toCharArray(), SALT, cost).substring(0, 29);
    return BCrypt.hashpw(password, config);
  }

  /** The pre-hash as documented, computed independently of the class under test. */
  private static String preHash(String password) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(
          PasswordHasher.PRE_HASH_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] mac = hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
      String encoded = Base64.getEncoder().encodeToString(mac);
      assertEquals(44, encoded.length());
      return encoded;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String repeat(String text, int times) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < times; i++) {
      out.append(text);
    }
    return out.toString();
  }
}
