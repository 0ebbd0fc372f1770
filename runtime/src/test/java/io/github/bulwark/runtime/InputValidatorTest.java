package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks each validator with accepted and refused input, real symlinks, and the encoders. */
class InputValidatorTest {

  private static final String SCRIPT = "<script>alert('x')</script>";

  enum Sort { NAME, CREATED_AT, PRICE }

  // --- the exception and its message ------------------------------------------------------

  @Test
  void messagesEchoOnlyAShortEscapedPreview() {
    String attack = SCRIPT + "\r\nSet-Cookie: x=y" + repeat("A", 5_000);
    ValidationException refused = assertThrows(ValidationException.class,
        () -> InputValidator.matches(attack, Pattern.compile("[a-z]+"), 10_000));
    String message = refused.getMessage();
    assertTrue(message.startsWith("'\\u003cscript\\u003ealert\\u0028\\u0027x\\u0027"), message);
    assertTrue(message.contains("...' is not in the allowed format"), message);
    assertFalse(message.contains("<") || message.contains(">") || message.contains("\r")
        || message.contains("\n") || message.contains("\"") || message.contains("AAAA"), message);
    assertTrue(message.length() < 200, message);
    assertTrue(refused instanceof IllegalArgumentException);
  }

  @Test
  void missingInputIsAValidationExceptionForEveryValidator() {
    assertMissing(() -> InputValidator.maxLength(null, 10));
    assertMissing(() -> InputValidator.matches(null, Pattern.compile("a")));
    assertMissing(() -> InputValidator.integer(null, 0, 1));
    assertMissing(() -> InputValidator.enumValue(null, Sort.class));
    assertMissing(() -> InputValidator.uuid(null));
    assertMissing(() -> InputValidator.email(null));
    assertMissing(() -> InputValidator.safeFileName(null));
    assertMissing(() -> InputValidator.identifier(null, Collections.singleton("name")));
  }

  // --- maxLength --------------------------------------------------------------------------

