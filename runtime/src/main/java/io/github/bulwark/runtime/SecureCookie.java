package io.github.bulwark.runtime;

/**
 * One {@code Set-Cookie} header value built by {@link SecureCookies}: always {@code Secure} and
 * {@code HttpOnly}, with a {@code SameSite} policy, and with a name and value that cannot inject
 * attributes or headers. Immutable and thread-safe; {@link #toString()} never shows the value.
 *
 * <pre>{@code
 * response.addHeader(SecureCookie.HEADER, cookie.headerValue());             // Servlet API
 * ResponseEntity.ok().header(SecureCookie.HEADER, cookie.headerValue())...   // Spring
 * }</pre>
 */
public final class SecureCookie {

  /** The response header the value belongs in. */
  public static final String HEADER = "Set-Cookie";

  private final String name;
  private final String headerValue;
  private final String maskedHeaderValue;
  private final SecureCookies.SameSite sameSite;

  SecureCookie(String name, String value, String attributes, SecureCookies.SameSite sameSite) {
    this.name = name;
    this.headerValue = name + "=" + value + attributes;
    this.maskedHeaderValue = name + "=" + (value.isEmpty() ? "" : "****") + attributes;
    this.sameSite = sameSite;
  }

  /** The cookie's name. */
  public String name() {
    return name;
  }

  /**
   * The full header value, e.g. {@code id=v4lu3; Path=/; Secure; HttpOnly; SameSite=Strict}. It
   * holds the cookie value, which is often a session secret: send it, do not log it.
   */
  public String headerValue() {
    return headerValue;
  }

  /** The cookie's {@code SameSite} policy. */
  public SecureCookies.SameSite sameSite() {
    return sameSite;
  }

  /** The header value with the cookie value masked: {@code SecureCookie[id=****; Path=/; ...]}. */
  @Override
  public String toString() {
    return "SecureCookie[" + maskedHeaderValue + "]";
  }
}
