package io.github.bulwark.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;

/**
 * An audit trail of security events whose every line is one event: control characters in any
 * field are escaped, so input cannot forge or split a line, and values that are or look like
 * secrets are masked before they reach the log.
 *
 * <pre>{@code
 * SecurityLog audit = SecurityLog.get();              // logger "bulwark.security", marker SECURITY
 * audit.loginFailure(user, "bad_password");
 * // event=login_failure user=alice reason=bad_password
 * audit.accessDenied(user, "/admin/users/42");
 * audit.event("export_started", Map.of("user", user, "rows", 1200));
 * } catch (SQLException e) {
 *   audit.failure("payment_capture", e);               // instead of swallowing it
 * }
 * }</pre>
 *
 * <p><b>Line format.</b> {@code key=value} pairs separated by single spaces, starting with {@code
 * event=<name>} (a stable snake_case name, listed on each method). A value is written in double
 * quotes when it is empty or contains a space, {@code =} or {@code "}; {@code null} is written as
 * {@code null}, and the text {@code "null"} in quotes. Inside a value, {@code \} and {@code "} are
 * escaped with a backslash, CR, LF and tab as {@code \r}, {@code \n}, {@code \t}, and every other
 * control, line-separator or bidirectional-override character as {@code \\uXXXX}. Values longer
 * than {@value #MAX_VALUE_LENGTH} characters are cut and marked {@code ...[+N chars]}.
 *
 * <p><b>Masking.</b> A field whose name says it holds a secret (it contains {@code password},
 * {@code passwd}, {@code pwd}, {@code secret}, {@code token}, {@code apikey}, {@code
 * authorization}, {@code cookie}, {@code session}, {@code credential}, {@code privatekey}, ignoring
 * case, {@code _}, {@code -} and {@code .}) is written as {@value #MASK}. In every other value,
 * what looks like a secret is replaced by {@value #MASK}: {@code Bearer} and {@code Basic}
 * credentials, JSON Web Tokens ({@code eyJ...}), PEM private keys, well-known key formats (AWS
 * {@code AKIA...}, GitHub {@code ghp_...}, Stripe {@code sk_live_...}, Slack {@code xox.-...},
 * keys from {@link ApiKeys}) and long random-looking strings (32 or more Base64 characters mixing
 * upper case, lower case and digits). The shape checks are heuristics: do not pass secrets
 * knowingly; pass {@link #mask(CharSequence)} or nothing.
 *
 * <p><b>Levels.</b> Successful events are {@code INFO}; failures, refusals and denials {@code
 * WARN}; {@link #failure(String, Throwable)} {@code ERROR}. Every line carries the marker {@value
 * #MARKER_NAME} and goes to the logger {@value #LOGGER_NAME}, so a backend can route the audit
 * trail to its own appender. The exception passed to {@code failure} is logged with its stack
 * trace, its messages escaped the same way.
 *
 * <p>Instances are immutable and thread-safe. Mistakes in the call itself (an event or field name
 * that is not {@code [a-z][a-z0-9_.]*}, a field named {@code event}) are refused with an
 * {@link IllegalArgumentException}; values are never refused.
 */
public final class SecurityLog {

  /** The name of the SLF4J logger every line goes to. */
  public static final String LOGGER_NAME = "bulwark.security";

  /** The name of the SLF4J marker every line carries. */
  public static final String MARKER_NAME = "SECURITY";

  /** What a masked value is written as. */
  public static final String MASK = "****";

  /** The most characters of one value written before it is cut. */
  public static final int MAX_VALUE_LENGTH = 1_000;

  /** The most characters of an event or field name. */
  public static final int MAX_NAME_LENGTH = 64;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");

  private static final List<String> SECRET_NAME_PARTS = Collections.unmodifiableList(
      Arrays.asList("password", "passwd", "pwd", "secret", "token", "apikey",
          "authorization", "cookie", "session", "credential", "privatekey"));

  /** Secrets recognisable by their shape, wherever they appear inside a value. */
  private static final Pattern SECRET_SHAPES = Pattern.compile(
      // "Authorization: Bearer abc", "Basic dXNlcjpwYXNz": keep the scheme, hide the credential.
      "(?i)(?<scheme>\\b(?:bearer|basic|digest)\\s+)[A-Za-z0-9._~+/=:-]{6,}"
          // JSON Web Tokens: a Base64url JSON header, always starting {"  ->  eyJ.
          + "|eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*\\.?[A-Za-z0-9_-]*"
          + "|-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"
          + "|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"
          + "|\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"
          + "|\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}"
          + "|\\bxox[abposr]-[A-Za-z0-9-]{10,}"
          // Keys from ApiKeys: prefix, '_', 43 random and 6 checksum Base62 characters.
          + "|\\b[a-z][a-z0-9_]{1,31}_[0-9A-Za-z]{49}\\b");

