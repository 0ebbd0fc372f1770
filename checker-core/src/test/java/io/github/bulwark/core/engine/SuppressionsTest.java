package io.github.bulwark.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppressions in source: {@code @SuppressWarnings("bulwark:RuleId")} on any enclosing
 * declaration and {@code // bulwark:ignore RuleId} comments. The fixture marks each line that
 * must still be flagged with {@code expect: RuleId}; equality is exact both ways.
 */
class SuppressionsTest {

  @TempDir Path dir;

  @Test
  void findingsMatchTheMarkers() throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/Suppressions.java")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    SourceTree tree = new SourceTree(dir);
    tree.write("Suppressions.java", text);
    var result = tree.scan(TestRules.standard());

    List<String> expected = sorted(SourceTree.expectedMarkers("Suppressions.java", text));
    List<String> actual = sorted(SourceTree.markers(result));
    assertEquals(expected, actual, () -> diff(expected, actual));
    assertEquals(List.of(), result.diagnostics());
  }

  private static List<String> sorted(List<String> markers) {
    List<String> copy = new ArrayList<>(markers);
    copy.sort(null);
    return copy;
  }

  private static String diff(List<String> expected, List<String> actual) {
    List<String> missing = new ArrayList<>(expected);
    actual.forEach(missing::remove);
    List<String> unexpected = new ArrayList<>(actual);
    expected.forEach(unexpected::remove);
    return "missing " + missing + ", unexpected " + unexpected;
  }
}
