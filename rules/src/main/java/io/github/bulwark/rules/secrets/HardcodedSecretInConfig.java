package io.github.bulwark.rules.secrets;

import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.LineFindings;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.rule.TextFile;
import io.github.bulwark.core.rule.TextFileRule;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags credentials written into configuration files ({@code *.properties}, {@code *.yml},
 * {@code *.yaml}, {@code *.xml}, {@code .env}): a key that says secret with a value that fits it
 * ({@code spring.datasource.password=hunter2}, {@code client-secret: ...}), a well-known token
 * format anywhere on a line, and a secret written in as the default of a {@code ${KEY:default}}
 * placeholder. Files are read line by line, so a malformed file is still scanned and a minified
 * one-line file gives findings with a column. Test resources are skipped.
 */
@RuleInfo(
    id = "HardcodedSecretInConfig",
    family = Family.SECRETS,
    title = "Credential written into a configuration file",
    cwe = {798, 260},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.HIGH,
    description = "Configuration files are committed, copied into images and shipped in jars: a "
        + "password or key written there is readable by everyone with the repository or the "
        + "artifact, and stays valid long after it leaks.",
    fix = "Replace the value with a reference resolved at run time (${DB_PASSWORD} with no "
        + "default) and read it with Secrets.require(\"DB_PASSWORD\") from the environment, a "
        + "system property or a mounted secret file.",
    helper = "io.github.bulwark.runtime.Secrets")
public final class HardcodedSecretInConfig implements TextFileRule {

  private static final Pattern PROPERTY =
      Pattern.compile("^\\s*(?<key>[^#!=:\\s][^=:\\s]*)\\s*[=:\\s]\\s*(?<value>.*?)\\s*$");
  private static final Pattern YAML = Pattern.compile(
      "^(?<indent>\\s*)(?:-\\s+)?(?<key>[\\w.\\-\"']+)\\s*:(?:\\s+(?<value>.*?))?\\s*$");
  private static final Pattern XML_ELEMENT = Pattern.compile(
      "<(?<key>[\\w.:\\-]+)(?:\\s[^>]*)?>(?<value>[^<]{1,512})</\\k<key>>");
  private static final Pattern XML_ATTRIBUTE =
      Pattern.compile("(?<key>[\\w.:\\-]+)\\s*=\\s*\"(?<value>[^\"]{1,512})\"");
  private static final Pattern XML_NAME_VALUE = Pattern.compile(
      "(?:name|key)\\s*=\\s*\"(?<key>[^\"]{1,128})\"[^>]*?value\\s*=\\s*\"(?<value>[^\"]{1,512})\"");
  private static final Pattern XML_ENTRY_TEXT = Pattern.compile(
      "<(?:entry|property|param-value|env-entry-value)[^>]*(?:key|name)\\s*=\\s*\"(?<key>[^\"]{1,128})\"[^>]*>(?<value>[^<]{1,512})<");

  @Override
  public boolean accepts(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return name.endsWith(".properties") || name.endsWith(".yml") || name.endsWith(".yaml")
        || (name.endsWith(".xml") && !name.equals("pom.xml")) || name.equals(".env")
        || name.endsWith(".env");
  }