  /** Long runs of Base64 or Base64url characters; judged by {@link #looksRandom}. */
  private static final Pattern LONG_RUN = Pattern.compile("[A-Za-z0-9+/_-]{32,}={0,2}");

  private final Logger logger;
  private final Marker marker;

  private SecurityLog(Logger logger) {
    this.logger = logger;
    this.marker = MarkerFactory.getMarker(MARKER_NAME);
  }

  /** Holds the default instance, created on first use so SLF4J binds only when needed. */
  private static final class Default {
    static final SecurityLog INSTANCE = new SecurityLog(LoggerFactory.getLogger(LOGGER_NAME));
  }

  /** The audit log writing to the SLF4J logger {@value #LOGGER_NAME}. */
  public static SecurityLog get() {
    return Default.INSTANCE;
  }

  /**
   * An audit log writing to {@code logger} instead, e.g. a capturing logger in tests or one named
   * after a subsystem.
   *
   * @throws NullPointerException if {@code logger} is null
   */
  public static SecurityLog using(Logger logger) {
    return new SecurityLog(Objects.requireNonNull(logger, "logger"));
  }

  /**
   * {@value #MASK} for any value, so a line can say that a secret was there without showing any
   * of it — not its length, not a prefix; {@code null} stays {@code null}.
   */
  public static String mask(CharSequence secret) {
    return secret == null ? null : MASK;
  }

  /** {@code event=login_success user=...} at INFO. */
  public void loginSuccess(String user) {
    info("login_success", "user", user);
  }

  /** {@code event=login_failure user=... reason=...} at WARN; reason e.g. {@code bad_password}. */
  public void loginFailure(String user, String reason) {
    warn("login_failure", "user", user, "reason", reason);
  }

  /** {@code event=access_denied user=... resource=...} at WARN. */
  public void accessDenied(String user, String resource) {
    warn("access_denied", "user", user, "resource", resource);
  }

  /** {@code event=password_changed user=...} at INFO. */
  public void passwordChanged(String user) {
    info("password_changed", "user", user);
  }

  /** {@code event=role_changed user=... role=...} at INFO; {@code role} is the new role. */
  public void roleChanged(String user, String role) {
    info("role_changed", "user", user, "role", role);
  }

  /** {@code event=user_deleted actor=... user=...} at INFO: {@code actor} deleted {@code user}. */
  public void userDeleted(String actor, String user) {
    info("user_deleted", "actor", actor, "user", user);
  }

  /**
   * {@code event=token_issued user=... kind=...} at INFO; {@code kind} names the token (e.g.
   * {@code access}, {@code refresh}, {@code password_reset}), never its value.
   */
  public void tokenIssued(String user, String kind) {
    info("token_issued", "user", user, "kind", kind);
  }

  /**
   * {@code event=token_rejected user=... reason=...} at WARN; {@code user} may be null when the
   * token named nobody, {@code reason} e.g. {@code expired}, {@code bad_signature}.
   */
  public void tokenRejected(String user, String reason) {
    warn("token_rejected", "user", user, "reason", reason);
  }

  /** {@code event=api_key_created key_id=...} at INFO; the key's public id, never the key. */
  public void apiKeyCreated(String keyId) {
    info("api_key_created", "key_id", keyId);
  }

  /** {@code event=api_key_revoked key_id=...} at INFO. */
  public void apiKeyRevoked(String keyId) {
    info("api_key_revoked", "key_id", keyId);
  }

  /** {@code event=rate_limited key=...} at WARN; {@code key} is what was limited (client, account). */
  public void rateLimited(String key) {
    warn("rate_limited", "key", key);
  }

  /** {@code event=mfa_failure user=...} at WARN. */
  public void mfaFailure(String user) {
    warn("mfa_failure", "user", user);
  }

  /** {@code event=logout user=...} at INFO. */
  public void logout(String user) {
    info("logout", "user", user);
  }