  @Test
  void maxLengthCountsCharactersNotBytesOrUtf16Units() {
    assertEquals("", InputValidator.maxLength("", 100));
    String hundred = repeat("x", 100);
    assertSame(hundred, InputValidator.maxLength(hundred, 100));
    ValidationException refused = assertThrows(ValidationException.class,
        () -> InputValidator.maxLength(hundred + "y", 100));
    assertEquals("must be at most 100 characters, got 101", refused.getMessage());
    String emoji = repeat("\uD83D\uDE00", 100); // 200 UTF-16 units, 400 UTF-8 bytes
    assertSame(emoji, InputValidator.maxLength(emoji, 100));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.maxLength("a", -1));
  }

  // --- matches ----------------------------------------------------------------------------

  @Test
  void matchesIsAnchoredToTheWholeValue() {
    Pattern slug = Pattern.compile("[a-z0-9-]{1,40}");
    assertEquals("my-post-1", InputValidator.matches("my-post-1", slug));
    assertThrows(ValidationException.class, () -> InputValidator.matches("my-post\n", slug));
    assertThrows(ValidationException.class, () -> InputValidator.matches("x; DROP", slug));
    assertThrows(ValidationException.class, () -> InputValidator.matches("", slug));
    Pattern lax = Pattern.compile("[a-z]+$"); // find() would accept "<b>abc"
    assertThrows(ValidationException.class, () -> InputValidator.matches("<b>abc", lax));
  }

  @Test
  void matchesRefusesInputOverTheCapBeforeMatching() {
    Pattern any = Pattern.compile(".*");
    assertEquals(repeat("a", 1_000), InputValidator.matches(repeat("a", 1_000), any));
    ValidationException refused = assertThrows(ValidationException.class,
        () -> InputValidator.matches(repeat("a", 1_001), any));
    assertEquals("must be at most 1000 characters, got 1001", refused.getMessage());
    assertThrows(ValidationException.class, () -> InputValidator.matches("abcdef", any, 5));
    assertEquals("abcde", InputValidator.matches("abcde", any, 5));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.matches("a", null));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.matches("a", any, -1));
  }

  @Test
  void catastrophicBacktrackingIsCutShortWithinTheLengthCap() {
    // Polynomial ReDoS, degree 10: 100 commas would take longer than the age of the universe,
    // though they are far below the length cap. (Java 9+ memoises the textbook exponential
    // patterns such as (a+)+, but not this.)
    Pattern evil = Pattern.compile("(.*,){10}x");
    String attack = repeat(",", 100);
    long start = System.nanoTime();
    ValidationException refused =
        assertThrows(ValidationException.class, () -> InputValidator.matches(attack, evil));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(refused.getMessage().contains("too complex to check"), refused.getMessage());
    assertTrue(millis < 5_000, "gave up after " + millis + " ms");

    assertEquals(repeat(",", 10) + "x", InputValidator.matches(repeat(",", 10) + "x", evil));
    String longButLinear = repeat("word ", 20_000);
    assertEquals(longButLinear, InputValidator.matches(longButLinear,
        Pattern.compile("[a-z ]+"), 100_000), "the budget grows with the input");
    // Java's regex engine recurses per repetition of a group: deep recursion is refused too.
    assertThrows(ValidationException.class, () -> InputValidator.matches(longButLinear,
        Pattern.compile("(\\w+\\s?)*"), 100_000));
    assertEquals("just a few words",
        InputValidator.matches("just a few words", Pattern.compile("(\\w+\\s?)*")));
  }

  // --- integer ----------------------------------------------------------------------------

  @Test
  void integerAcceptsPlainDecimalsInRange() {
    assertEquals(1, InputValidator.integer("1", 1, 100));
    assertEquals(100, InputValidator.integer("100", 1, 100));
    assertEquals(-5, InputValidator.integer("-5", -10, 10));
    assertEquals(7, InputValidator.integer("007", 0, 10));
    assertEquals(Long.MIN_VALUE,
        InputValidator.integer("-9223372036854775808", Long.MIN_VALUE, Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE,
        InputValidator.integer("9223372036854775807", Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " 1", "1 ", "+1", "1.0", "1e3", "0x10", "1_000", "1,000", "--1",
      "\u0661\u0662", "\uFF11", "9223372036854775808", "-9223372036854775809",
      "99999999999999999999", "abc", "1; DROP TABLE users"})
  void integerRefusesEverythingElse(String value) {
    ValidationException refused = assertThrows(ValidationException.class,
        () -> InputValidator.integer(value, Long.MIN_VALUE, Long.MAX_VALUE));
    assertTrue(refused.getMessage().contains("is not a whole number from"), refused.getMessage());
  }

  @Test
  void integerRefusesOutOfRangeNamingTheRange() {
    ValidationException refused =
        assertThrows(ValidationException.class, () -> InputValidator.integer("0", 1, 100));
    assertEquals("0 is not a whole number from 1 to 100", refused.getMessage());
    assertThrows(ValidationException.class, () -> InputValidator.integer("101", 1, 100));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.integer("5", 10, 1));
  }

  // --- enumValue --------------------------------------------------------------------------

  @Test
  void enumValueIgnoresAsciiCaseOnly() {
    assertEquals(Sort.NAME, InputValidator.enumValue("NAME", Sort.class));
    assertEquals(Sort.CREATED_AT, InputValidator.enumValue("created_at", Sort.class));
    assertEquals(Sort.PRICE, InputValidator.enumValue("Price", Sort.class));
    ValidationException refused = assertThrows(ValidationException.class,
        () -> InputValidator.enumValue("pr\u0131ce", Sort.class)); // dotless i upper-cases to I
    assertEquals("'pr\\u0131ce' is not one of NAME, CREATED_AT, PRICE", refused.getMessage());
    assertThrows(ValidationException.class, () -> InputValidator.enumValue("", Sort.class));
    assertThrows(ValidationException.class, () -> InputValidator.enumValue(" NAME", Sort.class));
    assertThrows(ValidationException.class, () -> InputValidator.enumValue("NAME;", Sort.class));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.enumValue("NAME", null));
  }

  // --- uuid -------------------------------------------------------------------------------

  @Test
  void uuidAcceptsOnlyTheCanonicalForm() {
    UUID id = UUID.randomUUID();
    assertEquals(id, InputValidator.uuid(id.toString()));
    assertEquals(id, InputValidator.uuid(id.toString().toUpperCase()));
    for (String bad : new String[] {"", "1-2-3-4-5", id + " ", "{" + id + "}",
        id.toString().replace("-", ""), id.toString().substring(1), id + "0",
        "g23e4567-e89b-12d3-a456-426614174000"}) {
      assertThrows(ValidationException.class, () -> InputValidator.uuid(bad), bad);
    }
  }

  // --- email ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"name@example.com", "first.last+tag@mail.example.co.uk",
      "o'brien@example.ie", "x@xn--p1ai.xn--p1ai", "a_b-c@sub-domain.example.org",
      "1234@example.museum"})
  void emailAcceptsCommonAddresses(String address) {
    assertEquals(address, InputValidator.email(address));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "@example.com", "name@", "name@localhost",
      "name@@example.com", "a@b@example.com", ".name@example.com", "name.@example.com",
      "na..me@example.com", "name@example..com", "name@-example.com", "name@example-.com",
      "name@example.c0m1", "name@example.1com", "\"quoted\"@example.com", "name@[127.0.0.1]",
      "name (comment)@example.com", "name@example.com\r\nBcc: victim@example.com",
      "na me@example.com", "<script>@example.com", "j\u00f6rg@example.com",
      "name@b\u00fccher.example", "name@example.com."})
  void emailRefusesOtherForms(String address) {
    assertThrows(ValidationException.class, () -> InputValidator.email(address));
  }

  @Test
  void emailIsLengthCapped() {
    String local64 = repeat("l", 64);
    assertEquals(local64 + "@example.com", InputValidator.email(local64 + "@example.com"));
    assertThrows(ValidationException.class, () -> InputValidator.email("l" + local64 + "@example.com"));

    String domain = repeat(repeat("d", 60) + ".", 4) + "com";
    String at254 = repeat("l", 254 - 1 - domain.length()) + "@" + domain;
    assertEquals(254, at254.length());
    assertEquals(at254, InputValidator.email(at254));
    ValidationException refused =
        assertThrows(ValidationException.class, () -> InputValidator.email("l" + at254));
    assertEquals("an e-mail address has at most 254 characters, got 255", refused.getMessage());
  }

  // --- safeFileName -----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"report.pdf", "r\u00e9sum\u00e9 (final).docx", "IMG_0042.JPG",
      "\u65e5\u672c\u8a9e.txt", "a.b.c", "contoso.txt", "console.log", "my file.txt"})
  void safeFileNameAcceptsPlainNames(String name) {
    assertEquals(name, InputValidator.safeFileName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "../etc/passwd", "a/b", "a\\b", "..\\x", "a..b",
      ".htaccess", "x\u0000.jpg", "x\n.txt", "x\u202Egpj.exe", "x\u200B.txt", "x\u2028y",
      "a:b", "a*b", "a?b", "a|b", "a<b", "a>b", "a\"b", " x.txt", "x.txt ", "x.php.", "CON",
      "con.txt", "NUL", "nul.tar.gz", "Com1.log", "lpt9", "x\uD800.txt",
      "\uFF0E\uFF0E\uFF0Fetc",       // full-width "../etc": NFKC folds it to ../etc
      "a\u2024\u2024b",              // one-dot leaders: NFKC gives "a..b"
      "x\uFF0Fy"})                   // full-width solidus
  void safeFileNameRefusesTraversalControlAndTrickNames(String name) {
    assertThrows(ValidationException.class, () -> InputValidator.safeFileName(name));
  }

  @Test
  void safeFileNameNamesTheBadCharacterAndAllowsLeadingDotOnRequest() {
    ValidationException slash = assertThrows(ValidationException.class,
        () -> InputValidator.safeFileName("a/b"));
    assertTrue(slash.getMessage().startsWith("file name contains '/' (U+002F) at index 1"),
        slash.getMessage());
    ValidationException rlo = assertThrows(ValidationException.class,
        () -> InputValidator.safeFileName("invoice\u202Efdp.exe"));
    assertTrue(rlo.getMessage().contains("U+202E at index 7"), rlo.getMessage());

    assertEquals(".gitignore", InputValidator.safeFileName(".gitignore", true));
    assertThrows(ValidationException.class, () -> InputValidator.safeFileName(".gitignore"));
    assertThrows(ValidationException.class, () -> InputValidator.safeFileName("..", true));
    assertThrows(ValidationException.class, () -> InputValidator.safeFileName(".", true));
  }

  @Test
  void safeFileNameIsCappedAt255Utf8Bytes() {
    assertEquals(255, InputValidator.safeFileName(repeat("x", 251) + ".txt").length());
    assertThrows(ValidationException.class,
        () -> InputValidator.safeFileName(repeat("x", 252) + ".txt"));
    String wide = repeat("\u00e9", 126) + ".txt"; // 252 + 4 bytes = 256
    ValidationException refused =
        assertThrows(ValidationException.class, () -> InputValidator.safeFileName(wide));
    assertTrue(refused.getMessage().contains("got 256"), refused.getMessage());
  }

  // --- resolveWithin ----------------------------------------------------------------------

  @TempDir Path temp;

  @Test
  void resolveWithinReturnsPathsInsideTheBase() throws IOException {
    Path base = Files.createDirectory(temp.resolve("uploads"));
    Path real = base.toRealPath();
    Files.createDirectories(base.resolve("users/42"));
    assertEquals(real.resolve("users/42/avatar.png"),
        InputValidator.resolveWithin(base, "users/42/avatar.png"));
    assertEquals(real.resolve("users/new/deeper/x.txt"),
        InputValidator.resolveWithin(base, "users/new/deeper/x.txt"));
    assertEquals(real.resolve("b"), InputValidator.resolveWithin(base, "a/../b"));
    assertEquals(real.resolve("users"), InputValidator.resolveWithin(base, "./users/"));
    // Not decoded: one strange but harmless name inside the base.
    assertEquals(real.resolve("..%2F..%2Fetc%2Fpasswd"),
        InputValidator.resolveWithin(base, "..%2F..%2Fetc%2Fpasswd"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "..", "../uploads-evil/x", "foo/../../x",
      "users/../../x", "./../x", "/etc/passwd", "//etc/passwd", ".", "a/..", "./"})
  void resolveWithinRefusesTraversalAndAbsolutePaths(String userPath) throws IOException {
    Path base = Files.createDirectory(temp.resolve("uploads"));
    Files.createDirectory(temp.resolve("uploads-evil"));
    assertThrows(ValidationException.class, () -> InputValidator.resolveWithin(base, userPath));
  }

  @Test
  void resolveWithinRefusesBackslashesControlCharactersAndEmptyInput() throws IOException {
    Path base = Files.createDirectory(temp.resolve("uploads"));
    ValidationException backslash = assertThrows(ValidationException.class,
        () -> InputValidator.resolveWithin(base, "..\\..\\windows\\win.ini"));
    assertTrue(backslash.getMessage().contains("'\\' (U+005C) at index 2"), backslash.getMessage());
    assertThrows(ValidationException.class, () -> InputValidator.resolveWithin(base, "a\u0000b"));
    assertThrows(ValidationException.class, () -> InputValidator.resolveWithin(base, "a\nb"));
    assertThrows(ValidationException.class, () -> InputValidator.resolveWithin(base, ""));
    assertThrows(ValidationException.class, () -> InputValidator.resolveWithin(base, null));
    ValidationException absolute = assertThrows(ValidationException.class,
        () -> InputValidator.resolveWithin(base, "/etc/passwd"));
    assertTrue(absolute.getMessage().contains("is an absolute path"), absolute.getMessage());
  }

  @Test
  void resolveWithinRefusesSymbolicLinksThatEscape() throws IOException {
    Path base = Files.createDirectory(temp.resolve("uploads"));
    Path outside = Files.createDirectory(temp.resolve("secrets"));
    Files.write(outside.resolve("key.pem"), new byte[] {1});
    symlink(base.resolve("escape"), outside);
    symlink(base.resolve("key-link.pem"), outside.resolve("key.pem"));

    ValidationException throughDirectory = assertThrows(ValidationException.class,
        () -> InputValidator.resolveWithin(base, "escape/key.pem"));
    assertTrue(throughDirectory.getMessage().contains("through a symbolic link"),
        throughDirectory.getMessage());
    assertThrows(ValidationException.class,
        () -> InputValidator.resolveWithin(base, "escape/new-file.txt"));
    assertThrows(ValidationException.class, () -> InputValidator.resolveWithin(base, "escape"));
    assertThrows(ValidationException.class,
        () -> InputValidator.resolveWithin(base, "key-link.pem"));
  }

  @Test
  void resolveWithinRefusesBrokenLinksAndFollowsLinksThatStayInside() throws IOException {
    Path base = Files.createDirectory(temp.resolve("uploads"));
    Path inside = Files.createDirectory(base.resolve("real-dir"));
    symlink(base.resolve("alias"), inside);
    symlink(base.resolve("dangling"), temp.resolve("not-yet-created"));

    assertEquals(inside.toRealPath().resolve("photo.jpg"),
        InputValidator.resolveWithin(base, "alias/photo.jpg"));
    ValidationException broken = assertThrows(ValidationException.class,
        () -> InputValidator.resolveWithin(base, "dangling"));
    assertTrue(broken.getMessage().contains("broken symbolic link"), broken.getMessage());
  }

  @Test
  void resolveWithinWorksWhenTheBaseItselfIsALink() throws IOException {
    Path real = Files.createDirectory(temp.resolve("data"));
    Path link = temp.resolve("current");
    symlink(link, real);
    assertEquals(real.toRealPath().resolve("x.txt"), InputValidator.resolveWithin(link, "x.txt"));
    assertThrows(ValidationException.class, () -> InputValidator.resolveWithin(link, "../x"));
  }

  @Test
  void resolveWithinRefusesAMissingBaseAsAProgrammingError() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> InputValidator.resolveWithin(temp.resolve("missing"), "x"));
    assertFalse(refused instanceof ValidationException);
    assertThrows(IllegalArgumentException.class, () -> InputValidator.resolveWithin(null, "x"));
  }

  // --- identifier -------------------------------------------------------------------------

  @Test
  void identifierReturnsOnlyAllowListedNames() {
    Set<String> columns = new HashSet<>(Arrays.asList("name", "created_at", "public.orders"));
    assertEquals("created_at", InputValidator.identifier("created_at", columns));
    assertEquals("public.orders", InputValidator.identifier("public.orders", columns));
    for (String bad : new String[] {"Name", "name ", "name; DROP TABLE users", "name--",
        "(SELECT 1)", "", "created_at,password"}) {
      ValidationException refused = assertThrows(ValidationException.class,
          () -> InputValidator.identifier(bad, columns), bad);
      assertTrue(refused.getMessage().endsWith("is not an allowed name"), refused.getMessage());
      assertFalse(refused.getMessage().contains("created_at") && !bad.contains("created_at"),
          "the allowed names are not listed");
    }
  }

  @Test
  void identifierRefusesAnUnsafeAllowList() {
    assertThrows(IllegalArgumentException.class,
        () -> InputValidator.identifier("a", Collections.emptySet()));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.identifier("a", null));
    IllegalArgumentException unsafe = assertThrows(IllegalArgumentException.class,
        () -> InputValidator.identifier("a", new HashSet<>(Arrays.asList("a", "b; DROP"))));
    assertFalse(unsafe instanceof ValidationException);
    assertThrows(IllegalArgumentException.class,
        () -> InputValidator.identifier("a", new HashSet<>(Arrays.asList("a", "\"quoted\""))));
  }

  // --- encoders ---------------------------------------------------------------------------

  @Test
  void htmlEncodesMarkupAndQuotes() {
    assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", InputValidator.html(SCRIPT));
    assertEquals("Tom &amp; &#34;Jerry&#34;", InputValidator.html("Tom & \"Jerry\""));
    assertEquals("caf\u00e9 \uD83D\uDE00 \u65e5\u672c", InputValidator.html("caf\u00e9 \uD83D\uDE00 \u65e5\u672c"));
    assertEquals("", InputValidator.html(""));
  }

  @Test
  void htmlAttributeEncodesQuotesSoTheValueCannotEscape() {
    String encoded = InputValidator.htmlAttribute("\" onmouseover=\"alert(1)");
    assertFalse(encoded.contains("\""), encoded);
    assertEquals("&#34; onmouseover=&#34;alert(1)", encoded);
    assertEquals("&#39;>&lt;x", InputValidator.htmlAttribute("'><x"), "'>' cannot end a quoted value");
    assertFalse(InputValidator.htmlAttribute(SCRIPT).contains("<"));
    assertEquals("caf\u00e9", InputValidator.htmlAttribute("caf\u00e9"));
  }

  @Test
  void javaScriptEncodesQuotesBackslashesLineBreaksAndScriptEnd() {
    String encoded = InputValidator.javaScript("';alert(1);//\"\\\n</script>");
    assertFalse(encoded.contains("'") || encoded.contains("\"") || encoded.contains("\n")
        || encoded.contains("</"), encoded);
    assertEquals("\\x27;alert(1);\\/\\/\\x22\\\\\\n<\\/script>", encoded);
    assertEquals("\\u2028", InputValidator.javaScript("\u2028"));
    assertEquals("caf\u00e9", InputValidator.javaScript("caf\u00e9"));
  }

  @Test
  void urlComponentPercentEncodesUtf8() {
    assertEquals("a%20b%26c%3Dd%2F%3F%23", InputValidator.urlComponent("a b&c=d/?#"));
    assertEquals("caf%C3%A9%20%F0%9F%98%80", InputValidator.urlComponent("caf\u00e9 \uD83D\uDE00"));
    assertEquals("%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E", InputValidator.urlComponent(SCRIPT));
    assertEquals("AZaz09-._~", InputValidator.urlComponent("AZaz09-._~"));
  }

  @Test
  void encodersRefuseNull() {
    assertThrows(IllegalArgumentException.class, () -> InputValidator.html(null));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.htmlAttribute(null));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.javaScript(null));
    assertThrows(IllegalArgumentException.class, () -> InputValidator.urlComponent(null));
  }

  // --- helpers ----------------------------------------------------------------------------

  private static void assertMissing(org.junit.jupiter.api.function.Executable call) {
    ValidationException refused = assertThrows(ValidationException.class, call);
    assertEquals("value is missing", refused.getMessage());
  }

  private static void symlink(Path link, Path target) throws IOException {
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links are not available here: " + e);
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
