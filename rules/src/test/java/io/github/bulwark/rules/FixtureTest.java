package io.github.bulwark.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.rule.RuleDescriptor;
import io.github.bulwark.core.rule.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the real engine over every fixture with the rules of the fixture's family (and any rule
 * its markers name) and demands exact equality with the markers: a miss fails, and so does a
 * finding on an unmarked line.
 */
class FixtureTest {

  private static final RuleRegistry REGISTRY = RuleRegistry.load();

  static Stream<Fixture> fixtures() {
    return Fixtures.all().stream();
  }

  @TempDir Path scratch;

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void findingsMatchMarkers(Fixture fixture) throws IOException {
    List<String> rules = rulesUnderTest(fixture);
    assertFalse(rules.isEmpty(), "no rule of family '" + fixture.family() + "' exists");
    Path source = scratch.resolve(fixture.path().getFileName());
    Files.writeString(source, fixture.withoutMarkers(), StandardCharsets.UTF_8);
    ScanResult result = new Engine(REGISTRY).scan(ScanRequest.builder()
        .root(source)
        .rules(rules)
        .build());
    assertTrue(result.diagnostics().isEmpty(),
        () -> "fixture must parse cleanly: " + result.diagnostics());
    Set<String> actual = Fixture.asMarkers(result.findings());
    assertEquals(fixture.expected(), actual, () -> fixture.diff(actual, result.findings()));
  }

  private static List<String> rulesUnderTest(Fixture fixture) {
    Set<String> ids = new TreeSet<>(fixture.markedRules());
    for (RuleDescriptor descriptor : REGISTRY.descriptors()) {
      if (descriptor.family().label().equals(fixture.family())) {
        ids.add(descriptor.id());
      }
    }
    return new ArrayList<>(ids);
  }
}
