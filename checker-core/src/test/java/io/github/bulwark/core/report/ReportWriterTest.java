package io.github.bulwark.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports land in files whole, under the names the options promise. */
class ReportWriterTest {

  @TempDir Path dir;

  @Test
  void writesEachFormatAndLeavesNoTemporaryFiles() throws IOException {
    ScanResult result = new ScanResult(dir, TestRules.standard().descriptors(),
        List.of(ConsoleReportTest.finding("DangerCall", Severity.HIGH, "A.java", 2, 3,
            "danger() is called", "fix it")),
        List.of(), 1, 1, 5, Duration.ofMillis(3));
    Path out = dir.resolve("reports/nested");
    List<Path> written = new ReportWriter("0.1.0")
        .writeAll(List.of(ReportFormat.TEXT, ReportFormat.SARIF), result, out);

    assertEquals(List.of(out.resolve("bulwark.txt").toAbsolutePath(),
        out.resolve("bulwark.sarif").toAbsolutePath()), written);
    assertEquals(new ConsoleReport().render(result),
        Files.readString(written.get(0), StandardCharsets.UTF_8));
    assertEquals("DangerCall", JsonParser.parseString(Files.readString(written.get(1)))
        .getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject()
        .getAsJsonArray("results").get(0).getAsJsonObject().get("ruleId").getAsString());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(2, files.count(), "only the two reports remain");
    }

    // Writing again replaces the file instead of failing or appending.
    new ReportWriter("0.1.0").write(ReportFormat.TEXT, result, written.get(0));
    assertTrue(Files.readString(written.get(0)).startsWith("A.java:2:3: HIGH [DangerCall]"));
    assertEquals(new ConsoleReport().render(result), Files.readString(written.get(0)));
  }
}
