package io.github.bulwark.core.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.report.HtmlReport;
import io.github.bulwark.core.report.SarifReport;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scans of one tree, on one thread and on many, give byte-identical SARIF (it holds no
 * timestamp) and, with the clock fixed, byte-identical HTML.
 */
class DeterminismTest {

  @TempDir Path dir;

  @Test
  void oneThreadAndAllCoresGiveByteIdenticalReports() throws IOException, URISyntaxException {
    SourceTree tree = new SourceTree(dir);
    Path seeds = Path.of(DeterminismTest.class.getResource("/fuzz-seeds").toURI());
    try (Stream<Path> files = Files.list(seeds)) {
      for (Path seed : files.toList()) {
        String text = Files.readString(seed);
        // Each seed three times in different folders, with identical twins inside one file.
        for (String folder : List.of("a", "b/c", "d e")) {
          tree.write("src/" + folder + "/" + seed.getFileName(), text);
        }
      }
    }
    tree.write("src/Broken.java", "class Broken { void m( { }\n");
    tree.write("src/Twins.java",
        "class Twins { void m(String q) { danger(q); danger(q); risky(); risky(); } }\n");
    RuleRegistry rules = RuleRegistry.of(List.of(new TestRules.DangerCall(),
        new TestRules.RiskyCall(), new HostileRules.TaintProbe()));
    Engine engine = new Engine(rules);
    ScanRequest.Builder request = tree.request();
    ScanResult serial = engine.scan(request.threads(1).build());
    ScanResult parallel = engine.scan(request.threads(
        Math.max(4, Runtime.getRuntime().availableProcessors())).build());

    assertFalse(serial.findings().isEmpty());
    assertTrue(serial.parseErrors() >= 1);
    SarifReport sarif = new SarifReport("test");
    String first = sarif.render(serial);
    assertFalse(first.matches("(?s).*\"(startTimeUtc|endTimeUtc|timeUtc)\".*"),
        "SARIF holds no timestamp");
    assertEquals(first, sarif.render(parallel));
    Clock fixed = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertEquals(new HtmlReport("test", fixed).render(serial),
        new HtmlReport("test", fixed).render(parallel));
  }
}
