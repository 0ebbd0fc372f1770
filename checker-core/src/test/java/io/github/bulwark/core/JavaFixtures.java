package io.github.bulwark.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every Java source the project's tests and sample use: a corpus of many styles for checks. */
public final class JavaFixtures {

  private JavaFixtures() {}

  /** The .java files under core's and the rules' test resources and the sample project. */
  public static List<Path> everyJavaSource() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (Path root : List.of(Path.of("src/test/resources"), Path.of("../rules/src/test/resources"),
        Path.of("../sample-project"))) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
        }
      }
    }
    assertTrue(sources.size() > 10, "fixtures found: " + sources.size());
    return sources;
  }
}
