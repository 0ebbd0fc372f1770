package io.github.bulwark.core.rule;

import java.util.List;

/**
 * A decoded text file as a rule sees it.
 *
 * @param path relative path as reports print it, '/' separated
 * @param lines the file's lines without terminators (1-based line n is {@code lines.get(n - 1)})
 */
public record TextFile(String path, List<String> lines,
    io.github.bulwark.core.config.BulwarkConfig config) {

  public TextFile(String path, List<String> lines) {
    this(path, lines, io.github.bulwark.core.config.BulwarkConfig.EMPTY);
  }

  public TextFile {
    lines = List.copyOf(lines);
  }

  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** True for files under a test source or resource folder. */
  public boolean isTestResource() {
    String p = "/" + path;
    return p.contains("/src/test/") || p.contains("/test/") || p.contains("/tests/");
  }
}
