package io.github.bulwark.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.taint.SinkKind;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark.yml: what it accepts, and the clear errors for what it does not. */
class ConfigLoaderTest {

  private static final RuleRegistry REGISTRY = RuleRegistry.of(List.of(
      new TestRules.DangerCall(), new TestRules.RiskyCall()));
  private final ConfigLoader loader = new ConfigLoader(REGISTRY);

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("bulwark.yml"), yaml);
  }

  private String error(String yaml) throws IOException {
    Path file = write(yaml);
    return assertThrows(IllegalArgumentException.class, () -> loader.load(file)).getMessage();
  }

  @Test
  void readsEverySection() throws IOException {
    BulwarkConfig config = loader.load(write(String.join("\n",
        "rules:",
        "  disable: [RiskyCall]",
        "  severity:",
        "    DangerCall: low",
        "exclude:",
        "  - \"**/legacy/**\"",
        "taint:",
        "  sources: [\"RequestContext#param\", readInput]",
        "  sanitizers:",
        "    \"SqlQuoting#quote\": [SQL, log]",
        "secrets:",
        "  patterns:",
        "    ACME token: \"acme_[A-Za-z0-9]{32}\"",
        "")));
    assertEquals(Set.of("RiskyCall"), config.disabledRules());
    assertEquals(Severity.LOW, config.severities().get("DangerCall"));
    assertEquals(List.of("**/legacy/**"), config.excludes());
    assertTrue(config.isTaintSource("RequestContext", "param"));
    assertTrue(config.isTaintSource("Anything", "readInput"));
    assertEquals(Set.of(SinkKind.SQL, SinkKind.LOG), config.sanitizes("SqlQuoting", "quote"));
    assertTrue(config.secretPatterns().get("ACME token").matcher(
        "acme_0123456789abcdefghijABCDEFGHIJ01").matches());
  }

  @Test
  void emptyOrMissingFileIsEmptyConfig() throws IOException {
    assertEquals(BulwarkConfig.EMPTY, loader.loadFrom(dir));
    assertEquals(BulwarkConfig.EMPTY, loader.load(write("# nothing yet\n")));
  }

  @Test
  void mistakesNameTheKeyAndTheAllowedValues() throws IOException {
    assertTrue(error("rulez:\n  disable: [DangerCall]\n")
        .contains("rulez: unknown key; allowed here: exclude, rules, secrets, taint"));
    assertTrue(error("rules:\n  disable: [NoSuchRule]\n")
        .contains("rules.disable: unknown rule id 'NoSuchRule'; known rules: DangerCall, RiskyCall"));
    assertTrue(error("rules:\n  severity: {DangerCall: severe}\n")
        .contains("rules.severity.DangerCall: unknown severity 'severe'"));
    assertTrue(error("taint:\n  sanitizers: {\"X#y\": [SQLL]}\n")
        .contains("taint.sanitizers.X#y: unknown sink kind 'SQLL'"));
    assertTrue(error("secrets:\n  patterns: {bad: \"(unclosed\"}\n")
        .contains("secrets.patterns.bad: not a valid regular expression"));
    assertTrue(error("rules: [DangerCall]\n").contains("rules: must be a mapping"));
    assertTrue(error("rules:\n  disable: [DangerCall\n").contains("not valid YAML"));
    assertTrue(error("rules: {}\nrules: {}\n").contains("not valid YAML"));
  }

  @Test
  void findsTheNearestFileUpToTheRepositoryRoot() throws IOException {
    Files.createDirectories(dir.resolve(".git"));
    Path module = Files.createDirectories(dir.resolve("services/orders"));
    assertTrue(ConfigLoader.find(module).isEmpty());
    write("rules:\n  disable: [RiskyCall]\n");
    assertEquals(dir.resolve("bulwark.yml").toAbsolutePath(), ConfigLoader.find(module).get());
  }
}
