package io.github.bulwark.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's bulwark.yml switches rules off, changes severities and adds excludes. */
class ConfiguredScanTest {

  private static final RuleRegistry REGISTRY = RuleRegistry.of(List.of(
      new TestRules.DangerCall(), new TestRules.RiskyCall()));

  @TempDir Path project;

  @Test
  void configurationShapesTheScan() throws IOException {
    Files.createDirectories(project.resolve("src/legacy"));
    Files.writeString(project.resolve("src/A.java"),
        "class A { void f() { danger(); risky(); } }\n");
    Files.writeString(project.resolve("src/legacy/B.java"),
        "class B { void f() { danger(); } }\n");
    Files.writeString(project.resolve("bulwark.yml"), String.join("\n",
        "rules:", "  disable: [RiskyCall]", "  severity: {DangerCall: critical}",
        "exclude: [\"**/legacy/**\"]", ""));
    BulwarkConfig config = new ConfigLoader(REGISTRY).loadFrom(project);
    ScanResult result = new Engine(REGISTRY).scan(ScanRequest.builder().root(project)
        .config(config).build());
    assertEquals(List.of("DangerCall"), result.findings().stream().map(Finding::ruleId).toList());
    assertEquals(Severity.CRITICAL, result.findings().get(0).severity());
    assertTrue(result.findings().get(0).file().endsWith("src/A.java"));
    assertEquals(List.of("DangerCall"), result.rules().stream().map(r -> r.id()).toList());
    assertEquals(Severity.CRITICAL, result.rules().get(0).severity());
  }
}
