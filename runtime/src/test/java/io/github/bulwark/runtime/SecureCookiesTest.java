package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.runtime.SecureCookies.SameSite;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the secure defaults, each option, and every way to inject into a Set-Cookie header. */
class SecureCookiesTest {

  private static final String SECRET = "s3cr3t-Session_Value.42";

  @Test
  void sessionCookieIsSecureHttpOnlyStrictAtRootPath() {
    SecureCookie cookie = SecureCookies.session("id", SECRET);
    assertEquals("id=" + SECRET + "; Path=/; Secure; HttpOnly; SameSite=Strict",
        cookie.headerValue());
    assertEquals("id", cookie.name());
    assertEquals(SameSite.STRICT, cookie.sameSite());
    assertEquals("Set-Cookie", SecureCookie.HEADER);
  }

  @Test
  void toStringNeverShowsTheValue() {
    SecureCookie cookie = SecureCookies.session("id", SECRET);
    assertEquals("SecureCookie[id=****; Path=/; Secure; HttpOnly; SameSite=Strict]",
        cookie.toString());
    assertFalse(cookie.toString().contains(SECRET));
  }

  @Test
  void builderSetsEveryOption() {
    SecureCookie cookie = SecureCookies.builder("remember", SECRET)
        .path("/account")
        .domain("Example.COM")
        .maxAge(Duration.ofDays(30))
        .sameSite(SameSite.LAX)
        .build();
    assertEquals("remember=" + SECRET + "; Path=/account; Domain=example.com; Max-Age=2592000;"
        + " Secure; HttpOnly; SameSite=Lax", cookie.headerValue());
    assertEquals(SameSite.LAX, cookie.sameSite());
  }

  @Test
  void sameSiteNoneKeepsSecure() {
    String header = SecureCookies.builder("embed", "x").sameSite(SameSite.NONE).build()
        .headerValue();
    assertEquals("embed=x; Path=/; Secure; HttpOnly; SameSite=None", header);
  }

  @Test
  void expiredCookieDeletes() {
    assertEquals("__Host-id=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict",
        SecureCookies.expired("__Host-id").build().headerValue());
    assertEquals("id=; Path=/app; Domain=example.com; Max-Age=0; Secure; HttpOnly; SameSite=Strict",
        SecureCookies.expired("id").path("/app").domain("example.com").build().headerValue());
    assertEquals("SecureCookie[id=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict]",
        SecureCookies.expired("id").build().toString());
    assertThrows(IllegalStateException.class,
        () -> SecureCookies.expired("id").maxAge(Duration.ofDays(1)));
  }

  @Test
  void builtCookieDoesNotChangeWithTheBuilder() {
    SecureCookies.Builder builder = SecureCookies.builder("id", "v");
    SecureCookie first = builder.build();
    builder.path("/other").sameSite(SameSite.LAX);
    assertEquals("id=v; Path=/; Secure; HttpOnly; SameSite=Strict", first.headerValue());
    assertEquals("id=v; Path=/other; Secure; HttpOnly; SameSite=Lax", builder.build().headerValue());
  }

  // --- injection through the name or the value --------------------------------------------

  /** Separators, whitespace, CR/LF, controls and non-ASCII; each with its expected message part. */
  private static final String[][] BAD_NAMES = {
      {"ok;Domain=evil.example", "';' (U+003B) at index 2"},
      {"a,b", "',' (U+002C) at index 1"},
      {"a b", "a space (U+0020) at index 1"},
      {"a\tb", "a tab (U+0009) at index 1"},
      {"a\rb", "a carriage return (U+000D) at index 1"},
      {"a\nSet-Cookie: x=y", "a line feed (U+000A) at index 1"},
      {"a=b", "'=' (U+003D) at index 1"},
      {"a\"b", "'\"' (U+0022) at index 1"},
      {"a/b", "'/' (U+002F) at index 1"},
      {"caf\u00e9", "non-ASCII character U+00E9 at index 3"},
      {"a\u0000b", "control character U+0000 at index 1"},
      {"a\u007fb", "control character U+007F at index 1"}};