  /**
   * {@code event=<name>} followed by {@code fields} in their iteration order (pass a {@link
   * LinkedHashMap} to fix it) at INFO. Values are written with {@link String#valueOf(Object)}.
   *
   * @throws IllegalArgumentException if {@code name} or a field name is not {@code
   *     [a-z][a-z0-9_.]*} of at most {@value #MAX_NAME_LENGTH} characters, or a field is named
   *     {@code event}
   * @throws NullPointerException if {@code fields} is null
   */
  public void event(String name, Map<String, ?> fields) {
    Objects.requireNonNull(fields, "fields");
    String line = line(name, fields);
    if (logger.isInfoEnabled(marker)) {
      logger.info(marker, "{}", line);
    }
  }

  /**
   * {@code event=<event> outcome=failure exception=<class> message=<message>} at ERROR, with the
   * exception and its stack trace — the fix for a swallowed exception. The messages of {@code e},
   * its causes and suppressed exceptions are escaped and masked like any value.
   *
   * @throws IllegalArgumentException if {@code event} is not a valid name (see {@link #event})
   */
  public void failure(String event, Throwable e) {
    failure(event, Collections.<String, Object>emptyMap(), e);
  }

  /**
   * Like {@link #failure(String, Throwable)}, with {@code fields} written after {@code outcome}.
   *
   * @throws IllegalArgumentException if {@code event} or a field name is not valid (see {@link
   *     #event}), or a field is named {@code event}
   */
  public void failure(String event, Map<String, ?> fields, Throwable e) {
    Objects.requireNonNull(fields, "fields");
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("outcome", "failure");
    all.putAll(fields);
    all.put("exception", e == null ? null : e.getClass().getName());
    all.put("message", e == null ? null : e.getMessage());
    log(Level.ERROR, event, all, e);
  }

  /**
   * Logs {@code event} with {@code fields} at {@code level}, with {@code e} escaped as in {@link
   * #failure(String, Throwable)} when it is not null; for the helpers of this package.
   */
  void log(Level level, String event, Map<String, ?> fields, Throwable e) {
    String line = line(event, fields);
    if (!logger.isEnabledForLevel(level)) {
      return;
    }
    Object escaped = e == null ? null : EscapedThrowable.of(e);
    switch (level) {
      case ERROR:
        logger.error(marker, "{}", line, escaped);
        break;
      case WARN:
        logger.warn(marker, "{}", line, escaped);
        break;
      case INFO:
        logger.info(marker, "{}", line, escaped);
        break;
      case DEBUG:
        logger.debug(marker, "{}", line, escaped);
        break;
      default:
        logger.trace(marker, "{}", line, escaped);
        break;
    }
  }

  /** Logs at WARN with the given fields; for helpers of this package that report refusals. */
  void warn(String event, Map<String, ?> fields) {
    String line = line(event, fields);
    if (logger.isWarnEnabled(marker)) {
      logger.warn(marker, "{}", line);
    }
  }

  private void info(String event, String... keysAndValues) {
    String line = line(event, pairs(keysAndValues));
    if (logger.isInfoEnabled(marker)) {
      logger.info(marker, "{}", line);
    }
  }

  private void warn(String event, String... keysAndValues) {
    warn(event, pairs(keysAndValues));
  }

  private static Map<String, Object> pairs(String... keysAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      fields.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return fields;
  }

