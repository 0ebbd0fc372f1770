package io.github.bulwark.core.model;

/** A 1-based, inclusive line/column range in a source file (columns count characters). */
public record SourceRange(int startLine, int startColumn, int endLine, int endColumn)
    implements Comparable<SourceRange> {

  public SourceRange {
    if (startLine < 1 || startColumn < 1 || endLine < startLine
        || (endLine == startLine && endColumn < startColumn)) {
      throw new IllegalArgumentException("bad range " + startLine + ":" + startColumn + "-"
          + endLine + ":" + endColumn);
    }
  }

  public static SourceRange line(int line) {
    return new SourceRange(line, 1, line, 1);
  }

  @Override
  public int compareTo(SourceRange other) {
    int c = Integer.compare(startLine, other.startLine);
    if (c == 0) c = Integer.compare(startColumn, other.startColumn);
    if (c == 0) c = Integer.compare(endLine, other.endLine);
    if (c == 0) c = Integer.compare(endColumn, other.endColumn);
    return c;
  }
}
