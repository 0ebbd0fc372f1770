package io.github.bulwark.core.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Baselines over real scans: what stays baselined across edits, what is new, what is fixed. */
class BaselineTest {

  @TempDir Path dir;

  private static final String ORIGINAL = """
      package com.acme;
      class Service {
        void load(String id) {
          danger(id);
        }
        void other() {
          int x = 1; risky();
        }
      }
      """;

  private ScanResult scan(String name, String text) {
    SourceTree tree = new SourceTree(dir.resolve(name));
    tree.write("src/com/acme/Service.java", text);
    return tree.scan(TestRules.standard());
  }

  @Test
  void insertingLinesAboveAndReformattingAnotherMethodKeepsFindingsBaselined() throws Exception {
    Baseline baseline = Baseline.from(scan("before", ORIGINAL));
    assertEquals(2, baseline.entries().size());
    Path file = baseline.write(dir.resolve("bulwark-baseline.json"));

    String edited = """
        package com.acme;
        import java.util.List;

        /** Added documentation. */
        class Service {
          private final List<String> names = List.of();

          void load(String id) {
            danger(id);
          }
          void other()
          {
            int x = 1;
            risky();
          }
        }
        """;
    Baseline.Comparison comparison = Baseline.read(file).apply(scan("after", edited));
    assertEquals(List.of(), comparison.newFindings());
    assertEquals(2, comparison.baselined().size());
    assertEquals(List.of(), comparison.fixed());
    assertEquals("Baseline: 0 new, 2 baselined, 0 fixed", comparison.describe());
  }

  @Test
  void aNewFindingIsNewAndAFixedOneIsListedAsNoLongerOccurring() throws Exception {
    Baseline baseline = Baseline.from(scan("before", ORIGINAL));
    String changed = ORIGINAL.replace("int x = 1; risky();", "int x = 1;")
        .replace("danger(id);", "danger(id);\n    danger(\"more\");");
    Baseline.Comparison comparison = baseline.apply(scan("after", changed));

    assertEquals(List.of("DangerCall"),
        comparison.newFindings().stream().map(f -> f.ruleId()).toList());
    assertEquals(1, comparison.baselined().size());
    assertEquals(1, comparison.fixed().size());
    Baseline.Entry fixed = comparison.fixed().get(0);
    assertEquals("src/com/acme/Service.java:7: [RiskyCall] risky() is called", fixed.describe());
    assertTrue(comparison.describe().contains("1 fixed (no longer occur"),
        comparison.describe());
  }

  @Test
  void writingIsDeterministicAndSorted() throws IOException {
    ScanResult result = scan("one", ORIGINAL);
    Baseline forwards = Baseline.from(result);
    List<Baseline.Entry> reversed = new java.util.ArrayList<>(forwards.entries());
    java.util.Collections.reverse(reversed);
    Baseline backwards = Baseline.of(reversed);
    assertEquals(forwards.toJson(), backwards.toJson());
    String json = forwards.toJson();
    assertTrue(json.startsWith("{\n  \"version\": 1,\n  \"tool\": \"bulwark\",\n"), json);
    assertTrue(json.indexOf("\"line\": 4") < json.indexOf("\"line\": 7"), json);
    Path a = forwards.write(dir.resolve("a.json"));
    Path b = backwards.write(dir.resolve("nested/b.json"));
    assertEquals(Files.readString(a), Files.readString(b));
  }

  @Test
  void roundTripsThroughTheFile() throws Exception {
    Baseline baseline = Baseline.from(scan("one", ORIGINAL));
    Path file = baseline.write(dir.resolve(Baseline.DEFAULT_FILE_NAME));
    assertEquals(baseline.entries(), Baseline.read(file).entries());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not json at all | is not valid JSON",
      "{\"version\":1,\"tool\":\"bulwark\",\"entries\":[],} | is not valid JSON",
      "{\"version\":1,\"entries\":[]} trailing | is not valid JSON",
      "[1,2] | the top level is not a JSON object",
      "'' | the top level is not a JSON object",
      "{\"tool\":\"bulwark\",\"entries\":[]} | has no numeric 'version'",
      "{\"version\":2,\"tool\":\"bulwark\",\"entries\":[]} | has version 2, but this Bulwark reads"
          + " version 1",
      "{\"version\":1,\"tool\":\"sonar\",\"entries\":[]} | 'tool' is \"sonar\"",
      "{\"version\":1,\"tool\":\"bulwark\"} | has no 'entries' array",
      "{\"version\":1,\"entries\":[42]} | entry 1 is not a JSON object",
      "{\"version\":1,\"entries\":[{\"ruleId\":\"A\",\"file\":\"F\",\"line\":3,\"message\":\"m\"}]}"
          + " | entry 1 has no 'fingerprint'",
      "{\"version\":1,\"entries\":[{\"ruleId\":\"A\",\"fingerprint\":\"f\",\"file\":\"F\","
          + "\"line\":\"three\",\"message\":\"m\"}]} | has a 'line' that is not a line number",
      "{\"version\":1,\"entries\":[{\"ruleId\":7,\"fingerprint\":\"f\",\"file\":\"F\","
          + "\"line\":3,\"message\":\"m\"}]} | has a 'ruleId' that is not a string",
  })
  void corruptOrHandEditedFilesGiveAClearErrorNamingTheFile(String text, String expected)
      throws IOException {
    Path file = dir.resolve("bulwark-baseline.json");
    Files.writeString(file, text);
    BaselineException error = assertThrows(BaselineException.class, () -> Baseline.read(file));
    assertTrue(error.getMessage().startsWith("baseline file " + file), error.getMessage());
    assertTrue(error.getMessage().contains(expected), error.getMessage());
    assertTrue(error.getMessage().contains("bulwark baseline"), "says what to do: "
        + error.getMessage());
  }

  @Test
  void aMissingFileSaysHowToCreateIt() {
    Path file = dir.resolve("nope.json");
    BaselineException error = assertThrows(BaselineException.class, () -> Baseline.read(file));
    assertTrue(error.getMessage().contains(file + " does not exist"), error.getMessage());
    assertTrue(error.getMessage().contains("mvn bulwark:baseline"), error.getMessage());
  }
}
