package io.github.bulwark.rules;

import io.github.bulwark.core.model.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixture source file and the findings its markers demand. A line ending in
 * {@code // expect: RuleId[, RuleId]} must be flagged by those rules; a line with {@code // ok:}
 * is a trap that must not be. Markers are read from the raw text, so no line number is written
 * twice.
 */
record Fixture(Path path, String family, Set<String> expected, int traps) {

  private static final Pattern EXPECT = Pattern.compile("(?://|#|<!--)\\s*expect:\\s*([A-Za-z0-9_, ]+)");
  private static final Pattern TRAP = Pattern.compile("(?://|#|<!--)\\s*ok:");
  private static final Pattern MARKER = Pattern.compile("(?://|#|<!--)\\s*(expect|ok):.*$");

  static Fixture load(Path path, String family) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> expected = new TreeSet<>();
    int traps = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher matcher = EXPECT.matcher(lines.get(i));
      if (matcher.find()) {
        for (String id : matcher.group(1).split("[,\\s]+")) {
          if (!id.isBlank()) {
            expected.add(marker(i + 1, id.trim()));
          }
        }
      }
      if (TRAP.matcher(lines.get(i)).find()) {
        traps++;
      }
    }
    return new Fixture(path, family, expected, traps);
  }

  /**
   * The fixture's text with its marker comments blanked out (same lines and columns), so that a
   * marker never acts as the explanatory comment a rule may look for.
   */
  String withoutMarkers() {
    try {
      StringBuilder text = new StringBuilder();
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        Matcher matcher = MARKER.matcher(line);
        text.append(matcher.find()
            ? line.substring(0, matcher.start()).stripTrailing() : line).append('\n');
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String marker(int line, String ruleId) {
    return String.format("%05d %s", line, ruleId);
  }

  /** The rule ids the markers name. */
  Set<String> markedRules() {
    Set<String> ids = new TreeSet<>();
    for (String marker : expected) {
      ids.add(marker.substring(6));
    }
    return ids;
  }

  static Set<String> asMarkers(Collection<Finding> findings) {
    Set<String> markers = new TreeSet<>();
    for (Finding finding : findings) {
      markers.add(marker(finding.line(), finding.ruleId()));
    }
    return markers;
  }

  /** Lists missing and unexpected findings as file:line: RuleId, each with the message. */
  String diff(Set<String> actual, Collection<Finding> findings) {
    List<String> report = new ArrayList<>();
    for (String marker : expected) {
      if (!actual.contains(marker)) {
        report.add("missing    " + describe(marker));
      }
    }
    for (String marker : actual) {
      if (!expected.contains(marker)) {
        String message = findings.stream()
            .filter(f -> marker(f.line(), f.ruleId()).equals(marker))
            .map(Finding::message).findFirst().orElse("");
        report.add("unexpected " + describe(marker) + " -- " + message);
      }
    }
    return path.getFileName() + ":\n  " + String.join("\n  ", report);
  }

  private String describe(String marker) {
    return path.getFileName() + ":" + Integer.parseInt(marker.substring(0, 5)) + ": "
        + marker.substring(6);
  }

  @Override
  public String toString() {
    return family + "/" + path.getFileName();
  }
}
