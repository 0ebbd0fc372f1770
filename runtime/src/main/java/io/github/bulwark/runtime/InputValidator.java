package io.github.bulwark.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * Checks untrusted input against allow-lists before it is used, and encodes output for the place
 * it is written to — the fix that Bulwark's input-validation and injection rules point to.
 *
 * <pre>{@code
 * String name    = InputValidator.maxLength(form.get("name"), 100);
 * long page      = InputValidator.integer(query.get("page"), 1, 1_000);
 * Sort sort      = InputValidator.enumValue(query.get("sort"), Sort.class);
 * String column  = InputValidator.identifier(query.get("orderBy"), Set.of("name", "created_at"));
 * Path upload    = InputValidator.resolveWithin(uploadDir, form.get("file"));
 * out.write("<p>" + InputValidator.html(comment) + "</p>");
 * }</pre>
 *
 * <p>Every check returns the accepted value (converted where that is the point: {@code long},
 * enum, {@link UUID}, {@link Path}) and throws one exception type, {@link ValidationException},
 * whose message is safe to show the client. Missing input ({@code null}) is a {@code
 * ValidationException} too; mistakes in the call itself are plain {@link IllegalArgumentException}s.
 * Nothing is trimmed, decoded or normalised on the way: what is checked is what is returned.
 *
 * <p>All methods are static and stateless, so thread-safe.
 */
public final class InputValidator {

  /**
   * The longest input {@link #matches(String, Pattern)} hands to the regex engine; longer input is
   * refused before matching.
   */
  public static final int DEFAULT_MAX_MATCH_LENGTH = 1_000;

  /**
   * The character reads a single {@link #matches} may make, beyond {@value
   * #MATCH_READS_PER_CHARACTER} per input character, before it gives up.
   */
  static final int MATCH_BASE_BUDGET = 1_000_000;

  /** The character reads per input character that {@link #matches} allows on top of its base. */
  static final int MATCH_READS_PER_CHARACTER = 1_000;

  /** The longest file name most file systems store, in UTF-8 bytes. */
  public static final int MAX_FILE_NAME_BYTES = 255;

  /** The longest e-mail address SMTP can carry (RFC 5321 §4.5.3.1.3, a path of 256 less {@code <>}). */
  public static final int MAX_EMAIL_LENGTH = 254;