  @Override
  public void check(TextFile file, LineFindings findings) {
    if (file.isTestResource()) {
      return; // test fixtures carry fake credentials on purpose
    }
    String name = file.fileName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      yaml(file.lines(), findings, file.config());
    } else if (name.endsWith(".xml")) {
      xml(file.lines(), findings, file.config());
    } else {
      properties(file.lines(), findings, file.config());
    }
  }

  private void properties(List<String> lines, LineFindings findings,
      io.github.bulwark.core.config.BulwarkConfig config) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
        continue;
      }
      Matcher matcher = PROPERTY.matcher(line);
      if (matcher.matches()) {
        String key = matcher.group("key");
        String value = unquote(matcher.group("value"));
        if (judge(key, value, i + 1, line.indexOf(matcher.group("value")) + 1, findings, config)) {
          continue;
        }
      }
      wellKnown(line, i + 1, findings, config);
    }
  }

  private void yaml(List<String> lines, LineFindings findings,
      io.github.bulwark.core.config.BulwarkConfig config) {
    Deque<int[]> indents = new ArrayDeque<>();
    Deque<String> keys = new ArrayDeque<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.equals("---")) {
        continue;
      }
      Matcher matcher = YAML.matcher(stripComment(line));
      if (!matcher.matches()) {
        wellKnown(line, i + 1, findings, config);
        continue;
      }
      int indent = matcher.group("indent").length();
      while (!indents.isEmpty() && indents.peek()[0] >= indent) {
        indents.pop();
        keys.pop();
      }
      String key = unquote(matcher.group("key"));
      String value = matcher.group("value") == null ? "" : unquote(matcher.group("value"));
      if (value.isEmpty() || value.equals("|") || value.equals(">")) {
        indents.push(new int[] {indent});
        keys.push(key);
        continue;
      }
      List<String> path = new java.util.ArrayList<>(keys);
      java.util.Collections.reverse(path);
      path.add(key);
      String dotted = String.join(".", path);
      if (!judge(dotted, value, i + 1, line.indexOf(matcher.group("value")) + 1, findings, config)) {
        wellKnown(line, i + 1, findings, config);
      }
    }
  }

  private void xml(List<String> lines, LineFindings findings,
      io.github.bulwark.core.config.BulwarkConfig config) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean found = false;
      for (Pattern pattern : List.of(XML_NAME_VALUE, XML_ENTRY_TEXT, XML_ELEMENT, XML_ATTRIBUTE)) {
        Matcher matcher = pattern.matcher(line);
        while (matcher.find() && !found) {
          String key = matcher.group("key");
          String value = unescapeXml(matcher.group("value").trim());
          found = judge(key, value, i + 1, matcher.start("value") + 1, findings, config);
        }
        if (found) {
          break;
        }
      }
      if (!found) {
        wellKnown(line, i + 1, findings, config);
      }
    }
  }

  /** Reports a secret held by {@code key}; true when something was reported. */
  private static boolean judge(String key, String value, int line, int column,
      LineFindings findings, io.github.bulwark.core.config.BulwarkConfig config) {
    if (value.isEmpty()) {
      return false;
    }
    Optional<String[]> placeholder = SecretPatterns.placeholderDefault(value);
    if (placeholder.isPresent()) {
      String innerKey = placeholder.get()[0];
      String fallback = placeholder.get()[1];
      if (SecretPatterns.isSecretAssignment(key, fallback)
          || SecretPatterns.isSecretAssignment(innerKey, fallback)) {
        findings.report(line, Math.max(column, 1), Math.max(column, 1) + value.length() - 1,
            "'%s' falls back to a literal credential in its ${...:default}", key);
        return true;
      }
      return false;
    }
    Optional<String> token = SecretPatterns.wellKnownToken(value, config);
    if (token.isPresent()) {
      findings.report(line, Math.max(column, 1), Math.max(column, 1) + value.length() - 1,
          "'%s' holds a credential in a well-known format (%s)", key, token.get());
      return true;
    }
    if (SecretPatterns.isSecretAssignment(key, value)) {
      findings.report(line, Math.max(column, 1), Math.max(column, 1) + value.length() - 1,
          "'%s' holds a literal credential", key);
      return true;
    }
    return false;
  }

  /**
   * A well-known token format anywhere on the line, e.g. inside a minified file: reported at the
   * column of the token itself, so a one-line file still points at the secret.
   */
  private static void wellKnown(String line, int lineNumber, LineFindings findings,
      io.github.bulwark.core.config.BulwarkConfig config) {
    if (line.length() < 16) {
      return;
    }
    Optional<String> kind = SecretPatterns.wellKnownToken(line, config);
    if (kind.isEmpty()) {
      return;
    }
    Matcher token = TOKEN.matcher(line);
    while (token.find()) {
      if (SecretPatterns.wellKnownToken(token.group(), config).isPresent()) {
        findings.report(lineNumber, token.start() + 1, token.end(),
            "line holds a credential in a well-known format (%s)", kind.get());
        return;
      }
    }
    findings.report(lineNumber, 1, Math.max(1, line.length()),
        "line holds a credential in a well-known format (%s)", kind.get());
  }

  /** Runs of characters a token can be made of, between quotes, commas and brackets. */
  private static final Pattern TOKEN = Pattern.compile("[^\\s\"'`,;<>{}()\\[\\]]{16,}");

  private static String stripComment(String line) {
    int hash = line.indexOf(" #");
    return hash >= 0 ? line.substring(0, hash) : line;
  }

  private static String unquote(String value) {
    String v = value.trim();
    if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\""))
        || (v.startsWith("'") && v.endsWith("'")))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static String unescapeXml(String value) {
    return value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&apos;", "'").replace("&amp;", "&");
  }
}
