package io.github.bulwark.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds {@code Set-Cookie} header values that are {@code Secure}, {@code HttpOnly} and
 * {@code SameSite=Strict} unless told otherwise, and that refuse names and values able to inject
 * attributes or headers — without any servlet or framework dependency.
 *
 * <pre>{@code
 * SecureCookie session = SecureCookies.session("__Host-id", Tokens.urlSafe());
 * // __Host-id=...; Path=/; Secure; HttpOnly; SameSite=Strict
 *
 * SecureCookie remember = SecureCookies.builder("remember", token)
 *     .maxAge(Duration.ofDays(30)).sameSite(SameSite.LAX).build();
 *
 * SecureCookie logout = SecureCookies.expired("__Host-id").build();  // value "", Max-Age=0
 * }</pre>
 *
 * <p><b>What is refused</b>, naming the bad character and its index but never echoing the value:
 * a name that is not an RFC 6265 token (no separators such as {@code ; , = " ( ) /}, no
 * whitespace, no control or non-ASCII characters), and a value outside RFC 6265
 * {@code cookie-octet} (no {@code ;}, {@code ,}, whitespace, CR, LF, {@code "}, {@code \}, control
 * or non-ASCII characters — encode such values, for example with {@link Tokens} or Base64url).
 * Also refused: an empty value (use {@link #expired}), a name and value together over
 * {@value #MAX_NAME_AND_VALUE_BYTES} bytes (browsers drop such cookies silently), a {@code Max-Age}
 * that is negative, fractional or over 400 days (browsers cap it there), and for a name starting
 * with {@code __Host-} any {@code Domain} or a {@code Path} other than {@code /} (browsers reject
 * such cookies).
 *
 * <p>{@code Secure} and {@code HttpOnly} cannot be turned off: a cookie readable by scripts or
 * sent over plain HTTP is what the InsecureCookie rule reports.
 */
public final class SecureCookies {

  /** The {@code SameSite} attribute: whether the browser sends the cookie on cross-site requests. */
  public enum SameSite {
    /** Never sent on cross-site requests: the strongest protection against CSRF. */
    STRICT("Strict"),
    /** Sent on cross-site top-level navigations (following a link), not on sub-requests or POSTs. */
    LAX("Lax"),
    /** Sent on every cross-site request; browsers require {@code Secure}, which is always set. */
    NONE("None");

    private final String attribute;

    SameSite(String attribute) {
      this.attribute = attribute;
    }

    /** The attribute value as written in the header: {@code Strict}, {@code Lax} or {@code None}. */
    public String attribute() {
      return attribute;
    }
  }

  /** The most bytes of name and value together that every browser keeps (RFC 6265bis §5.6). */
  public static final int MAX_NAME_AND_VALUE_BYTES = 4096;

  /** The longest {@code Max-Age} browsers honour; longer ones are cut to it (RFC 6265bis §5.6.2). */
  public static final Duration MAX_AGE_LIMIT = Duration.ofDays(400);

  private static final String TOKEN_SEPARATORS = "()<>@,;:\\\"/[]?={}";

  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

  private static final Pattern DOMAIN = Pattern.compile("(?:" + LABEL + "\\.)*" + LABEL);

  private SecureCookies() {}

  /**
   * A session cookie (no {@code Max-Age}: it ends when the browser closes) with the defaults:
   * {@code name=value; Path=/; Secure; HttpOnly; SameSite=Strict}.
   *
   * @throws IllegalArgumentException if the name or value is null, empty or contains a character
   *     that is not allowed
   */
  public static SecureCookie session(String name, String value) {
    return builder(name, value).build();
  }

  /**
   * A builder starting from the {@link #session} defaults.
   *
   * @throws IllegalArgumentException if the name or value is null, empty or contains a character
   *     that is not allowed
   */
  public static Builder builder(String name, String value) {
    return new Builder(checkName(name), checkValue(name, value), false);
  }

  /**
   * A builder for the header that deletes cookie {@code name}: empty value and {@code Max-Age=0}.
   * Set the same path and domain it was created with, or the browser keeps it.
   *
   * @throws IllegalArgumentException if the name is null, empty or contains a character that is
   *     not allowed
   */
  public static Builder expired(String name) {
    return new Builder(checkName(name), "", true);
  }

  /**
   * Collects a cookie's attributes, validating each at once. A builder is not thread-safe; the
   * {@link SecureCookie} it builds is, and later changes to the builder do not affect it.
   */
  public static final class Builder {

    private final String name;
    private final String value;
    private final boolean expired;
    private String path = "/";
    private String domain;
    private Duration maxAge;
    private SameSite sameSite = SameSite.STRICT;

    private Builder(String name, String value, boolean expired) {
      this.name = name;
      this.value = value;
      this.expired = expired;
    }

    /**
     * The URL path the cookie is sent for (default {@code /}): starts with {@code /}, printable
     * ASCII without {@code ;}.
     *
     * @throws IllegalArgumentException if the path is not allowed, or is not {@code /} for a
     *     {@code __Host-} cookie
     */
    public Builder path(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("cookie path " + quote(path) + " must start with '/'");
      }
      for (int i = 0; i < path.length(); i++) {
        char c = path.charAt(i);
        if (c < 0x20 || c > 0x7e || c == ';') {
          throw new IllegalArgumentException("cookie path contains " + describe(c) + " at index "
              + i + "; allowed are printable ASCII characters except ';'");
        }
      }
      if (isHostPrefixed(name) && !path.equals("/")) {
        throw new IllegalArgumentException("cookie " + name + " has the __Host- prefix, so its"
            + " path must be '/' (browsers reject it otherwise), not " + quote(path));
      }
      this.path = path;
      return this;
    }

    /**
     * The host the cookie is also sent to, with its subdomains, e.g. {@code example.com}. Without
     * it (the default, and the safer choice) the cookie goes back only to the host that set it.
     *
     * @throws IllegalArgumentException if the domain is not a host name, or for a {@code __Host-}
     *     cookie
     */
    public Builder domain(String domain) {
      if (isHostPrefixed(name)) {
        throw new IllegalArgumentException("cookie " + name + " has the __Host- prefix, so it must"
            + " not have a Domain attribute (browsers reject it otherwise)");
      }
      if (domain == null || domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
        throw new IllegalArgumentException("cookie domain " + quote(domain) + " is not a host name;"
            + " expected letters, digits, '-' and '.' such as example.com, without a leading dot");
      }
      this.domain = domain.toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * How long the browser keeps the cookie ({@code Max-Age}); without it the cookie ends with the
     * browser session. Zero deletes it at once.
     *
     * @throws IllegalArgumentException if {@code maxAge} is null, negative, not whole seconds, or
     *     over 400 days
     * @throws IllegalStateException on a builder from {@link #expired}, whose age is always 0
     */
    public Builder maxAge(Duration maxAge) {
      if (expired) {
        throw new IllegalStateException("an expired(...) cookie always has Max-Age=0");
      }
      if (maxAge == null || maxAge.isNegative() || maxAge.getNano() != 0
          || maxAge.compareTo(MAX_AGE_LIMIT) > 0) {
        throw new IllegalArgumentException("cookie maxAge " + maxAge + " is outside the allowed"
            + " range: whole seconds from PT0S to " + MAX_AGE_LIMIT.toDays() + " days ("
            + MAX_AGE_LIMIT.getSeconds() + " s)");
      }
      this.maxAge = maxAge;
      return this;
    }

    /**
     * The {@code SameSite} policy (default {@link SameSite#STRICT}).
     *
     * @throws IllegalArgumentException if {@code sameSite} is null
     */
    public Builder sameSite(SameSite sameSite) {
      if (sameSite == null) {
        throw new IllegalArgumentException("sameSite must not be null; the default is STRICT");
      }
      this.sameSite = sameSite;
      return this;
    }

    /** The cookie as configured so far. */
    public SecureCookie build() {
      StringBuilder attributes = new StringBuilder();
      attributes.append("; Path=").append(path);
      if (domain != null) {
        attributes.append("; Domain=").append(domain);
      }
      if (expired) {
        attributes.append("; Max-Age=0");
      } else if (maxAge != null) {
        attributes.append("; Max-Age=").append(maxAge.getSeconds());
      }
      attributes.append("; Secure; HttpOnly; SameSite=").append(sameSite.attribute());
      return new SecureCookie(name, value, attributes.toString(), sameSite);
    }
  }

  private static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(
          "cookie name must not be " + (name == null ? "null" : "empty"));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || TOKEN_SEPARATORS.indexOf(c) >= 0) {
        throw new IllegalArgumentException("cookie name contains " + describe(c) + " at index " + i
            + "; a name is ASCII letters, digits and !#$%&'*+-.^_`|~ only");
      }
    }
    return name;
  }

  /** Never puts the value into a message: it is often a session secret. */
  private static String checkValue(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("value of cookie " + name + " must not be "
          + (value == null ? "null" : "empty") + "; use SecureCookies.expired(name) to delete it");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean cookieOctet = c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a)
          || (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
      if (!cookieOctet) {
        throw new IllegalArgumentException("value of cookie " + name + " contains " + describe(c)
            + " at index " + i + "; allowed are printable ASCII characters except space, '\"', ','"
            + ", ';' and '\\' (encode the value, e.g. as Base64url)");
      }
    }
    int bytes = name.getBytes(StandardCharsets.US_ASCII).length + value.length();
    if (bytes > MAX_NAME_AND_VALUE_BYTES) {
      throw new IllegalArgumentException("cookie " + name + " has " + bytes + " bytes of name and"
          + " value, over the " + MAX_NAME_AND_VALUE_BYTES + " that browsers keep");
    }
    return value;
  }

  private static boolean isHostPrefixed(String name) {
    return name.regionMatches(true, 0, "__Host-", 0, 7);
  }

  /** A character for a message: printable ones quoted, all with their code point. */
  static String describe(char c) {
    String codePoint = String.format(Locale.ROOT, "U+%04X", (int) c);
    if (c == ' ') {
      return "a space (" + codePoint + ")";
    }
    if (c > 0x20 && c < 0x7f) {
      return "'" + c + "' (" + codePoint + ")";
    }
    if (c == '\r') {
      return "a carriage return (" + codePoint + ")";
    }
    if (c == '\n') {
      return "a line feed (" + codePoint + ")";
    }
    if (c == '\t') {
      return "a tab (" + codePoint + ")";
    }
    return (c < 0x20 || c == 0x7f ? "control character " : "non-ASCII character ") + codePoint;
  }

  private static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < text.length() && i < 64; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f
          ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
    return out.append(text.length() > 64 ? "…'" : "'").toString();
  }
}