  private static final int MAX_EMAIL_LOCAL_PART = 64;
  private static final int PREVIEW_CHARS = 24;

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern ENUM_TEXT = Pattern.compile("[A-Za-z0-9_]{1,100}");
  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern EMAIL = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*"
      + "@(?:" + LABEL + "\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");
  private static final Pattern SQL_IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}(?:\\.[A-Za-z_][A-Za-z0-9_$]{0,62})?");
  private static final String WINDOWS_RESERVED_CHARACTERS = "<>:\"|?*";
  private static final Pattern WINDOWS_DEVICE_NAME =
      Pattern.compile("(?i)(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:\\..*)?");

  private InputValidator() {}

  // --- length and format ----------------------------------------------------------------

  /**
   * {@code value} if it has at most {@code max} characters, counted as Unicode code points (so an
   * emoji counts once, as users and most databases' character columns count it).
   *
   * @throws ValidationException if {@code value} is null or longer
   * @throws IllegalArgumentException if {@code max} is negative
   */
  public static String maxLength(String value, int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max " + max + " must be 0 or more");
    }
    requirePresent(value);
    int length = value.codePointCount(0, value.length());
    if (length > max) {
      throw new ValidationException("must be at most " + max + " characters, got " + length);
    }
    return value;
  }

  /**
   * {@code value} if the whole of it matches {@code allowList} (as {@link
   * java.util.regex.Matcher#matches()}, so {@code ^}/{@code $} are implied), and it is at most
   * {@value #DEFAULT_MAX_MATCH_LENGTH} characters. See {@link #matches(String, Pattern, int)}.
   *
   * @throws ValidationException if {@code value} is null, too long, does not match, or takes too
   *     many steps to match
   */
  public static String matches(String value, Pattern allowList) {
    return matches(value, allowList, DEFAULT_MAX_MATCH_LENGTH);
  }

  /**
   * {@code value} if the whole of it matches {@code allowList} and it is at most {@code maxLength}
   * characters long.
   *
   * <p><b>Catastrophic backtracking.</b> A pattern with nested or overlapping quantifiers can take
   * exponential or high-degree polynomial time on a crafted input (ReDoS): {@code (.*,){10}x}
   * never finishes on 100 commas. Two guards bound the work. Input longer than {@code maxLength}
   * is refused before the regex engine sees it; that alone is not enough, since 100 characters
   * can already be fatal. And the match may read at most {@value #MATCH_BASE_BUDGET} characters
   * plus {@value #MATCH_READS_PER_CHARACTER} per input character (ample: a linear match reads
   * each character a few times), after which the input is refused as too complex — as it is when
   * the engine, which recurses once per repetition of a group, overflows the stack
   * ({@code (\w+\s?)*} on a few thousand words). Prefer simple patterns without nested
   * quantifiers all the same.
   *
   * @throws ValidationException if {@code value} is null, too long, does not match, or takes too
   *     many steps to match
   * @throws IllegalArgumentException if {@code allowList} is null or {@code maxLength} is negative
   */
  public static String matches(String value, Pattern allowList, int maxLength) {
    if (allowList == null) {
      throw new IllegalArgumentException("allowList pattern must not be null");
    }
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength " + maxLength + " must be 0 or more");
    }
    requirePresent(value);
    if (value.length() > maxLength) {
      throw new ValidationException("must be at most " + maxLength + " characters, got "
          + value.length());
    }
    boolean matched;
    try {
      long budget = MATCH_BASE_BUDGET + (long) MATCH_READS_PER_CHARACTER * value.length();
      matched = allowList.matcher(
          new BudgetedCharSequence(value, (int) Math.min(Integer.MAX_VALUE, budget))).matches();
    } catch (BudgetedCharSequence.BudgetExceeded e) {
      throw new ValidationException(preview(value) + " is too complex to check; use a simpler"
          + " value");
    } catch (StackOverflowError e) {
      // Deep recursion in the regex engine on long alternations; refuse rather than crash.
      throw new ValidationException(preview(value) + " is too complex to check; use a simpler"
          + " value");
    }
    if (!matched) {
      throw new ValidationException(preview(value) + " is not in the allowed format");
    }
    return value;
  }

  /**
   * {@code value} as a {@code long} if it is a plain decimal integer (an optional {@code -} and
   * ASCII digits; no {@code +}, spaces, separators or other scripts' digits) within
   * {@code min..max}.
   *
   * @throws ValidationException if {@code value} is null, not such an integer, or out of range
   * @throws IllegalArgumentException if {@code min > max}
   */
  public static long integer(String value, long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " is greater than max " + max);
    }
    requirePresent(value);
    String range = "a whole number from " + min + " to " + max;
    if (!INTEGER.matcher(value).matches()) {
      throw new ValidationException(preview(value) + " is not " + range);
    }
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ValidationException(preview(value) + " is not " + range);
    }
    if (parsed < min || parsed > max) {
      throw new ValidationException(value + " is not " + range);
    }
    return parsed;
  }

  /**
   * The constant of {@code type} named {@code value}, compared ignoring ASCII case ({@code "desc"}
   * gives {@code DESC}); only ASCII letters, digits and {@code _} can match, so look-alike
   * characters such as the dotless {@code ı} never do.
   *
   * @throws ValidationException if {@code value} is null or names no constant; the message lists
   *     the allowed names
   * @throws IllegalArgumentException if {@code type} is null
   */
  public static <E extends Enum<E>> E enumValue(String value, Class<E> type) {
    if (type == null) {
      throw new IllegalArgumentException("enum type must not be null");
    }
    requirePresent(value);
    E[] constants = type.getEnumConstants();
    if (ENUM_TEXT.matcher(value).matches()) {
      for (E constant : constants) {
        if (constant.name().equals(value)) {
          return constant;
        }
      }
      String upper = value.toUpperCase(Locale.ROOT);
      for (E constant : constants) {
        if (constant.name().toUpperCase(Locale.ROOT).equals(upper)) {
          return constant;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < constants.length && i < 20; i++) {
      names.add(constants[i].name());
    }
    throw new ValidationException(preview(value) + " is not one of " + String.join(", ", names)
        + (constants.length > 20 ? ", ..." : ""));
  }

  /**
   * {@code value} as a {@link UUID} if it is in the canonical 8-4-4-4-12 hexadecimal form
   * ({@link UUID#fromString} alone also accepts forms such as {@code 1-2-3-4-5}).
   *
   * @throws ValidationException if {@code value} is null or not a canonical UUID
   */
  public static UUID uuid(String value) {
    requirePresent(value);
    if (!UUID_TEXT.matcher(value).matches()) {
      throw new ValidationException(preview(value) + " is not a UUID such as"
          + " 123e4567-e89b-12d3-a456-426614174000");
    }
    return UUID.fromString(value);
  }

  /**
   * {@code value} if it is a plausible e-mail address: the syntax of HTML's {@code
   * <input type=email>}, tightened to a dot-atom local part (no leading, trailing or double dots)
   * of at most 64 characters, a domain of at least two labels ending in a top-level one of letters only (or
   * punycode {@code xn--}), and at most {@value #MAX_EMAIL_LENGTH} characters in all. Quoted local parts,
   * comments, IP-literal domains and non-ASCII characters (write IDN domains in punycode) are
   * refused, and so are CR and LF, which could inject mail headers. Only sending mail proves an
   * address exists.
   *
   * @throws ValidationException if {@code value} is null or not such an address
   */
  public static String email(String value) {
    requirePresent(value);
    if (value.length() > MAX_EMAIL_LENGTH) {
      throw new ValidationException("an e-mail address has at most " + MAX_EMAIL_LENGTH
          + " characters, got " + value.length());
    }
    int at = value.lastIndexOf('@');
    if (!EMAIL.matcher(value).matches() || at > MAX_EMAIL_LOCAL_PART) {
      throw new ValidationException(preview(value) + " is not an e-mail address such as"
          + " name@example.com");
    }
    return value;
  }

  // --- files ------------------------------------------------------------------------------

  /** {@link #safeFileName(String, boolean)} refusing a leading dot (hidden files, {@code .htaccess}). */
  public static String safeFileName(String value) {
    return safeFileName(value, false);
  }

  /**
   * {@code value} if it is one plain file name that is safe on Linux, macOS and Windows alike:
   * no {@code /} or {@code \}, no {@code ..} anywhere, no NUL, control, invisible formatting
   * (e.g. the right-to-left override that disguises {@code exe} as {@code fdp}) or line separator
   * characters, none of {@code <>:"|?*}, no leading or trailing whitespace, no trailing dot, not
   * a Windows device name ({@code CON}, {@code NUL.txt}, {@code COM1}...), a leading dot only if
   * {@code allowLeadingDot}, and at most {@value #MAX_FILE_NAME_BYTES} UTF-8 bytes. The same checks
   * run on its NFKC normalisation too, so full-width look-alikes ({@code ．．／}) that some systems
   * fold into {@code ../} are refused.
   *
   * @throws ValidationException if {@code value} is null, empty or breaks one of these rules
   */
  public static String safeFileName(String value, boolean allowLeadingDot) {
    requirePresent(value);
    checkFileName(value, allowLeadingDot, "");
    String folded = Normalizer.normalize(value, Normalizer.Form.NFKC);
    if (!folded.equals(value)) {
      checkFileName(folded, allowLeadingDot, " after Unicode compatibility normalisation");
    }
    return value;
  }

  /**
   * The real path that {@code userPath} names inside {@code baseDir}, refusing anything that
   * would leave it — by {@code ..} segments, an absolute path, or a symbolic link.
   *
   * <p>{@code userPath} is relative, uses {@code /} (a {@code \} is refused, so a path cannot mean
   * one thing on Linux and another on Windows), holds no NUL or control character, and must name
   * something below {@code baseDir}, not {@code baseDir} itself. {@code ..} segments are resolved
   * lexically and allowed while they stay inside ({@code a/../b} is {@code b}). Then the deepest
   * part of the result that exists is resolved with {@link Path#toRealPath}, following every
   * symbolic link, and must still be inside the real {@code baseDir}; a broken symbolic link is
   * refused too, since writing through it would create its target wherever that is. The returned
   * path is that real path plus the part that does not exist yet.
   *
   * <p>Nothing is URL-decoded: {@code ..%2F..%2Fetc} is one odd but harmless file name inside
   * {@code baseDir}. Decoding is the web framework's job, done exactly once; decoding again here
   * would bring back double-decoding attacks. The check cannot stop a local user who swaps a
   * directory for a symbolic link after it ran; keep {@code baseDir} writable only by the
   * application.
   *
   * @throws ValidationException if {@code userPath} is null, empty, absolute, contains a refused
   *     character, or leads outside {@code baseDir}
   * @throws IllegalArgumentException if {@code baseDir} is null, does not exist or is not a
   *     directory
   * @throws UncheckedIOException if the file system cannot be read while resolving
   */
  public static Path resolveWithin(Path baseDir, String userPath) {
    Path base = realDirectory(baseDir);
    requirePresent(userPath);
    if (userPath.isEmpty()) {
      throw new ValidationException("path must not be empty");
    }
    for (int i = 0; i < userPath.length(); i++) {
      char c = userPath.charAt(i);
      if (c == '\\' || Character.isISOControl(c)) {
        throw new ValidationException("path contains " + SecureCookies.describe(c) + " at index "
            + i + "; use '/' between names and no control characters");
      }
    }
    Path relative;
    try {
      relative = base.getFileSystem().getPath(userPath);
    } catch (InvalidPathException e) {
      throw new ValidationException(preview(userPath) + " is not a valid path");
    }
    if (relative.isAbsolute() || relative.getRoot() != null) {
      throw new ValidationException(preview(userPath) + " is an absolute path; give a path"
          + " relative to the allowed directory");
    }
    Path candidate = base.resolve(relative).normalize();
    if (!candidate.startsWith(base) || candidate.equals(base)) {
      throw new ValidationException(preview(userPath) + " leads outside the allowed directory");
    }
    // Find the deepest part that exists (a link counts, even a broken one) and resolve it fully.
    Path existing = candidate;
    while (!existing.equals(base) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (NoSuchFileException e) {
      throw new ValidationException(preview(userPath) + " goes through a broken symbolic link");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve a path inside " + base + ": " + e, e);
    }
    if (!real.startsWith(base)) {
      throw new ValidationException(preview(userPath) + " leads outside the allowed directory"
          + " through a symbolic link");
    }
    return real.resolve(existing.relativize(candidate));
  }

  // --- SQL identifiers --------------------------------------------------------------------

  /**
   * The element of {@code allowed} equal to {@code value} (case-sensitive), for the table and
   * column names, sort keys and directions that a query cannot take as bound parameters. Every
   * allowed name must itself be a plain identifier ({@code [A-Za-z_][A-Za-z0-9_$]*}, optionally
   * {@code schema.name}), so the result is always safe to put into SQL text. The message does not
   * list the allowed names, which describe the schema.
   *
   * @throws ValidationException if {@code value} is null or not in {@code allowed}
   * @throws IllegalArgumentException if {@code allowed} is null, empty, or holds something that is
   *     not a plain identifier
   */
  public static String identifier(String value, Set<String> allowed) {
    if (allowed == null || allowed.isEmpty()) {
      throw new IllegalArgumentException("allowed identifiers must not be null or empty");
    }
    Set<String> names = Collections.unmodifiableSet(new HashSet<>(allowed));
    for (String name : names) {
      if (name == null || !SQL_IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("allowed identifier "
            + (name == null ? "null" : preview(name)) + " is not a plain SQL identifier"
            + " ([A-Za-z_][A-Za-z0-9_$]*, optionally schema.name)");
      }
    }
    requirePresent(value);
    for (String name : names) {
      if (name.equals(value)) {
        return name;
      }
    }
    throw new ValidationException(preview(value) + " is not an allowed name");
  }

  // --- output encoding --------------------------------------------------------------------

  /**
   * {@code text} encoded for HTML element content, e.g. {@code <p>HERE</p>} ({@code <}, {@code >},
   * {@code &}, {@code "} and {@code '} become entities). Also safe inside a quoted attribute.
   *
   * @throws IllegalArgumentException if {@code text} is null (pass {@code ""} to write nothing)
   */
  public static String html(String text) {
    return Encode.forHtml(requireText(text));
  }

  /**
   * {@code text} encoded for a quoted HTML attribute value, e.g. {@code title="HERE"}. Always
   * quote the attribute; never use it for {@code href}, {@code src} or event-handler attributes,
   * whose values are URLs or script.
   *
   * @throws IllegalArgumentException if {@code text} is null (pass {@code ""} to write nothing)
   */
  public static String htmlAttribute(String text) {
    return Encode.forHtmlAttribute(requireText(text));
  }

  /**
   * {@code text} encoded for a quoted JavaScript string literal, e.g. {@code var s = 'HERE';},
   * safe both in a {@code <script>} block and in an event-handler attribute: quotes, backslashes,
   * line terminators and {@code </script>} cannot end the string or the block.
   *
   * @throws IllegalArgumentException if {@code text} is null (pass {@code ""} to write nothing)
   */
  public static String javaScript(String text) {
    return Encode.forJavaScript(requireText(text));
  }

  /**
   * {@code text} percent-encoded as UTF-8 for one URL component — a path segment or a query
   * parameter name or value ({@code ?q=HERE}); only unreserved characters stay as they are. Never
   * use it on a whole URL: a user-supplied URL needs its scheme checked ({@code javascript:}).
   *
   * @throws IllegalArgumentException if {@code text} is null (pass {@code ""} to write nothing)
   */
  public static String urlComponent(String text) {
    return Encode.forUriComponent(requireText(text));
  }

  // --- helpers ----------------------------------------------------------------------------

  /**
   * A short, escaped form of untrusted input for messages: at most {@value #PREVIEW_CHARS}
   * characters; ASCII letters, digits, space and {@code . _ - @ + , :} kept, everything else as
   * {@code \\uXXXX}, in single quotes.
   */
  static String preview(String value) {
    StringBuilder out = new StringBuilder("'");
    int shown = Math.min(value.length(), PREVIEW_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || " ._-@+,:".indexOf(c) >= 0;
      out.append(plain ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
    if (value.length() > shown) {
      out.append("...");
    }
    return out.append('\'').toString();
  }

  private static void requirePresent(String value) {
    if (value == null) {
      throw new ValidationException("value is missing");
    }
  }

  private static String requireText(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text to encode must not be null; pass \"\" for none");
    }
    return text;
  }

  private static void checkFileName(String name, boolean allowLeadingDot, String when) {
    if (name.isEmpty()) {
      throw new ValidationException("file name must not be empty" + when);
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      int type = Character.getType(c);
      if (c == '/' || c == '\\' || c == 0 || Character.isISOControl(c)
          || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
          || type == Character.UNASSIGNED || WINDOWS_RESERVED_CHARACTERS.indexOf(c) >= 0) {
        throw new ValidationException("file name contains " + describe(c) + " at index " + i
            + when + "; use letters, digits, spaces and . _ - ( ) only");
      }
      i += Character.charCount(c);
    }
    if (name.contains("..")) {
      throw new ValidationException("file name must not contain '..'" + when);
    }
    if (name.equals(".") || (!allowLeadingDot && name.startsWith("."))) {
      throw new ValidationException("file name must not start with '.'" + when);
    }
    if (Character.isWhitespace(name.codePointAt(0)) || Character.isSpaceChar(name.codePointAt(0))
        || Character.isWhitespace(name.codePointBefore(name.length()))
        || Character.isSpaceChar(name.codePointBefore(name.length()))) {
      throw new ValidationException("file name must not start or end with whitespace" + when);
    }
    if (name.endsWith(".")) {
      throw new ValidationException("file name must not end with '.'" + when
          + " (Windows drops it, so 'x.php.' would become 'x.php')");
    }
    if (WINDOWS_DEVICE_NAME.matcher(name).matches()) {
      throw new ValidationException(preview(name) + " is a reserved device name on Windows");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_FILE_NAME_BYTES) {
      throw new ValidationException("file name must be at most " + MAX_FILE_NAME_BYTES
          + " bytes as UTF-8, got " + bytes + when);
    }
  }

  private static String describe(int codePoint) {
    return Character.isBmpCodePoint(codePoint)
        ? SecureCookies.describe((char) codePoint)
        : String.format(Locale.ROOT, "non-ASCII character U+%04X", codePoint);
  }

  private static Path realDirectory(Path baseDir) {
    if (baseDir == null) {
      throw new IllegalArgumentException("baseDir must not be null");
    }
    try {
      Path real = baseDir.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new IllegalArgumentException("baseDir " + baseDir + " is not a directory");
      }
      return real;
    } catch (IOException e) {
      throw new IllegalArgumentException("baseDir " + baseDir + " does not exist or cannot be"
          + " read: " + e, e);
    }
  }

  /**
   * The input as the regex engine sees it, counting reads: a match that reads more than its
   * budget is abandoned, however the pattern backtracks.
   */
  private static final class BudgetedCharSequence implements CharSequence {

    /** Thrown inside the regex engine to abandon a match; no stack trace is needed. */
    static final class BudgetExceeded extends RuntimeException {
      private static final long serialVersionUID = 1L;

      BudgetExceeded() {
        super("match step budget exceeded", null, false, false);
      }
    }

    private final String text;
    private final int[] remaining;

    BudgetedCharSequence(String text, int budget) {
      this(text, new int[] {budget});
    }

    private BudgetedCharSequence(String text, int[] remaining) {
      this.text = text;
      this.remaining = remaining;
    }

    @Override
    public char charAt(int index) {
      if (--remaining[0] < 0) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedCharSequence(text.substring(start, end), remaining);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
