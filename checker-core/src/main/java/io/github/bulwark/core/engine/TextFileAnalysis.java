package io.github.bulwark.core.engine;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.model.Suppression;
import io.github.bulwark.core.rule.LineFindings;
import io.github.bulwark.core.rule.RuleDescriptor;
import io.github.bulwark.core.rule.TextFile;
import io.github.bulwark.core.rule.TextFileRule;
import io.github.bulwark.core.source.SourceFile;
import io.github.bulwark.core.source.SourceReader;
import io.github.bulwark.core.source.SourceText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the text-file rules over one configuration file: decoded like a source file, binary files
 * skipped with a warning, a {@code bulwark:ignore RuleId} comment (any comment syntax) on the
 * line or alone on the line above honoured, fingerprints from the rule, the file and the
 * normalised line so they survive edits elsewhere in the file.
 */
final class TextFileAnalysis {

  private static final Pattern IGNORE = Pattern.compile("bulwark:ignore(?![\\w-])([^\\n]*)");
  private static final Pattern COMMENT_ONLY = Pattern.compile("\\s*(#|!|//|<!--|/\\*|\\*).*");

  private TextFileAnalysis() {}

  static FileAnalyzer.FileOutcome analyse(SourceFile file, byte[] bytes, SourceReader reader,
      RuleDispatcher dispatcher, List<Diagnostic> diagnostics) {
    String name = file.relativePath();
    if (looksBinary(bytes)) {
      diagnostics.add(new Diagnostic(Diagnostic.Kind.ENCODING_WARNING, name, 0, 0,
          "binary content (NUL bytes); not scanned as text"));
      return new FileAnalyzer.FileOutcome(List.of(), diagnostics, false, 0);
    }
    SourceText source = reader.decode(bytes);
    source.warning().ifPresent(warning ->
        diagnostics.add(new Diagnostic(Diagnostic.Kind.ENCODING_WARNING, name, 0, 0, warning)));
    List<String> lines = Arrays.asList(io.github.bulwark.core.source.Lines.of(source.text()));
    TextFile text = new TextFile(name, lines, dispatcher.config());
    List<Finding> findings = new ArrayList<>();
    Map<String, Integer> occurrences = new HashMap<>();
    for (TextFileRule rule : dispatcher.textRulesFor(text.fileName())) {
      RuleDescriptor descriptor = dispatcher.descriptorFor(rule);
      LineFindings sink = (line, start, end, format, args) -> {
        if (line < 1 || line > lines.size()) {
          return;
        }
        // A suppressed finding is kept with its suppression; ScanResult lists it apart.
        Suppression suppression = ignoring(lines, line, descriptor);
        String content = lines.get(line - 1);
        String normalised = content.replaceAll("\\s+", " ").trim();
        int occurrence = occurrences.merge(descriptor.id() + '\n' + normalised, 1, Integer::sum);
        int startColumn = Math.max(1, start);
        int endColumn = Math.max(startColumn, end);
        findings.add(new Finding(descriptor.id(), descriptor.severity(), descriptor.confidence(),
            name, new SourceRange(line, startColumn, line, endColumn), format(format, args),
            descriptor.fix(), Fingerprints.hash(descriptor.id(), name, normalised, occurrence),
            List.of(), suppression));
      };
      try {
        rule.check(text, sink);
      } catch (RuntimeException | StackOverflowError e) {
        diagnostics.add(new Diagnostic(Diagnostic.Kind.ENGINE_ERROR, name, 0, 0,
            "rule " + descriptor.id() + " failed: " + e + " (the other rules and files were"
                + " checked)"));
      }
    }
    long lineCount = source.text().isEmpty() ? 0
        : lines.get(lines.size() - 1).isEmpty() ? lines.size() - 1 : lines.size();
    Map<String, String> properties = text.fileName().endsWith(".properties")
        && !text.isTestResource() ? properties(source.text()) : Map.of();
    return new FileAnalyzer.FileOutcome(findings, diagnostics, true, lineCount, List.of(),
        List.of(), properties);
  }

  /** The key/value pairs of a properties file, read the way java.util.Properties reads them. */
  private static Map<String, String> properties(String text) {
    java.util.Properties loaded = new java.util.Properties();
    try {
      loaded.load(new java.io.StringReader(text));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Map.of(); // a malformed file still had its lines scanned above
    }
    Map<String, String> values = new HashMap<>();
    for (String key : loaded.stringPropertyNames()) {
      values.put(key, loaded.getProperty(key));
    }
    return values;
  }

  private static boolean looksBinary(byte[] bytes) {
    int limit = Math.min(bytes.length, 8192);
    boolean utf16 = bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFF);
    if (utf16) {
      return false;
    }
    for (int i = 0; i < limit; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** The {@code bulwark:ignore} comment on the line or alone above it that names the rule. */
  private static Suppression ignoring(List<String> lines, int line, RuleDescriptor rule) {
    if (ignores(lines.get(line - 1), rule)) {
      return suppression(lines.get(line - 1), line);
    }
    if (line >= 2) {
      String above = lines.get(line - 2);
      if (COMMENT_ONLY.matcher(above).matches() && ignores(above, rule)) {
        return suppression(above, line - 1);
      }
    }
    return null;
  }

  private static Suppression suppression(String text, int line) {
    Matcher matcher = IGNORE.matcher(text);
    matcher.find();
    // An XML comment's closing "-->" is not the start of a reason.
    String rest = matcher.group(1).replace("-->", " ");
    int dashes = rest.indexOf("--");
    String reason = dashes < 0 ? "" : rest.substring(dashes + 2).replace("*/", " ").strip();
    return new Suppression(Suppression.Kind.COMMENT, reason,
        new SourceRange(line, matcher.start() + 1, line, Math.max(matcher.end(), 1)),
        matcher.group(0).replace("-->", " ").replace("*/", " ").replaceAll("\\s+", " ").strip());
  }

  private static boolean ignores(String text, RuleDescriptor rule) {
    Matcher matcher = IGNORE.matcher(text);
    if (!matcher.find()) {
      return false;
    }
    String ids = matcher.group(1);
    int reason = ids.indexOf("--");
    if (reason >= 0) {
      ids = ids.substring(0, reason);
    }
    ids = ids.replace("-->", " ").replace("*/", " ").trim();
    if (ids.isEmpty()) {
      return true;
    }
    for (String id : ids.split("[,\\s]+")) {
      if (rule.answersTo(id.trim())) {
        return true;
      }
    }
    return false;
  }

  private static String format(String format, Object[] args) {
    if (args == null || args.length == 0) {
      return format;
    }
    try {
      return String.format(Locale.ROOT, format, args);
    } catch (IllegalFormatException e) {
      return format;
    }
  }
}
