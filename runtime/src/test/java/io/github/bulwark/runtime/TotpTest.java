package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks RFC 6238 Appendix B, the window edges, replay refusal, malformed codes and Base32. */
class TotpTest {

  private static final byte[] SEED_SHA1 = ascii("12345678901234567890");
  private static final byte[] SEED_SHA256 = ascii("12345678901234567890123456789012");
  private static final byte[] SEED_SHA512 =
      ascii("1234567890123456789012345678901234567890123456789012345678901234");

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_020L); // 10 s into a step

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static Totp at(Instant time) {
    return Totp.builder().clock(Clock.fixed(time, ZoneOffset.UTC)).build();
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
      "SHA1,   59,          94287082",
      "SHA256, 59,          46119246",
      "SHA512, 59,          90693936",
      "SHA1,   1111111109,  07081804",
      "SHA256, 1111111109,  68084774",
      "SHA512, 1111111109,  25091201",
      "SHA1,   1111111111,  14050471",
      "SHA256, 1111111111,  67062674",
      "SHA512, 1111111111,  99943326",
      "SHA1,   1234567890,  89005924",
      "SHA256, 1234567890,  91819424",
      "SHA512, 1234567890,  93441116",
      "SHA1,   2000000000,  69279037",
      "SHA256, 2000000000,  90698825",
      "SHA512, 2000000000,  38618901",
      "SHA1,   20000000000, 65353130",
      "SHA256, 20000000000, 77737706",
      "SHA512, 20000000000, 47863826",
  })
  void matchesRfc6238AppendixB(Totp.Algorithm algorithm, long seconds, String expected) {
    byte[] seed = algorithm == Totp.Algorithm.SHA1 ? SEED_SHA1
        : algorithm == Totp.Algorithm.SHA256 ? SEED_SHA256 : SEED_SHA512;
    Instant time = Instant.ofEpochSecond(seconds);
    Totp totp = Totp.builder().algorithm(algorithm).digits(8)
        .clock(Clock.fixed(time, ZoneOffset.UTC)).build();
    assertEquals(expected, totp.generate(seed, time));
    assertTrue(totp.verify("rfc", seed, expected));
  }

  @Test
  void sixDigitCodesAreTheLastSixOfTheRfcValues() {
    assertEquals("287082", Totp.defaults().generate(SEED_SHA1, Instant.ofEpochSecond(59)));
    assertEquals("081804", Totp.defaults().generate(SEED_SHA1, Instant.ofEpochSecond(1111111109)));
  }

  @Test
  void acceptsOneStepEitherSideAndNoFurther() {
    byte[] secret = Totp.newSecret();
    Totp generator = Totp.defaults();
    for (int offset = -1; offset <= 1; offset++) {
      String code = generator.generate(secret, NOW.plusSeconds(30L * offset));
      assertTrue(at(NOW).verify("u" + offset, secret, code), "offset " + offset);
    }
    String tooOld = generator.generate(secret, NOW.minusSeconds(50)); // two steps back
    String tooNew = generator.generate(secret, NOW.plusSeconds(50));  // two steps ahead
    assertFalse(at(NOW).verify("old", secret, tooOld));
    assertFalse(at(NOW).verify("new", secret, tooNew));
    Totp strict = Totp.builder().window(0).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    assertFalse(strict.verify("s", secret, generator.generate(secret, NOW.minusSeconds(30))));
    assertTrue(strict.verify("s", secret, generator.generate(secret, NOW)));
  }

  @Test
  void stepBoundariesFollowThePeriod() {
    Totp totp = Totp.defaults();
    assertEquals(totp.step(Instant.ofEpochSecond(30)), totp.step(Instant.ofEpochSecond(59)));
    assertNotEquals(totp.step(Instant.ofEpochSecond(59)), totp.step(Instant.ofEpochSecond(60)));
    assertEquals(-1, totp.step(Instant.ofEpochSecond(-1)));
    Totp sixty = Totp.builder().period(Duration.ofSeconds(60)).build();
    assertEquals(1, sixty.step(Instant.ofEpochSecond(119)));
  }

  @Test
  void aCodeIsAcceptedOncePerUserAndEarlierStepsAreRefusedAfterALaterOne() {
    byte[] secret = Totp.newSecret();
    Totp totp = at(NOW);
    String current = totp.generate(secret, NOW);
    assertTrue(totp.verify("alice", secret, current));
    assertFalse(totp.verify("alice", secret, current), "replay");
    String previous = totp.generate(secret, NOW.minusSeconds(30));
    assertFalse(totp.verify("alice", secret, previous), "earlier step after a later one");
    assertTrue(totp.verify("bob", secret, current), "another user has their own record");
    String next = totp.generate(secret, NOW.plusSeconds(30));
    assertTrue(totp.verify("alice", secret, next));
  }

  @Test
  void sixteenConcurrentVerifiersOfOneCodeAcceptExactlyOnce() throws Exception {
    byte[] secret = Totp.newSecret();
    Totp totp = at(NOW);
    String code = totp.generate(secret, NOW);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 20; round++) {
        String user = "user" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          results.add(pool.submit(() -> {
            start.await();
            return totp.verify(user, secret, code);
          }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Boolean> result : results) {
          accepted += result.get() ? 1 : 0;
        }
        assertEquals(1, accepted, "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSharedStoreRefusesReplayAcrossInstances() {
    Totp.UsedSteps shared = Totp.UsedSteps.inMemory();
    byte[] secret = Totp.newSecret();
    Totp first = Totp.builder().usedSteps(shared).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    Totp second = Totp.builder().usedSteps(shared).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    String code = first.generate(secret, NOW);
    assertTrue(first.verify("alice", secret, code));
    assertFalse(second.verify("alice", secret, code));
    assertEquals(first.step(NOW), shared.lastAcceptedStep("alice"));
    assertEquals(Totp.UsedSteps.NONE, shared.lastAcceptedStep("nobody"));
    assertFalse(shared.markAccepted("alice", first.step(NOW)));
    assertTrue(shared.markAccepted("alice", first.step(NOW) + 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345", "1234567", "12345a", " 123456", "123456 ", "12 456",
      "-12345", "+12345", "١٢٣٤٥٦", "１２３４５６"})
  void malformedCodesAreFalse(String code) {
    byte[] secret = Totp.newSecret();
    assertFalse(at(NOW).verify("alice", secret, code));
  }

  @Test
  void nullCodeIsFalseAndBadArgumentsAreRefused() {
    byte[] secret = Totp.newSecret();
    Totp totp = at(NOW);
    assertFalse(totp.verify("alice", secret, null));
    assertThrows(NullPointerException.class, () -> totp.verify(null, secret, "123456"));
    assertThrows(NullPointerException.class, () -> totp.verify("a", null, "123456"));
    IllegalArgumentException shortSecret = assertThrows(IllegalArgumentException.class,
        () -> totp.generate(new byte[15], NOW));
    assertTrue(shortSecret.getMessage().contains("15 bytes"), shortSecret.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Totp.builder().digits(5));
    assertThrows(IllegalArgumentException.class, () -> Totp.builder().digits(9));
    assertThrows(IllegalArgumentException.class, () -> Totp.builder().window(4));
    assertThrows(IllegalArgumentException.class, () -> Totp.builder().window(-1));
    assertThrows(IllegalArgumentException.class,
        () -> Totp.builder().period(Duration.ofSeconds(9)));
    assertThrows(IllegalArgumentException.class,
        () -> Totp.builder().period(Duration.ofMillis(30_500)));
    assertThrows(IllegalArgumentException.class, () -> Totp.builder().period(null));
    assertThrows(NullPointerException.class, () -> Totp.builder().algorithm(null));
    assertFalse(totp.toString().contains(Base32.encode(secret)));
  }

  @Test
  void newSecretsAre160RandomBits() {
    byte[] a = Totp.newSecret();
    assertEquals(20, a.length);
    assertFalse(java.util.Arrays.equals(a, Totp.newSecret()));
  }

  @Test
  void otpauthUriEncodesLabelAndParameters() {
    Totp totp = Totp.builder().algorithm(Totp.Algorithm.SHA256).digits(8).build();
    assertEquals("otpauth://totp/Acme%20Corp:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        + "&issuer=Acme%20Corp&algorithm=SHA256&digits=8&period=30",
        totp.uri("Acme Corp", "alice@example.com", SEED_SHA1));
    assertEquals("otpauth://totp/%C3%86gir:b%26b%3Fx?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        + "&issuer=%C3%86gir&algorithm=SHA1&digits=6&period=30",
        Totp.defaults().uri("Ægir", "b&b?x", SEED_SHA1));
    assertThrows(IllegalArgumentException.class, () -> totp.uri("A:B", "x", SEED_SHA1));
    assertThrows(IllegalArgumentException.class, () -> totp.uri("A", "x\ny", SEED_SHA1));
    assertThrows(IllegalArgumentException.class, () -> totp.uri("", "x", SEED_SHA1));
  }

  @ParameterizedTest
  @CsvSource({
      "'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB",
      "foobar, MZXW6YTBOI"})
  void base32MatchesRfc4648Vectors(String plain, String encoded) {
    assertEquals(encoded, Base32.encode(ascii(plain)));
    assertArrayEquals(ascii(plain), Base32.decode(encoded));
    assertArrayEquals(ascii(plain), Base32.decode(encoded.toLowerCase(java.util.Locale.ROOT)));
  }

  @Test
  void base32AcceptsPaddingAndRefusesTheRest() {
    assertArrayEquals(ascii("f"), Base32.decode("MY======"));
    assertArrayEquals(ascii("foob"), Base32.decode("MZXW6YQ="));
    byte[] random = Totp.newSecret();
    assertArrayEquals(random, Base32.decode(Base32.encode(random)));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Base32.decode("MZXW1YQ"));
    assertTrue(bad.getMessage().contains("index 4"), bad.getMessage());
    assertFalse(bad.getMessage().contains("MZXW"), "never echoes the secret");
    assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZX"));   // 3 chars
    assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZ"));    // bits left over
    assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZ XW"));
  }
}
