package io.github.bulwark.core.hostile;

import static io.github.bulwark.core.hostile.Hostile.assertAccountedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bulwark.core.baseline.Baseline;
import io.github.bulwark.core.baseline.BaselineException;
import io.github.bulwark.core.cache.ResultCache;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.report.HtmlReport;
import io.github.bulwark.core.report.SarifReport;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scanned code is attacker-controlled text: its literals reach finding messages and its file
 * names reach every report. Reports must carry them as data (escaped, round-tripping exactly),
 * the cache and the baseline must survive garbage in their files, and nothing scanned runs.
 */
class SafeReportsTest {

  /** Script payloads, both quotes, a terminal escape, NUL, CR/LF and the JavaScript separators. */
  private static final String PAYLOAD = "</script><script>alert(1)</script>"
      + "<img src=x onerror=alert('x')>\\\"'`${7*7}\\u001b[31mred\\u0000nul\\r\\nforged"
      + "\\u2028ls\\u2029ps&amp;&#x3c;";

  /** The same payload as the finding message shows it, Java escapes decoded. */
  private static final String DECODED = "</script><script>alert(1)</script>"
      + "<img src=x onerror=alert('x')>\"'`${7*7}\u001b[31mred\u0000nul\r\nforged"
      + "\u2028ls\u2029ps&amp;&#x3c;";

  private static final String FILE_NAME =
      "src/<svg onload=alert(1)> & \"q\" 'a' \u2028\u00fc\u4e2d.java";

  @TempDir Path dir;

  private ScanResult hostileScan() {
    SourceTree tree = new SourceTree(dir);
    tree.write(FILE_NAME, "class Evil {\n  void m() {\n    danger(\"" + PAYLOAD + "\");\n"
        + "  }\n}\n");
    ScanResult result = new Engine(TestRules.standard()).scan(tree.request().build());
    assertAccountedFor(result);
    assertEquals(1, result.findings().size(), () -> Hostile.describe(result.diagnostics())
        .toString());
    assertEquals("danger() is called with '" + DECODED + "'", result.findings().get(0).message());
    return result;
  }

  @Test
  void sarifCarriesHostileMessagesAndFileNamesExactlyAsEscapedJson() {
    ScanResult result = hostileScan();
    String sarif = new SarifReport("test").render(result);

    for (char c : sarif.toCharArray()) {
      assertTrue(c >= 0x20 || c == '\n' || c == '\r' || c == '\t',
          "raw control character " + (int) c + " in the SARIF");
    }
    assertFalse(sarif.contains("\u2028") || sarif.contains("\u2029"),
        "raw line separators break JavaScript consumers of the JSON");

    JsonObject run = JsonParser.parseString(sarif).getAsJsonObject()
        .getAsJsonArray("runs").get(0).getAsJsonObject();
    JsonArray results = run.getAsJsonArray("results");
    assertEquals(1, results.size());
    JsonObject first = results.get(0).getAsJsonObject();
    Finding finding = result.findings().get(0);
    assertEquals(finding.message(),
        first.getAsJsonObject("message").get("text").getAsString());
    String uri = first.getAsJsonArray("locations").get(0).getAsJsonObject()
        .getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation")
        .get("uri").getAsString();
    URI parsed = URI.create(uri); // a valid URI reference, or this throws
    assertEquals(FILE_NAME, parsed.getPath());
  }

  @Test
  void htmlReportEscapesHostileMessagesAndFileNames() {
    ScanResult result = hostileScan();
    Clock fixed = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    String html = new HtmlReport("test", fixed).render(result);

    assertFalse(html.contains("<script>alert"), "payload script element");
    assertFalse(html.contains("<img src=x"), "payload img element");
    assertFalse(html.contains("<svg onload"), "payload in the file name");
    assertFalse(html.contains("\u0000"), "NUL");
    assertFalse(html.contains("\u001b"), "terminal escape");
    assertFalse(html.contains("\u2028") || html.contains("\u2029"), "JavaScript separators");
    assertEquals(1, count(html, "<script"), "only the report's own script");
    assertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"), "payload shown as text");
  }

  @Test
  void garbageInTheCacheAndBaselineFilesIsDiscardedOrRefusedNeverRun() throws IOException {
    SourceTree tree = new SourceTree(dir);
    tree.write("src/A.java", "class A { void m() { danger(); } }\n");
    Path cacheDir = dir.resolve("cache");
    List<String> warnings = new ArrayList<>();
    ResultCache cache = ResultCache.in(cacheDir, warnings::add);
    ScanResult first = new Engine(TestRules.standard())
        .scan(tree.request().cache(cache).build());
    List<Path> cacheFiles;
    try (var files = Files.list(cacheDir)) {
      cacheFiles = files.toList();
    }
    assertFalse(cacheFiles.isEmpty(), "the cache wrote a file");
    byte[][] garbage = {
        new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 's', 'r'}, // a Java serialization stream
        "{\"version\": 1, \"entries\": {\"src/A.java\": {\"sha256\": 7}}".getBytes(
            StandardCharsets.UTF_8),
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            .repeat(20_000).getBytes(StandardCharsets.UTF_8),
        new byte[0],
    };
    for (byte[] bytes : garbage) {
      for (Path file : cacheFiles) {
        Files.write(file, bytes);
      }
      ScanResult again = new Engine(TestRules.standard())
          .scan(tree.request().cache(ResultCache.in(cacheDir, warnings::add)).build());
      assertEquals(first.findings(), again.findings());
    }

    Path baseline = dir.resolve(Baseline.DEFAULT_FILE_NAME);
    for (byte[] bytes : garbage) {
      Files.write(baseline, bytes);
      assertThrows(BaselineException.class, () -> Baseline.read(baseline));
    }
  }

  @Test
  void scannedCodeIsNeverLoadedOrRun() {
    SourceTree tree = new SourceTree(dir);
    // If any of this ran, the test JVM would exit and the build would fail loudly.
    tree.write("src/Boom.java", """
        class Boom {
          static { System.exit(3); }
          Boom() { Runtime.getRuntime().halt(4); }
          public static void main(String[] args) { System.exit(5); }
          void m() { danger(); }
        }
        """);
    ScanResult result = new Engine(TestRules.standard()).scan(tree.request().build());
    assertEquals(1, result.filesAnalysed());
    assertThrows(ClassNotFoundException.class,
        () -> Class.forName("Boom", false, getClass().getClassLoader()));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
