package io.github.bulwark.core.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {

  @Test
  void splitsLikeTheRegexItReplaces() {
    for (String text : List.of("", "a", "a\n", "a\r\nb", "a\rb\n", "\n\n", "\r\r\n\r",
        "x\r\n\r\ny", "no newline at end", "tab\tand \u2028 are not line ends\n")) {
      assertArrayEquals(text.split("\r\n|\r|\n", -1), Lines.of(text), () -> "'" + text + "'");
    }
  }
}
