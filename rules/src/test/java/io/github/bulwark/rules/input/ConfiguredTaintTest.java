package io.github.bulwark.rules.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bulwark.core.config.BulwarkConfig;
import io.github.bulwark.core.config.ConfigLoader;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.rule.RuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taint sources and sanitizers a project declares in bulwark.yml take part in the analysis. */
class ConfiguredTaintTest {

  private static final String DAO = String.join("\n",
      "class ReportDao {",
      "  java.sql.Connection connection;",
      "  RequestContext context;",
      "  void run() throws Exception {",
      "    String table = context.param(\"table\");",
      "    connection.createStatement().execute(\"SELECT * FROM \" + table);",            // 6
      "    String quoted = SqlQuoting.quote(context.param(\"name\"));",
      "    connection.createStatement().execute(\"SELECT * FROM t WHERE n = \" + quoted);", // 8
      "  }",
      "}", "");

  @TempDir Path project;

  private List<Integer> scan(String yaml) throws IOException {
    Files.writeString(project.resolve("ReportDao.java"), DAO);
    Files.writeString(project.resolve("bulwark.yml"), yaml);
    RuleRegistry registry = RuleRegistry.load();
    BulwarkConfig config = new ConfigLoader(registry).loadFrom(project);
    return new Engine(registry).scan(ScanRequest.builder().root(project).config(config)
            .rules(List.of("SqlInjection")).build())
        .findings().stream().map(Finding::line).toList();
  }

  @Test
  void unknownMethodsAreNotSources() throws IOException {
    assertEquals(List.of(), scan("rules: {}\n"));
  }

  @Test
  void configuredSourceAndSanitizer() throws IOException {
    assertEquals(List.of(6), scan(String.join("\n", "taint:",
        "  sources: [\"RequestContext#param\"]",
        "  sanitizers: {\"SqlQuoting#quote\": [SQL]}", "")));
  }

  @Test
  void configuredSourceWithoutTheSanitizer() throws IOException {
    assertEquals(List.of(6, 8), scan("taint:\n  sources: [\"RequestContext#param\"]\n"));
  }
}