  /** The whole line: the event name, then each field, names checked, values neutralised. */
  static String line(String event, Map<String, ?> fields) {
    checkName("event", event);
    StringBuilder line = new StringBuilder(64).append("event=").append(event);
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      String key = field.getKey();
      checkName("field", key);
      if (key.equals("event")) {
        throw new IllegalArgumentException("field name 'event' is reserved for the event name");
      }
      line.append(' ').append(key).append('=');
      Object value = field.getValue();
      if (value == null) {
        line.append("null");
      } else if (isSecretName(key)) {
        line.append(MASK);
      } else {
        appendValue(line, maskShapes(String.valueOf(value)));
      }
    }
    return line.toString();
  }

  private static void checkName(String what, String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH
        || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " name " + (name == null ? "null"
          : "\"" + escape(name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH)
              : name) + "\"")
          + " is not allowed: use 1.." + MAX_NAME_LENGTH + " characters of [a-z0-9_.],"
          + " starting with a letter (e.g. login_failure)");
    }
  }

  /** Whether a field name says that its value is a secret. */
  static boolean isSecretName(String name) {
    String normalised = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")
        .replace(".", "");
    for (String part : SECRET_NAME_PARTS) {
      if (normalised.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** {@code value} with every part that looks like a secret replaced by {@value #MASK}. */
  static String maskShapes(String value) {
    Matcher shape = SECRET_SHAPES.matcher(value);
    StringBuffer masked = new StringBuffer(value.length());
    while (shape.find()) {
      String scheme = shape.group("scheme");
      shape.appendReplacement(masked,
          Matcher.quoteReplacement(scheme == null ? MASK : scheme + MASK));
    }
    shape.appendTail(masked);
    Matcher run = LONG_RUN.matcher(masked);
    StringBuffer result = new StringBuffer(masked.length());
    while (run.find()) {
      run.appendReplacement(result,
          Matcher.quoteReplacement(looksRandom(run.group()) ? MASK : run.group()));
    }
    run.appendTail(result);
    return result.toString();
  }

  /**
   * Whether a long Base64-alphabet run mixes upper case, lower case and digits, as random tokens
   * do and words, hex digests and UUIDs do not.
   */
  private static boolean looksRandom(String run) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
    }
    return upper && lower && digit;
  }

  private static void appendValue(StringBuilder line, String raw) {
    String value = raw;
    String cut = "";
    if (value.length() > MAX_VALUE_LENGTH) {
      cut = "...[+" + (value.length() - MAX_VALUE_LENGTH) + " chars]";
      value = value.substring(0, MAX_VALUE_LENGTH);
    }
    String escaped = escape(value) + cut;
    boolean quote = escaped.isEmpty() || escaped.equals("null") || escaped.indexOf(' ') >= 0
        || escaped.indexOf('=') >= 0 || escaped.indexOf('"') >= 0;
    if (quote) {
      line.append('"').append(escaped).append('"');
    } else {
      line.append(escaped);
    }
  }

  /**
   * {@code text} with {@code \} and {@code "} escaped by a backslash and every character that can
   * break or disguise a line escaped: CR, LF, tab as {@code \r \n \t}; other C0 and C1 controls,
   * DEL, U+2028/U+2029 line and paragraph separators and bidirectional overrides as
   * {@code \\uXXXX}.
   */
  static String escape(String text) {
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = replacement(c);
      if (replacement != null && escaped == null) {
        escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (escaped != null) {
        if (replacement != null) {
          escaped.append(replacement);
        } else {
          escaped.append(c);
        }
      }
    }
    return escaped == null ? text : escaped.toString();
  }

  private static String replacement(char c) {
    switch (c) {
      case '\\':
        return "\\\\";
      case '"':
        return "\\\"";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    boolean unsafe = c < 0x20 || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028' || c == '\u2029'                  // line and paragraph separators
        || (c >= '\u202a' && c <= '\u202e')                // bidirectional embeddings, overrides
        || (c >= '\u2066' && c <= '\u2069')                // bidirectional isolates
        || c == '\u200e' || c == '\u200f' || c == '\u061c' // direction marks
        || c == '\ufeff';
    return unsafe ? String.format(Locale.ROOT, "\\u%04x", (int) c) : null;
  }

  /**
   * A stand-in for a logged exception whose messages are escaped and masked, with the original
   * class name, stack trace, causes and suppressed exceptions, so a plain-text layout printing
   * the stack trace cannot be made to print a forged line either.
   */
  static final class EscapedThrowable extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 16;

    private final String original;

    private EscapedThrowable(Throwable e) {
      super(e.getMessage() == null ? null : escape(maskShapes(e.getMessage())));
      this.original = e.getClass().getName();
      setStackTrace(e.getStackTrace());
    }

    static EscapedThrowable of(Throwable e) {
      return of(e, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    private static EscapedThrowable of(Throwable e, Set<Throwable> seen, int depth) {
      seen.add(e);
      EscapedThrowable copy = new EscapedThrowable(e);
      Throwable cause = e.getCause();
      if (cause != null && !seen.contains(cause) && depth < MAX_DEPTH) {
        copy.initCause(of(cause, seen, depth + 1));
      }
      List<Throwable> suppressed = new ArrayList<>(Arrays.asList(e.getSuppressed()));
      for (Throwable s : suppressed) {
        if (!seen.contains(s) && depth < MAX_DEPTH) {
          copy.addSuppressed(of(s, seen, depth + 1));
        }
      }
      return copy;
    }

    /** The class name of the exception this stands for. */
    String originalClassName() {
      return original;
    }

    /** {@code original.ClassName: escaped message}, as {@link Throwable#toString()} would print. */
    @Override
    public String toString() {
      String message = getLocalizedMessage();
      return message == null ? original : original + ": " + message;
    }
  }
}
