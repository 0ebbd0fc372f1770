package io.github.bulwark.rules.docs;

import io.github.bulwark.core.report.FixExamples;
import io.github.bulwark.core.rule.RuleDescriptor;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.suppression.SuppressionWithoutReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates {@code docs/rules/<RuleId>.md} for every rule on the class path (and the built-in
 * {@code SuppressionWithoutReason}) from the rule's metadata and its fixtures: lines marked
 * {@code expect: RuleId} are "flagged" examples, {@code ok:} lines of the same fixtures "not
 * flagged" ones. Run {@code main} (or {@code mvn -pl rules test -Dbulwark.docs.write=true}) to
 * write the pages; {@link RuleDocsTest} fails when a page is missing or stale.
 */
public final class RuleDocs {

  static final String REGENERATE = "mvn -pl rules test -Dbulwark.docs.write=true";
  private static final int MAX_EXAMPLES = 3;
  private static final Pattern EXPECT =
      Pattern.compile("(?://|#|<!--)\\s*expect:\\s*([A-Za-z0-9_, ]+)");
  private static final Pattern OK = Pattern.compile("(?://|#|<!--)\\s*ok:\\s*(.*?)\\s*(?:-->)?$");
  private static final Pattern MARKER = Pattern.compile("\\s*(?://|#|<!--)\\s*(expect|ok):.*$");

  /** One example line: the code, the fixture it is from, and (for traps) why it is safe. */
  record Example(String code, String fixture, String note) {}

  private final Path fixtures;

  RuleDocs(Path fixtures) {
    this.fixtures = fixtures;
  }

  /** Every rule the docs cover, in id order. */
  static List<RuleDescriptor> rules() {
    List<RuleDescriptor> rules = new ArrayList<>(RuleRegistry.load().descriptors());
    rules.add(SuppressionWithoutReason.DESCRIPTOR);
    rules.sort(Comparator.comparing(RuleDescriptor::id));
    return rules;
  }

  /** {@code file name -> text} of every page: one per rule and the README index. */
  Map<String, String> pages() {
    Map<String, String> pages = new LinkedHashMap<>();
    List<RuleDescriptor> rules = rules();
    for (RuleDescriptor rule : rules) {
      pages.put(rule.id() + ".md", page(rule));
    }
    pages.put("README.md", index(rules));
    return pages;
  }

  String page(RuleDescriptor rule) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(rule.id()).append(": ").append(rule.title()).append("\n\n")
        .append("| | |\n|---|---|\n")
        .append("| Severity | ").append(rule.severity().label()).append(" |\n")
        .append("| Confidence | ").append(rule.confidence().label()).append(" |\n")
        .append("| Family | ").append(rule.family().label()).append(" |\n")
        .append("| CWE | ");
    List<String> cwes = new ArrayList<>();
    for (int cwe : rule.cwes()) {
      cwes.add("[CWE-" + cwe + "](" + rule.cweUri(cwe) + ")");
    }
    md.append(String.join(", ", cwes)).append(" |\n")
        .append("| OWASP Top 10 | [").append(rule.owasp().code()).append(' ')
        .append(rule.owasp().title()).append("](").append(rule.owasp().uri()).append(") |\n");
    if (!rule.helper().isEmpty()) {
      md.append("| Runtime helper | `").append(rule.helper()).append("` |\n");
    }
    if (!rule.aliases().isEmpty()) {
      md.append("| Former ids | ").append(String.join(", ", rule.aliases())).append(" |\n");
    }
    md.append("\n## Why it matters\n\n").append(rule.description()).append("\n\n")
        .append("## Fix\n\n").append(rule.fix()).append('\n');
    FixExamples.after(rule).ifPresent(code ->
        md.append("\n```java\n").append(code).append("\n```\n"));

