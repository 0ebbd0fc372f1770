package io.github.bulwark.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source bytes are decoded as the file says (byte-order mark) or as configured; bad bytes are a
 * warning naming the file, and the file is still analysed with findings on the right lines.
 */
class EncodingTest {

  /** Line 4 calls danger() with a non-ASCII literal; the message shows the decoded value. */
  private static final String SOURCE = """
      // Überprüfung: ein Kommentar mit Umlauten
      class Enc {
        void m() {
          danger("café ☕");
        }
      }
      """;

  @TempDir Path dir;

  private ScanResult scan(byte[] bytes, String encoding) {
    SourceTree tree = new SourceTree(dir);
    tree.writeBytes("src/Enc.java", bytes);
    return new Engine(TestRules.standard())
        .scan(tree.request().encoding(encoding).build());
  }

  private static void assertFindsTheCall(ScanResult result, String expectedValue) {
    assertEquals(1, result.findings().size(), result.findings()::toString);
    assertEquals(4, result.findings().get(0).line());
    assertEquals(5, result.findings().get(0).column());
    assertEquals("danger() is called with '" + expectedValue + "'",
        result.findings().get(0).message());
    assertEquals(1, result.filesAnalysed());
  }

  private static byte[] withBom(byte[] bom, String text, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bom);
    out.writeBytes(text.getBytes(charset));
    return out.toByteArray();
  }

  @Test
  void plainUtf8() {
    ScanResult result = scan(SOURCE.getBytes(StandardCharsets.UTF_8), "UTF-8");
    assertFindsTheCall(result, "café ☕");
    assertTrue(result.diagnostics().isEmpty(), result.diagnostics()::toString);
  }

  @Test
  void utf8WithByteOrderMark() {
    byte[] bytes = withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, SOURCE,
        StandardCharsets.UTF_8);
    ScanResult result = scan(bytes, "UTF-8");
    assertFindsTheCall(result, "café ☕");
    assertTrue(result.diagnostics().isEmpty(), result.diagnostics()::toString);
  }

  @Test
  void utf16LittleEndianWithByteOrderMark() {
    ScanResult result = scan(withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, SOURCE,
        StandardCharsets.UTF_16LE), "UTF-8");
    assertFindsTheCall(result, "café ☕");
    // The mark overrode the configured encoding: said once, as a warning, not an error.
    assertEquals(1, result.diagnostics().size());
    Diagnostic warning = result.diagnostics().get(0);
    assertEquals(Diagnostic.Kind.ENCODING_WARNING, warning.kind());
    assertTrue(warning.message().contains("UTF-16LE"), warning.message());
  }

  @Test
  void utf16BigEndianWithByteOrderMark() {
    ScanResult result = scan(withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, SOURCE,
        StandardCharsets.UTF_16BE), "UTF-8");
    assertFindsTheCall(result, "café ☕");
    assertTrue(result.diagnostics().stream()
        .allMatch(d -> d.kind() == Diagnostic.Kind.ENCODING_WARNING));
  }

  @Test
  void invalidUtf8IsAWarningNamingTheFileAndTheFileIsStillAnalysed() {
    String latin = SOURCE.replace("☕", "");
    byte[] bytes = latin.getBytes(StandardCharsets.ISO_8859_1); // é is the lone byte 0xE9
    ScanResult result = scan(bytes, "UTF-8");

    assertFindsTheCall(result, "caf\uFFFD ");
    assertEquals(1, result.diagnostics().size());
    Diagnostic warning = result.diagnostics().get(0);
    assertEquals(Diagnostic.Kind.ENCODING_WARNING, warning.kind());
    assertEquals("src/Enc.java", warning.file());
    assertTrue(warning.message().contains("UTF-8"), warning.message());
    // The first bad byte is the Ü of "Überprüfung" after "// ".
    assertTrue(warning.message().contains("at byte 3"), warning.message());
    assertTrue(warning.describe().startsWith("src/Enc.java: encoding warning: "),
        warning.describe());
  }

  @Test
  void configuredIso88591IsDecodedAsSuch() {
    String latin = SOURCE.replace("☕", "");
    ScanResult result = scan(latin.getBytes(StandardCharsets.ISO_8859_1), "ISO-8859-1");
    assertFindsTheCall(result, "café ");
    assertTrue(result.diagnostics().isEmpty(), result.diagnostics()::toString);
  }

  @Test
  void crlfLineEndingsKeepLineNumbers() {
    ScanResult result = scan(SOURCE.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8),
        "UTF-8");
    assertFindsTheCall(result, "café ☕");
    assertEquals(6, result.linesAnalysed());
  }

  @Test
  void lineCountsIgnoreTheFinalNewline() {
    assertEquals(6, scan(SOURCE.getBytes(StandardCharsets.UTF_8), "UTF-8").linesAnalysed());
    String noFinalNewline = SOURCE.substring(0, SOURCE.length() - 1);
    assertEquals(6, scan(noFinalNewline.getBytes(StandardCharsets.UTF_8), "UTF-8")
        .linesAnalysed());
    assertEquals(List.of(), scan(new byte[0], "UTF-8").findings());
  }
}
