package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks token sizes, alphabets, uniqueness, digit uniformity and constant-time equality. */
class TokensTest {

  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

  /** Chi-square critical value for 9 degrees of freedom at p = 0.00001: flakes once in 100,000. */
  private static final double CHI_SQUARE_9DF_P1E5 = 39.3;

  @Test
  void defaultTokenIs256BitsOfUnpaddedBase64url() {
    String token = Tokens.urlSafe();
    assertEquals(43, token.length());
    assertTrue(BASE64URL.matcher(token).matches(), token);
    assertEquals(32, Base64.getUrlDecoder().decode(token).length);
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 17, 18, 20, 33, 64, 1024})
  void tokenLengthFollowsTheByteCount(int bytes) {
    String token = Tokens.urlSafe(bytes);
    assertEquals((4 * bytes + 2) / 3, token.length());
    assertTrue(BASE64URL.matcher(token).matches(), token);
    assertFalse(token.contains("="), "no padding");
    assertEquals(bytes, Base64.getUrlDecoder().decode(token).length);
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 8, 15, 1025, Integer.MAX_VALUE})
  void tokenSizesOutsideTheRangeAreRefused(int bytes) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> Tokens.urlSafe(bytes));
    assertTrue(refused.getMessage().contains("size " + bytes + " bytes"), refused.getMessage());
    assertTrue(refused.getMessage().contains("16..1024"), refused.getMessage());
  }

  @Test
  void tokensDoNotRepeatAndUseTheWholeAlphabet() {
    Set<String> seen = new HashSet<>();
    Set<Character> alphabet = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String token = Tokens.urlSafe(16);
      assertTrue(seen.add(token), "repeated token " + token);
      for (char c : token.toCharArray()) {
        alphabet.add(c);
      }
    }
    assertEquals(64, alphabet.size(), "every Base64url character shows up");
  }

  @ParameterizedTest
  @ValueSource(ints = {6, 7, 8, 9, 10})
  void numericCodesHaveExactlyTheDigitsAsked(int digits) {
    for (int i = 0; i < 200; i++) {
      String code = Tokens.numericCode(digits);
      assertEquals(digits, code.length(), code);
      assertTrue(code.chars().allMatch(c -> c >= '0' && c <= '9'), code);
    }
  }

  @Test
  void numericCodesKeepLeadingZerosWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
    try {
      boolean leadingZeroSeen = false;
      for (int i = 0; i < 2_000 && !leadingZeroSeen; i++) {
        String code = Tokens.numericCode(6);
        assertTrue(code.matches("[0-9]{6}"), code);
        leadingZeroSeen = code.charAt(0) == '0';
      }
      assertTrue(leadingZeroSeen, "one code in ten starts with 0");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void everyDigitPositionIsUniform() {
    int draws = 20_000;
    for (int digits : new int[] {6, 10}) {
      long[][] counts = new long[digits][10];
      for (int i = 0; i < draws; i++) {
        String code = Tokens.numericCode(digits);
        for (int p = 0; p < digits; p++) {
          counts[p][code.charAt(p) - '0']++;
        }
      }
      for (int p = 0; p < digits; p++) {
        double expected = draws / 10.0;
        double chiSquare = 0;
        for (long count : counts[p]) {
          chiSquare += (count - expected) * (count - expected) / expected;
        }
        assertTrue(chiSquare < CHI_SQUARE_9DF_P1E5,
            digits + "-digit codes, position " + p + ": chi-square " + chiSquare);
      }
    }
  }

  @Test
  void numericCodesRarelyRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      seen.add(Tokens.numericCode(10));
    }
    assertTrue(seen.size() >= 999, "1,000 draws from 10^10 values: " + seen.size() + " distinct");
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, 0, 4, 5, 11, 19})
  void codeLengthsOutsideTheRangeAreRefused(int digits) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> Tokens.numericCode(digits));
    assertTrue(refused.getMessage().contains(digits + " digits"), refused.getMessage());
    assertTrue(refused.getMessage().contains("6..10"), refused.getMessage());
  }

  /** A source that returns the given draws in order, to show which ones are drawn again. */
  @Test
  void drawsInTheIncompleteLastBlockAreRejectedNotFolded() {
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % 10; // ...800: draws >= it would favour 0..7
    Deque<Long> draws = new ArrayDeque<>();
    draws.add(Long.MAX_VALUE);
    draws.add(limit);
    draws.add(limit - 1);
    assertEquals(9, Tokens.uniformBelow(10, draws::removeFirst));
    assertTrue(draws.isEmpty(), "both draws in the last block were rejected");

    draws.add(limit + 3);
    draws.add(42L);
    assertEquals(2, Tokens.uniformBelow(10, draws::removeFirst));
  }

  // --- equality ---------------------------------------------------------------------------

  @Test
  void equalComparesStrings() {
    String token = Tokens.urlSafe();
    assertTrue(Tokens.equal(token, new String(token.toCharArray())));
    assertFalse(Tokens.equal(token, token.substring(1)));
    assertFalse(Tokens.equal(token, token + "x"));
    assertFalse(Tokens.equal(token, ""));
    assertFalse(Tokens.equal("", token));
    assertTrue(Tokens.equal("", ""));
    assertTrue(Tokens.equal("caf\u00e9 \uD83D\uDE00", "caf\u00e9 \uD83D\uDE00"));
    assertFalse(Tokens.equal("caf\u00e9", "cafe\u0301"), "no Unicode normalisation: bytes differ");
    assertFalse(Tokens.equal("abc", "ABC"));
  }

  @Test
  void equalIsNullSafeAndFalseForNull() {
    assertFalse(Tokens.equal((String) null, "a"));
    assertFalse(Tokens.equal("a", (String) null));
    assertFalse(Tokens.equal((String) null, (String) null));
    assertFalse(Tokens.equal((byte[]) null, new byte[0]));
    assertFalse(Tokens.equal(new byte[0], (byte[]) null));
    assertFalse(Tokens.equal((byte[]) null, (byte[]) null));
  }

  @Test
  void equalComparesBytes() {
    byte[] a = "token".getBytes(StandardCharsets.UTF_8);
    assertTrue(Tokens.equal(a, a.clone()));
    byte[] b = a.clone();
    b[4] ^= 1;
    assertFalse(Tokens.equal(a, b));
    assertFalse(Tokens.equal(a, new byte[] {'t', 'o', 'k'}));
    assertTrue(Tokens.equal(new byte[0], new byte[0]));
  }
}
