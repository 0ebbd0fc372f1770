package io.github.bulwark.core.source;

import java.util.ArrayList;
import java.util.List;

/** Splits text into lines as editors and JavaParser count them: at CR LF, CR or LF. */
public final class Lines {

  private Lines() {}

  /**
   * The lines of {@code text}, without their terminators; a final terminator leaves an empty
   * last line (as {@code split(regex, -1)} would, at a fraction of its cost on every file).
   */
  public static String[] of(String text) {
    List<String> lines = new ArrayList<>(text.length() / 40 + 1);
    int start = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
    return lines.toArray(new String[0]);
  }
}
