package io.github.bulwark.core.testing;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.rule.RuleRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A throw-away source tree in a temporary directory, and scans over it. */
public final class SourceTree {

  private static final Pattern EXPECT = Pattern.compile("//.*\\bexpect: ([A-Za-z0-9, ]+)");

  private final Path root;

  public SourceTree(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Writes UTF-8 text to {@code relative}, creating folders; returns the path. */
  public Path write(String relative, String text) {
    return writeBytes(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  public Path writeBytes(String relative, byte[] bytes) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request over the whole tree, paths relative to it. */
  public ScanRequest.Builder request() {
    return ScanRequest.builder().root(root).baseDirectory(root);
  }

  public ScanResult scan(RuleRegistry rules) {
    return new Engine(rules).scan(request().build());
  }

  /** {@code file:line RuleId} for each finding, in report order. */
  public static List<String> markers(ScanResult result) {
    return result.findings().stream()
        .map(f -> f.file() + ":" + f.line() + " " + f.ruleId()).toList();
  }

  /** {@code file:line RuleId} for each {@code // expect: RuleId} marker in a source text. */
  public static List<String> expectedMarkers(String file, String text) {
    List<String> expected = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = EXPECT.matcher(lines[i]);
      if (matcher.find()) {
        for (String id : matcher.group(1).split("[,\\s]+")) {
          if (!id.isBlank()) {
            expected.add(file + ":" + (i + 1) + " " + id.trim());
          }
        }
      }
    }
    return expected;
  }

  /** Findings as {@code line:col RuleId message}, for readable assertions. */
  public static List<String> describe(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.file() + ":" + f.line() + ":" + f.column() + " " + f.ruleId() + " "
            + f.message())
        .toList();
  }
}