  @Test
  void namesThatCouldInjectAreRefusedNamingTheCharacter() {
    for (String[] bad : BAD_NAMES) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> SecureCookies.session(bad[0], "v"));
      assertTrue(refused.getMessage().contains("cookie name contains " + bad[1]),
          refused.getMessage());
    }
  }

  /** The same, in the value; the message must name the character and never echo the value. */
  private static final String[][] BAD_VALUES = {
      {"tok;Domain=evil.example", "';' (U+003B) at index 3"},
      {"tok,en", "',' (U+002C) at index 3"},
      {"tok en", "a space (U+0020) at index 3"},
      {"tok\ten", "a tab (U+0009) at index 3"},
      {"tok\r\nSet-Cookie: admin=1", "a carriage return (U+000D) at index 3"},
      {"tok\nen", "a line feed (U+000A) at index 3"},
      {"tok\"en", "'\"' (U+0022) at index 3"},
      {"tok\\en", "'\\' (U+005C) at index 3"},
      {"tok\u0000en", "control character U+0000 at index 3"},
      {"tok\u0001en", "control character U+0001 at index 3"},
      {"tok\u00e9n", "non-ASCII character U+00E9 at index 3"},
      {"tok\u2028en", "non-ASCII character U+2028 at index 3"}};

  @Test
  void valuesThatCouldInjectAreRefusedNamingTheCharacterNotTheValue() {
    for (String[] bad : BAD_VALUES) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> SecureCookies.session("id", bad[0]));
      assertTrue(refused.getMessage().contains("value of cookie id contains " + bad[1]),
          refused.getMessage());
      assertFalse(refused.getMessage().contains("tok"), "the value is not echoed");
    }
  }

  @Test
  void everyCookieOctetIsAccepted() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x21; c <= 0x7e; c++) {
      if (c != '"' && c != ',' && c != ';' && c != '\\') {
        all.append(c);
      }
    }
    assertEquals(90, all.length());
    assertTrue(SecureCookies.session("id", all.toString()).headerValue()
        .startsWith("id=" + all + "; Path=/"));
    assertEquals("!#$%&'*+-.^_`|~Az09=v; Path=/; Secure; HttpOnly; SameSite=Strict",
        SecureCookies.session("!#$%&'*+-.^_`|~Az09", "v").headerValue());
    String token = Tokens.urlSafe();
    assertTrue(SecureCookies.session("id", token).headerValue().startsWith("id=" + token + ";"));
  }

  @Test
  void nullAndEmptyNamesAndValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SecureCookies.session(null, "v"));
    assertThrows(IllegalArgumentException.class, () -> SecureCookies.session("", "v"));
    assertThrows(IllegalArgumentException.class, () -> SecureCookies.session("id", null));
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> SecureCookies.session("id", ""));
    assertTrue(empty.getMessage().contains("expired(name)"), empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SecureCookies.expired("a;b"));
  }

  @Test
  void oversizedCookiesAreRefused() {
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < 4094; i++) {
      value.append('v');
    }
    SecureCookies.session("id", value.toString()); // 2 + 4094 = 4096 bytes: the limit
    value.append('v');
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> SecureCookies.session("id", value.toString()));
    assertTrue(refused.getMessage().contains("4097 bytes"), refused.getMessage());
  }

  // --- attributes -------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"", "account", "/a;b", "/a\r\nX: y", "/caf\u00e9", "/a\u0000"})
  void badPathsAreRefused(String path) {
    assertThrows(IllegalArgumentException.class, () -> SecureCookies.builder("id", "v").path(path));
  }

  @Test
  void nullPathDomainAndSameSiteAreRefused() {
    SecureCookies.Builder builder = SecureCookies.builder("id", "v");
    assertThrows(IllegalArgumentException.class, () -> builder.path(null));
    assertThrows(IllegalArgumentException.class, () -> builder.domain(null));
    assertThrows(IllegalArgumentException.class, () -> builder.sameSite(null));
    assertThrows(IllegalArgumentException.class, () -> builder.maxAge(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".example.com", "example.com.", "exa mple.com", "a;b.com",
      "example.com\r\nX: y", "-bad.com", "bad-.com", "ex_ample.com", "caf\u00e9.com", "a..b"})
  void badDomainsAreRefused(String domain) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> SecureCookies.builder("id", "v").domain(domain));
    assertFalse(refused.getMessage().contains("\r"), "control characters are escaped");
  }

  @Test
  void hostPrefixedCookiesRefuseDomainAndNonRootPath() {
    SecureCookies.Builder builder = SecureCookies.builder("__Host-id", "v");
    assertThrows(IllegalArgumentException.class, () -> builder.domain("example.com"));
    assertThrows(IllegalArgumentException.class, () -> builder.path("/app"));
    assertThrows(IllegalArgumentException.class,
        () -> SecureCookies.builder("__host-id", "v").domain("example.com"));
    assertEquals("__Host-id=v; Path=/; Secure; HttpOnly; SameSite=Strict",
        builder.path("/").build().headerValue());
    assertEquals("__Secure-id=v; Path=/app; Domain=example.com; Secure; HttpOnly; SameSite=Strict",
        SecureCookies.builder("__Secure-id", "v").path("/app").domain("example.com").build()
            .headerValue());
  }

  @Test
  void maxAgeIsWholeSecondsUpTo400Days() {
    assertTrue(SecureCookies.builder("id", "v").maxAge(Duration.ZERO).build().headerValue()
        .contains("; Max-Age=0;"));
    assertTrue(SecureCookies.builder("id", "v").maxAge(Duration.ofDays(400)).build().headerValue()
        .contains("; Max-Age=34560000;"));
    for (Duration bad : new Duration[] {Duration.ofSeconds(-1), Duration.ofMillis(1500),
        Duration.ofDays(400).plusSeconds(1), Duration.ofDays(3650)}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> SecureCookies.builder("id", "v").maxAge(bad));
      assertTrue(refused.getMessage().contains("maxAge " + bad + " is outside"),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("400 days"), refused.getMessage());
    }
  }
}
