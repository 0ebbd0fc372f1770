package io.github.bulwark.rules.secrets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a credential from its look-alikes, for any rule that reads names and values: Java
 * sources, {@code .properties}, YAML or XML. Three questions, each answered without context:
 *
 * <ul>
 *   <li>{@link #nameStrength}: does a variable, property or header name say it holds a secret
 *       ({@code dbPassword}, {@code API_KEY}, {@code spring.datasource.password},
 *       {@code X-Auth-Token}), as opposed to naming something about one ({@code passwordPolicy},
 *       {@code TOKEN_HEADER}, {@code secretName}, {@code tokenEndpoint})?
 *   <li>{@link #wellKnownToken}: does a value contain a credential whose format alone gives it
 *       away (cloud access key ids, source-host and chat-app tokens, live payment keys, PEM private
 *       keys, signed JWTs)?
 *   <li>{@link #isPlausiblePassword} and {@link #looksLikeRealSecret}: is a value a real credential
 *       rather than a placeholder, a reference, a name, a path or a sentence? Human-chosen secrets
 *       (passwords) only need to be plausible; machine-issued ones (tokens, API keys) must also
 *       look random, measured by Shannon entropy and character mix.
 * </ul>
 *
 * {@link #isSecretAssignment} combines them the way a rule uses them. All methods are pure.
 */
public final class SecretPatterns {

  /** How much a name alone says about the value it holds. */
  public enum Strength {
    /** Not a secret's name. */
    NONE,
    /** Names a machine-issued credential (token, API key): the value must also look random. */
    RANDOM_VALUE,
    /** Names a human-chosen secret (password, secret, signing key): any plausible value is one. */
    ANY_VALUE
  }

  /** Words that name a human-chosen secret on their own. */
  private static final Set<String> HUMAN_SECRET_WORDS = Set.of(
      "password", "passwd", "pwd", "passphrase", "passcode", "secret", "credential",
      "credentials", "passwords", "secrets", "pword", "passwort", "contrasena", "senha",
      "motdepasse", "secretkey", "creds", "pass");
  /** Words that name a machine-issued credential on their own. */
  private static final Set<String> ISSUED_SECRET_WORDS = Set.of(
      "token", "tokens", "bearer", "apikey", "apikeys", "apitoken", "accesskey", "accesstoken",
      "refreshtoken", "authtoken", "privatekey", "clientsecret");
  /** Words that make a following "key" a secret key ({@code apiKey}, {@code SIGNING_KEY}). */
  private static final Set<String> KEY_QUALIFIERS = Set.of(
      "api", "access", "secret", "private", "signing", "sign", "signature", "encryption",
      "encrypt", "crypto", "cipher", "hmac", "master", "aes", "des", "jwt", "client", "app",
      "auth", "shared", "subscription", "consumer", "mac", "symmetric", "decryption", "jws",
      "jwe", "license", "licence");
  /** Qualifiers whose key is human-chosen as often as issued (a signing or encryption key). */
  private static final Set<String> HUMAN_KEY_QUALIFIERS = Set.of(
      "secret", "signing", "sign", "signature", "encryption", "encrypt", "crypto", "cipher",
      "hmac", "master", "aes", "des", "jwt", "shared", "mac", "symmetric", "decryption", "jws",
      "jwe");
  /**
   * Words that may follow the secret word without changing what the name holds
   * ({@code passwordValue}, {@code DB_PASSWORD_PROD}, {@code apiKey2}). Any other following word
   * makes the name about the secret, not the secret: {@code passwordPolicy}, {@code tokenUrl},
   * {@code PASSWORD_PARAM}, {@code secretName}, {@code passwordEncoder}, {@code tokenType}.
   */
  private static final Set<String> NEUTRAL_SUFFIXES = Set.of(
      "value", "val", "str", "string", "bytes", "byte", "chars", "char", "array", "arr", "raw",
      "plain", "plaintext", "clear", "cleartext", "literal", "default", "dflt", "prod",
      "production", "prd", "dev", "development", "staging", "stage", "stg", "qa", "uat",
      "local", "live", "admin", "root", "main", "primary", "secondary", "backup", "old", "new",
      "current", "b", "base", "hex", "v", "data", "bearer", "for", "of", "to",
      "db", "user", "sandbox", "fallback", "override", "internal", "external", "global", "static",
      "fixed", "hardcoded", "hard", "coded", "const", "constant", "mock");
  /**
   * Words before the secret word that say it is not a credential: pagination and lexer tokens,
   * anti-forgery tokens, hashed or encrypted forms, and yes/no flags.
   */
  private static final Set<String> NEGATING_PREFIXES = Set.of(
      "page", "next", "previous", "prev", "continuation", "cursor", "sync", "cancel",
      "cancellation", "resume", "pagination", "csrf", "xsrf", "lexer", "parser", "syntax",
      "hashed", "hash", "encrypted", "encoded", "masked", "obfuscated", "has", "is", "no", "use",
      "show", "hide", "require", "requires", "forgot", "reset", "change", "invalid", "wrong",
      "missing", "empty", "start", "end", "eof", "sep", "separator", "delimiter", "split",
      "last", "first", "word", "string", "char", "number", "sentence", "ignore",
      "skip", "one", "compile", "compiler", "single", "multi", "second", "third", "final");

  /**
   * Values that stand for a secret without being one, even where an API takes a credential:
   * {@code changeit} is the JDK's published default trust store password.
   */
  private static final Set<String> PLACEHOLDER_WORDS = Set.of(
      "changeme", "changeit", "change_me", "change-me", "changethis", "change_this",
      "replaceme", "replace_me", "replace-me", "todo", "tbd", "fixme", "none", "null", "nil",
      "undefined", "n/a", "dummy", "placeholder", "sample", "example", "redacted", "notused",
      "not_used", "unused", "unset", "notset", "not_set", "xxx");
  /**
   * Words that a secret-named variable holds when it holds no secret: its own name, a type or
   * scheme name, a flag. Not placeholders where an API takes a credential ({@code "secret"} as a
   * JWT key is a real, guessable key).
   */
  private static final Set<String> NON_SECRET_WORDS = Set.of(
      "secret", "password", "passwd", "pwd", "pass", "token", "empty", "blank", "default",
      "hidden", "masked", "string", "text", "required", "optional", "true", "false", "yes", "no",
      "on", "off", "enabled", "disabled", "bearer", "basic", "digest", "jwt", "oauth", "oauth2",
      "apikey", "value", "foo", "bar", "baz", "foobar", "test", "testing", "fake", "invalid",
      "unknown", "anonymous", "guest", "public", "private", "hmac", "user", "username", "na",
      "mypassword", "yourpassword", "credentials", "credential", "secretkey", "accesstoken",
      "authorization", "auth", "none");
  private static final Pattern PLACEHOLDER_SHAPE = Pattern.compile(
      "(?is)"
          + "\\$\\{.*}|\\$\\(.*\\)|#\\{.*}|\\{\\{.*}}|<[^<>]*>|@[\\w.-]+@|%[\\w.-]+%"
          + "|\\$[A-Za-z_][A-Za-z0-9_]*|\\$\\{?\\w+}?"
          + "|ENC\\(.*\\)|\\{cipher}.*|vault:.*|env:.*|secret:.*|arn:aws:.*|ssm:.*|sm://.*"
          + "|(your|my|insert|enter|put|add|replace|set|some|a|the)[-_ ]?(own[-_ ]?)?"
          + "(real[-_ ]?)?(secret|password|pass|pwd|token|api[-_ ]?key|key|client[-_ ]?secret"
          + "|access[-_ ]?key|credentials?)([-_ ]?(here|value))?"
          + "|[x*.#?_-]{3,}|x+[-_]?x+.*|\\*+.*\\*+");
  /** A hash a password encoder wrote, not the password: bcrypt, PHC strings, delegating ids. */
  private static final Pattern HASHED = Pattern.compile(
      "\\$2[abxy]?\\$\\d\\d\\$.*|\\$(argon2(id|i|d)|pbkdf2[-\\w]*|scrypt|s[0-9]|[156])\\$.*"
          + "|\\{(bcrypt|pbkdf2|scrypt|argon2|sha256|SHA|SSHA|MD5|ldap|MD4|sha-?\\w*)}.*");
  private static final Pattern FORMAT_TEMPLATE =
      Pattern.compile(".*(%[-#+ 0,(]*\\d*(\\.\\d+)?[sdfxXbcn]|\\{\\d*}|\\{\\}).*");
  private static final Pattern PATH_OR_URL = Pattern.compile(
      "(?i)[a-z][a-z0-9+.-]*:(//|/).*|/[\\w.${}-].*|\\.{1,2}/.*|~/.*|classpath\\*?:.*|file:.*"
          + "|[a-z]:\\\\.*|.*\\.(jks|p12|pfx|pem|key|crt|cer|der|keystore|truststore|properties"
          + "|ya?ml|json|xml|txt|conf|cfg|ini|env|html?|jsp|java|class|jar)");
  /** A name written as a value: {@code db.password}, {@code X-API-KEY}, {@code access_token}. */
  private static final Pattern IDENTIFIER_WORDS =
      Pattern.compile("[A-Za-z][A-Za-z]*([._:\\-/][A-Za-z][A-Za-z]*)+");
  private static final Pattern UPPER_IDENTIFIER = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");
  /** Algorithm, transformation and curve names that secret-adjacent names hold. */
  private static final Pattern ALGORITHM = Pattern.compile(
      "(?i)(hmac)?(sha|md)[-_]?\\d+(with\\w+)?|hmac\\w+|pbkdf2\\w*|pbe(with)?\\w*"
          + "|(aes|des|desede|tripledes|rsa|ecdsa?|dsa|ec|blowfish|chacha20|rc4|arcfour)"
          + "([-_/]\\w+)*|[hrep]s(256|384|512)|argon2\\w*|bcrypt|scrypt|[ex](25519|448)"
          + "|secp\\d+[rk]1|prime256v1");

  private static final Pattern WORD_BOUNDARY = Pattern.compile(
      "[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])");

  private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{([^:{}]+):([^{}]*)}");

  /** Well-known credential formats, by what they are; each anchored on its issuer's prefix. */
  private static final Map<String, Pattern> WELL_KNOWN = orderedFormats();

  private static Map<String, Pattern> orderedFormats() {
    java.util.LinkedHashMap<String, Pattern> formats = new java.util.LinkedHashMap<>();
    formats.put("PEM private key", Pattern.compile(
        "-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----"
            + "[\\s\\\\n]*(Proc-Type:[^\\n]*\\s+DEK-Info:[^\\n]*\\s+|Version:[^\\n]*\\s+)?"
            + "([A-Za-z0-9+/=]{16,}[\\s\\\\n]*){2,}"));
    formats.put("AWS access key id",
        Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])"));
    formats.put("GitHub token",
        Pattern.compile("(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})"));
    formats.put("GitLab personal access token",
        Pattern.compile("(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}"));
    formats.put("Slack token",
        Pattern.compile("(?<![A-Za-z0-9])xox[baprse]-[0-9]{6,}-[0-9A-Za-z-]{8,}"));
    formats.put("Slack webhook URL", Pattern.compile(
        "https://hooks\\.slack\\.com/(services|workflows)/T[A-Z0-9]{6,}/[A-Z0-9]{6,}/[A-Za-z0-9]{16,}"));
    formats.put("Stripe live key",
        Pattern.compile("(?<![A-Za-z0-9])(sk|rk)_live_[0-9A-Za-z]{16,}"));
    formats.put("Google API key",
        Pattern.compile("(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"));
    formats.put("SendGrid API key",
        Pattern.compile("(?<![A-Za-z0-9])SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"));
    formats.put("Twilio API key",
        Pattern.compile("(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])"));
    formats.put("npm access token",
        Pattern.compile("(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"));
    formats.put("signed JWT", Pattern.compile(
        "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}"));
    formats.put("password in a URL", Pattern.compile(
        "(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@\"'{}<>]+:(?<pw>[^/\\s@\"'{}<>]{3,})@[\\w.-]+"));
    formats.put("password in a connection string",
        Pattern.compile("(?i)[?&;](password|pwd)=(?<pw>[^&;\\s\"']{3,})"));
    formats.put("API key in a URL", Pattern.compile(
        "(?i)[?&](api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|secret|token"
            + "|key)=(?<key>[^&#\\s\"']{16,})"));
    formats.put("HTTP Basic credentials",
        Pattern.compile("^\\s*Basic\\s+(?<basic>[A-Za-z0-9+/]{8,}={0,2})\\s*$"));
    formats.put("bearer token",
        Pattern.compile("^\\s*Bearer\\s+(?<key>[A-Za-z0-9+/=_.~-]{16,})\\s*$"));
    formats.put("inline credential setting", Pattern.compile(
        "^\\s*-?D?(?<name>[A-Za-z][\\w.-]*)\\s*[=:]\\s*(?<setting>[^\\s=]+)\\s*$"));
    return java.util.Collections.unmodifiableMap(formats);
  }

  private SecretPatterns() {}

  // ---------------------------------------------------------------------------------- names

  /** True when {@code name} says it holds a secret; see {@link #nameStrength}. */
  public static boolean isSecretName(String name) {
    return nameStrength(name) != Strength.NONE;
  }

  /**
   * How strongly a variable, field, parameter, property key or header name says it holds a
   * secret. camelCase, snake_case, UPPER_CASE, dotted and dashed names are split into words; the
   * last secret word decides, and only neutral words may follow it.
   */
  public static Strength nameStrength(String name) {
    if (name == null || name.isBlank() || name.length() > 120 || name.indexOf(' ') >= 0) {
      return Strength.NONE;
    }
    List<String> words = words(name);
    int last = -1;
    Strength strength = Strength.NONE;
    for (int i = 0; i < words.size(); i++) {
      Strength here = wordStrength(words, i);
      if (here != Strength.NONE) {
        last = i;
        strength = here;
      }
    }
    if (last < 0) {
      return Strength.NONE;
    }
    for (int i = last + 1; i < words.size(); i++) {
      String word = words.get(i);
      if (!NEUTRAL_SUFFIXES.contains(word) && !word.chars().allMatch(Character::isDigit)) {
        return Strength.NONE; // passwordPolicy, TOKEN_HEADER, secretName, apiKeyUrl
      }
    }
    int head = headOf(words, last);
    if (head > 0 && NEGATING_PREFIXES.contains(words.get(head - 1))) {
      return Strength.NONE; // nextPageToken, hashedPassword, csrfToken
    }
    return strength;
  }

  /** The first word of the secret phrase ending at {@code index} ("api" for api|key). */
  private static int headOf(List<String> words, int index) {
    return words.get(index).equals("key") ? index - 1 : index;
  }

  private static Strength wordStrength(List<String> words, int i) {
    String word = words.get(i);
    if (HUMAN_SECRET_WORDS.contains(word)) {
      return Strength.ANY_VALUE;
    }
    if (ISSUED_SECRET_WORDS.contains(word)) {
      return Strength.RANDOM_VALUE;
    }
    if ((word.equals("key") || word.equals("keys")) && i > 0
        && KEY_QUALIFIERS.contains(words.get(i - 1))) {
      return HUMAN_KEY_QUALIFIERS.contains(words.get(i - 1))
          ? Strength.ANY_VALUE : Strength.RANDOM_VALUE;
    }
    return Strength.NONE;
  }

  /** Lower-case words of a name in any of the usual conventions. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    for (String part : WORD_BOUNDARY.split(name)) {
      if (!part.isEmpty()) {
        words.add(part.toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }

  // -------------------------------------------------------------------------------- formats

  /**
   * The kind of well-known credential found anywhere in {@code value} ("AWS access key id",
   * "GitHub token", "PEM private key"...), when its body is not a run of filler characters.
   */
  public static Optional<String> wellKnownToken(String value,
      io.github.bulwark.core.config.BulwarkConfig config) {
    if (value != null) {
      for (java.util.Map.Entry<String, Pattern> custom : config.secretPatterns().entrySet()) {
        if (custom.getValue().matcher(value).find()) {
          return Optional.of(custom.getKey());
        }
      }
    }
    return wellKnownToken(value);
  }

  /**
   * The kind of well-known credential found anywhere in {@code value}, by the built-in formats.
   */
  public static Optional<String> wellKnownToken(String value) {
    if (value == null || value.length() < 16) {
      return Optional.empty();
    }
    for (Map.Entry<String, Pattern> format : WELL_KNOWN.entrySet()) {
      if (!mayMatch(format.getKey(), value)) {
        continue;
      }
      Matcher matcher = format.getValue().matcher(value);
      while (matcher.find()) {
        String kind = format.getKey();
        if (kind.equals("API key in a URL") || kind.equals("bearer token")) {
          if (looksLikeRealSecret(matcher.group("key"))) {
            return Optional.of(kind);
          }
        } else if (kind.equals("HTTP Basic credentials")) {
          if (isBasicCredentials(matcher.group("basic"))) {
            return Optional.of(kind);
          }
        } else if (kind.equals("inline credential setting")) {
          // "db.password=S3cret" in a string: a configuration line written into the code.
          if (isSecretAssignment(matcher.group("name"), matcher.group("setting"))) {
            return Optional.of("credential setting");
          }
        } else if (format.getKey().startsWith("password in")) {
          String password = matcher.group("pw");
          if (isPlausiblePassword(password) && !password.startsWith("$")
              && !password.contains("%")) {
            return Optional.of(format.getKey());
          }
        } else if (distinctCharacters(bodyOf(matcher.group())) >= 8) {
          return Optional.of(format.getKey()); // not AKIAXXXXXXXXXXXXXXXX
        }
      }
    }
    return Optional.empty();
  }

  /**
   * False when a format cannot match {@code value} because text every match contains is missing:
   * this runs for every string literal of every file, and most are messages that need no regex.
   */
  private static boolean mayMatch(String kind, String value) {
    return switch (kind) {
      case "PEM private key" -> value.contains("-----BEGIN ");
      case "AWS access key id" -> value.contains("AKIA") || value.contains("ASIA")
          || value.contains("ABIA") || value.contains("ACCA");
      case "GitHub token" -> value.contains("gh");
      case "GitLab personal access token" -> value.contains("glpat-");
      case "Slack token" -> value.contains("xox");
      case "Slack webhook URL" -> value.contains("https://hooks.slack.com/");
      case "Stripe live key" -> value.contains("_live_");
      case "Google API key" -> value.contains("AIza");
      case "SendGrid API key" -> value.contains("SG.");
      case "Twilio API key" -> value.contains("SK");
      case "npm access token" -> value.contains("npm_");
      case "signed JWT" -> value.contains("eyJ");
      case "password in a URL" -> value.contains("://") && value.indexOf('@') >= 0;
      case "password in a connection string" -> {
        // The pattern is case-insensitive for ASCII letters only, which lower-casing covers.
        String lower = value.toLowerCase(Locale.ROOT);
        yield lower.contains("password=") || lower.contains("pwd=");
      }
      case "API key in a URL" -> value.indexOf('=') >= 0
          && (value.indexOf('?') >= 0 || value.indexOf('&') >= 0);
      case "HTTP Basic credentials" -> value.contains("Basic");
      case "bearer token" -> value.contains("Bearer");
      default -> true;
    };
  }

  /** The part of a match after a PEM header, or the whole match. */
  private static String bodyOf(String match) {
    int header = match.lastIndexOf("-----");
    return header < 0 ? match : match.substring(header + 5);
  }

  // --------------------------------------------------------------------------------- values

  /**
   * True for values that stand in for a secret: empty, {@code ${...}} and other references to
   * configuration or the environment, {@code <...>}, {@code changeme}, {@code xxx}, {@code ***},
   * {@code TODO}, {@code your-api-key-here}, encrypted ({@code ENC(...)}) and hashed values.
   */
  public static boolean isPlaceholder(String value) {
    if (value == null) {
      return true;
    }
    String v = value.strip();
    if (v.isEmpty()) {
      return true;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    return PLACEHOLDER_WORDS.contains(lower)
        || PLACEHOLDER_SHAPE.matcher(v).matches()
        || HASHED.matcher(v).matches()
        || lower.contains("changeme") || lower.contains("change_me") || lower.contains("todo")
        || lower.contains("replace") && lower.contains("me")
        || lower.startsWith("your") || lower.startsWith("<") || lower.startsWith("${")
        || distinctCharacters(v) <= 2;
  }

  /**
   * True when a value could be a human-chosen secret: not a placeholder, reference, path, URL,
   * format template, identifier, algorithm name or sentence. A name that says "password" needs
   * no more than this: {@code "hunter2"}, {@code "admin123"}, {@code "S3cr3t!"}.
   */
  public static boolean isPlausiblePassword(String value) {
    if (value == null || isPlaceholder(value)) {
      return false;
    }
    String v = value.startsWith("{noop}") ? value.substring(6) : value;
    if (v.length() < 4 || v.length() > 512 || isPlaceholder(v)) {
      return false;
    }
    if (v.chars().anyMatch(Character::isWhitespace) || v.chars().anyMatch(Character::isISOControl)) {
      return false; // sentences, messages, lists
    }
    if (PATH_OR_URL.matcher(v).matches() || FORMAT_TEMPLATE.matcher(v).matches()
        || isSequential(v)) {
      return false;
    }
    if (UPPER_IDENTIFIER.matcher(v).matches() && !v.chars().anyMatch(Character::isDigit)) {
      return false; // DB_PASSWORD: the name of an environment variable
    }
    if (IDENTIFIER_WORDS.matcher(v).matches()) {
      return false; // db.password, X-Api-Key, spring.datasource.password, text/plain
    }
    if (v.matches("[A-Za-z_.-]+") && isSecretName(v) || NON_SECRET_WORDS.contains(normalise(v))) {
      return false; // "apiKey", "accessToken", "Password"
    }
    return !ALGORITHM.matcher(v).matches(); // HmacSHA256, AES/GCM/NoPadding, HS512
  }

  /**
   * True when a value looks like a machine-issued secret (token, API key, client secret): a
   * plausible value of at least 16 characters from a token alphabet, without long runs of a
   * sequence, with letters and digits (or mixed case) and a Shannon entropy of at least 3 bits
   * per character. Use it where the name alone is weak.
   */
  public static boolean looksLikeRealSecret(String value) {
    if (wellKnownToken(value).isPresent()) {
      return true;
    }
    if (!isPlausiblePassword(value)) {
      return false;
    }
    String v = value;
    if (v.length() < 16 || !v.matches("[A-Za-z0-9+/=_.~:!@#%^&*?$-]+")) {
      return false;
    }
    boolean mixed = hasDigitAndLetter(v)
        || (v.chars().anyMatch(Character::isUpperCase) && v.chars().anyMatch(Character::isLowerCase)
            && v.length() >= 24);
    return mixed && entropy(v) >= 3.0;
  }

  /**
   * True when {@code value}, held by something called {@code name}, is a hard-coded secret: a
   * well-known token format, or a secret name with a value that fits it (plausible for names of
   * human-chosen secrets, random-looking for issued ones) and that is not the name itself.
   */
  public static boolean isSecretAssignment(String name, String value) {
    if (value == null) {
      return false;
    }
    if (wellKnownToken(value).isPresent()) {
      return true;
    }
    Optional<String[]> defaulted = placeholderDefault(value);
    if (defaulted.isPresent()) {
      String key = defaulted.get()[0];
      return isSecretName(key) && isSecretAssignment(key, defaulted.get()[1]);
    }
    Strength strength = nameStrength(name);
    if (strength == Strength.NONE || sameWords(name, value)) {
      return false;
    }
    return strength == Strength.ANY_VALUE ? isPlausiblePassword(value)
        : looksLikeRealSecret(value);
  }

  /**
   * The key and default of a {@code ${key:default}} placeholder whose default is written in: a
   * secret with extra steps.
   */
  public static Optional<String[]> placeholderDefault(String value) {
    Matcher matcher = PLACEHOLDER_DEFAULT.matcher(value.strip());
    return matcher.matches()
        ? Optional.of(new String[] {matcher.group(1), matcher.group(2)}) : Optional.empty();
  }

  /** Shannon entropy of the characters of {@code value}, in bits per character. */
  public static double entropy(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    Map<Integer, Integer> counts = new java.util.HashMap<>();
    value.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    double length = value.codePointCount(0, value.length());
    double bits = 0;
    for (int count : counts.values()) {
      double p = count / length;
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }

  /** True when Basic credentials decode to {@code user:password}. */
  static boolean isBasicCredentials(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded.strip()),
          java.nio.charset.StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon > 0 && decoded.chars().noneMatch(Character::isISOControl)
          && isPlausiblePassword(decoded.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      return false; // not Base64: not Basic credentials
    }
  }

  private static boolean sameWords(String name, String value) {
    String n = normalise(name);
    String v = normalise(value);
    return v.equals(n) || (!v.isEmpty() && n.endsWith(v) && v.length() <= 8);
  }

  private static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static boolean hasDigitAndLetter(String v) {
    return v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter);
  }

  private static long distinctCharacters(String v) {
    return v.chars().distinct().count();
  }

  /** Eight or more consecutive characters that step by one: an alphabet, not a secret. */
  private static boolean isSequential(String v) {
    int run = 1;
    for (int i = 1; i < v.length(); i++) {
      run = v.charAt(i) == v.charAt(i - 1) + 1 ? run + 1 : 1;
      if (run >= 8) {
        return true;
      }
    }
    return false;
  }
}
