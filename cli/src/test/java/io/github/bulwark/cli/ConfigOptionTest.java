package io.github.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark.yml is found above the scanned folder, can be named or ignored, and bad ones exit 2. */
class ConfigOptionTest {

  @TempDir Path dir;

  private int run(StringWriter out, StringWriter err, String... args) {
    return BulwarkCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path project() throws IOException {
    Files.createDirectories(dir.resolve(".git"));
    Path sources = Files.createDirectories(dir.resolve("module/src"));
    Files.writeString(sources.resolve("Quiet.java"), String.join("\n",
        "class Quiet {", "  void f(java.io.InputStream in) {",
        "    try { in.read(); } catch (java.io.IOException e) { }", "  }", "}", ""));
    return sources;
  }

  @Test
  void nearestConfigurationApplies() throws IOException {
    Path sources = project();
    Files.writeString(dir.resolve("bulwark.yml"), "rules:\n  severity: {SwallowedException: high}\n");
    StringWriter out = new StringWriter();
    assertEquals(1, run(out, new StringWriter(), "scan", sources.toString()),
        "severity raised to high by bulwark.yml fails the default threshold");
    assertTrue(out.toString().contains("HIGH [SwallowedException]"), out.toString());

    StringWriter ignored = new StringWriter();
    assertEquals(0, run(ignored, new StringWriter(), "scan", sources.toString(), "--no-config"));
    assertTrue(ignored.toString().contains("MEDIUM [SwallowedException]"), ignored.toString());
  }

  @Test
  void disabledRuleDoesNotRun() throws IOException {
    Path sources = project();
    Path config = Files.writeString(dir.resolve("custom.yml"),
        "rules:\n  disable: [SwallowedException]\n");
    StringWriter out = new StringWriter();
    assertEquals(0, run(out, new StringWriter(), "scan", sources.toString(), "--config",
        config.toString()));
    assertFalse(out.toString().contains("[SwallowedException]"), out.toString());
  }

  @Test
  void badConfigurationIsUsageError() throws IOException {
    Path sources = project();
    Files.writeString(dir.resolve("bulwark.yml"), "rules:\n  disable: [NoSuchRule]\n");
    StringWriter err = new StringWriter();
    assertEquals(2, run(new StringWriter(), err, "scan", sources.toString()));
    assertTrue(err.toString().contains("rules.disable: unknown rule id 'NoSuchRule'"),
        err.toString());
  }
}
