package io.github.bulwark.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the fixture files under {@code fixtures/<family>/} on the test class path. */
final class Fixtures {

  private Fixtures() {}

  static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Java sources and the configuration formats text-file rules read. */
  static boolean isFixture(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(".java") || name.endsWith(".properties") || name.endsWith(".yml")
        || name.endsWith(".yaml") || name.endsWith(".xml") || name.endsWith(".env");
  }

  static List<Fixture> all() {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Fixtures::isFixture)
          .sorted()
          .map(p -> Fixture.load(p, root.relativize(p).getName(0).toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