    List<Example> flagged = new ArrayList<>();
    List<Example> safe = new ArrayList<>();
    examples(rule.id(), flagged, safe);
    md.append("\n## Examples\n");
    if (flagged.isEmpty() && safe.isEmpty()) {
      md.append("\nThis rule has no fixture examples yet.\n");
    }
    if (!flagged.isEmpty()) {
      md.append("\nFlagged:\n\n");
      codeBlock(md, flagged, false);
    }
    if (!safe.isEmpty()) {
      md.append("\nNot flagged:\n\n");
      codeBlock(md, safe, true);
    }
    md.append("\n## Suppressing\n\nWhen a finding is a false positive, say why next to it:\n\n")
        .append("```java\n// bulwark:ignore ").append(rule.id())
        .append(" -- the reason a reviewer can check\n```\n\n")
        .append("or `@SuppressWarnings(\"bulwark:").append(rule.id())
        .append("\")` on the enclosing declaration with a `// reason` comment.")
        .append(" Suppressed findings are still listed (HTML, SARIF) with their reason.\n\n")
        .append("---\nGenerated from the rule's metadata and fixtures by `").append(REGENERATE)
        .append("`; edit the rule, not this page.\n");
    return md.toString();
  }

  private static void codeBlock(StringBuilder md, List<Example> examples, boolean withNote) {
    String language = examples.get(0).fixture().endsWith(".java") ? "java" : "";
    md.append("```").append(language).append('\n');
    for (Example example : examples) {
      md.append(example.code());
      String comment = language.equals("java") ? "  // " : "  # ";
      md.append(comment).append(withNote && !example.note().isEmpty()
          ? "ok: " + example.note() + " (" : "(").append(example.fixture()).append(")\n");
    }
    md.append("```\n");
  }

  /** Flagged lines from anywhere; safe lines from the fixtures that also flag this rule. */
  private void examples(String ruleId, List<Example> flagged, List<Example> safe) {
    for (Path file : fixtureFiles()) {
      List<String> lines = read(file);
      String name = fixtures.relativize(file).toString().replace('\\', '/');
      boolean flagsRule = false;
      for (String line : lines) {
        Matcher expect = EXPECT.matcher(line);
        if (expect.find() && List.of(expect.group(1).trim().split("[,\\s]+")).contains(ruleId)) {
          flagsRule = true;
          if (flagged.size() < MAX_EXAMPLES) {
            flagged.add(new Example(code(line), name, ""));
          }
        }
      }
      if (!flagsRule) {
        continue;
      }
      for (String line : lines) {
        Matcher ok = OK.matcher(line);
        if (ok.find() && safe.size() < MAX_EXAMPLES && !code(line).isEmpty()) {
          safe.add(new Example(code(line), name, ok.group(1).trim()));
        }
      }
    }
  }

  private static String code(String line) {
    return MARKER.matcher(line).replaceFirst("").strip();
  }

  private List<Path> fixtureFiles() {
    try (Stream<Path> files = Files.walk(fixtures)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }

  static String index(List<RuleDescriptor> rules) {
    StringBuilder md = new StringBuilder("# Bulwark rules\n\n")
        .append("Every rule, with its severity, family and what it detects. Each page has the"
            + " risk, the fix with the bulwark-runtime helper, CWE and OWASP links, and examples"
            + " from the rule's fixtures.\n\n")
        .append("| Rule | Severity | Family | Title |\n|---|---|---|---|\n");
    for (RuleDescriptor rule : rules) {
      md.append("| [").append(rule.id()).append("](").append(rule.id()).append(".md) | ")
          .append(rule.severity().label()).append(" | ").append(rule.family().label())
          .append(" | ").append(rule.title().replace("|", "\\|")).append(" |\n");
    }
    md.append("\n---\nGenerated by `").append(REGENERATE).append("`.\n");
    return md.toString();
  }

  /** Writes every page under {@code directory}; returns the files written. */
  List<Path> write(Path directory) throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> page : pages().entrySet()) {
      Path file = directory.resolve(page.getKey());
      Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }

  /** {@code RuleDocs [fixturesDir] [docsDir]}, by default as seen from the rules module. */
  public static void main(String[] args) throws IOException {
    Path fixtures = Path.of(args.length > 0 ? args[0] : "src/test/resources/fixtures");
    Path docs = Path.of(args.length > 1 ? args[1] : "../docs/rules");
    new RuleDocs(fixtures).write(docs).forEach(System.out::println);
  }
}
