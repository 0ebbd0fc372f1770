package io.github.bulwark.runtime;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Decides, from the URI text alone, whether a request may leave over this transport. */
final class TransportPolicy {

  /** Four dotted decimal octets; the legacy forms the JDK also accepts ("127.1", "2130706433") are not. */
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final boolean loopbackHttpAllowed;

  TransportPolicy(boolean loopbackHttpAllowed) {
    this.loopbackHttpAllowed = loopbackHttpAllowed;
  }

  boolean loopbackHttpAllowed() {
    return loopbackHttpAllowed;
  }

  /** Returns {@code uri} if it is https (or loopback http when allowed), else throws. */
  URI check(URI uri) {
    if (uri == null) {
      throw new IllegalArgumentException("uri must not be null");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      throw new InsecureTransportException("Refusing " + redact(uri)
          + ": an absolute https:// URI with a host is required");
    }
    if (scheme.equals("https")) {
      return uri;
    }
    if (scheme.equals("http") && isLoopback(uri.getHost())) {
      if (loopbackHttpAllowed) {
        return uri;
      }
      throw new InsecureTransportException("Refusing " + redact(uri)
          + ": plain http is refused; use https, or allowLoopbackHttp() for a loopback test server");
    }
    throw new InsecureTransportException("Refusing " + redact(uri)
        + ": only https:// is allowed" + (loopbackHttpAllowed
            ? " (http:// only to localhost, 127.0.0.0/8 or [::1])" : ""));
  }

  /**
   * True for {@code localhost}, a dotted-quad literal in 127.0.0.0/8, or an IPv6 loopback literal.
   * Names are never resolved: a DNS name that points at 127.0.0.1 today may point elsewhere
   * tomorrow (DNS rebinding), so only literals and the reserved name count.
   */
  static boolean isLoopback(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("localhost.")) {
      return true;
    }
    boolean ipv6 = h.startsWith("[") && h.endsWith("]");
    if (!ipv6 && !DOTTED_QUAD.matcher(h).matches()) {
      return false;
    }
    String literal = ipv6 ? h.substring(1, h.length() - 1) : h;
    if (literal.indexOf('%') >= 0) {
      return false; // zone ids are not needed for loopback; refuse rather than interpret them
    }
    try {
      // Only literals reach this point, and literals are parsed without any name lookup.
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  /**
   * The URI as it may appear in a message: scheme, host, port and path only, because user-info
   * ({@code user:password@}) and query strings ({@code ?api_key=}) often hold credentials.
   */
  static String redact(URI uri) {
    if (uri.getHost() == null) {
      return "'" + (uri.getScheme() == null ? "" : uri.getScheme() + ":") + "…' (no host)";
    }
    StringBuilder text = new StringBuilder();
    text.append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      text.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      text.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      text.append("?…");
    }
    return text.toString();
  }
}
