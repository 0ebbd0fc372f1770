package io.github.bulwark.core.hostile;

import static io.github.bulwark.core.hostile.Hostile.assertAccountedFor;
import static io.github.bulwark.core.hostile.Hostile.diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanResult;
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
 * Encodings {@code engine/EncodingTest} does not cover: UTF-32 marks (whose little-endian form
 * starts like UTF-16LE's), broken UTF-16, a mark that contradicts the configuration, NUL bytes.
 */
class EncodingsTest {

  private static final String SOURCE = "class Enc {\n  void m() {\n    danger(\"caf\u00e9 \u2615"
      + " \ud83d\ude00\");\n  }\n}\n";

  @TempDir Path dir;

  private ScanResult scan(byte[] bytes, String encoding) {
    SourceTree tree = new SourceTree(dir);
    tree.writeBytes("src/Enc.java", bytes);
    ScanResult result = new Engine(TestRules.standard())
        .scan(tree.request().encoding(encoding).build());
    assertAccountedFor(result);
    return result;
  }

  private static byte[] concat(byte[] mark, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(mark);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void assertDecoded(ScanResult result) {
    assertEquals(List.of("src/Enc.java:3:5 DangerCall danger() is called with 'caf\u00e9 \u2615"
        + " \ud83d\ude00'"), io.github.bulwark.core.testing.SourceTree.describe(result.findings()));
  }

  @Test
  void utf32LittleEndianMarkIsNotMistakenForUtf16() {
    byte[] mark = {(byte) 0xFF, (byte) 0xFE, 0, 0};
    ScanResult result = scan(concat(mark, SOURCE.getBytes(Charset.forName("UTF-32LE"))),
        "UTF-8");
    assertDecoded(result);
    assertTrue(diagnostic(result, "src/Enc.java", Diagnostic.Kind.ENCODING_WARNING).message()
        .contains("UTF-32LE"));
  }

  @Test
  void utf32BigEndianMark() {
    byte[] mark = {0, 0, (byte) 0xFE, (byte) 0xFF};
    ScanResult result = scan(concat(mark, SOURCE.getBytes(Charset.forName("UTF-32BE"))),
        "UTF-8");
    assertDecoded(result);
  }

  @Test
  void utf16WithALoneSurrogateIsAWarningNamingTheFile() {
    // getBytes would replace a lone surrogate with '?': put one in by hand.
    String text = SOURCE.replace("\ud83d\ude00", "X");
    byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
    int at = text.indexOf('X') * 2;
    body[at] = 0x3D;
    body[at + 1] = (byte) 0xD8;
    ScanResult result = scan(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, body), "UTF-16LE");
    Diagnostic warning = diagnostic(result, "src/Enc.java", Diagnostic.Kind.ENCODING_WARNING);
    assertTrue(warning.message().contains("not valid UTF-16LE"), warning.message());
    // The JDK's decoder replaces the surrogate and the quote after it, so the literal is left
    // open: a parse problem at the right place, next to the warning.
    Diagnostic parse = diagnostic(result, "src/Enc.java", Diagnostic.Kind.PARSE_ERROR);
    assertEquals(3, parse.line());
  }

  @Test
  void truncatedUtf16IsAWarningNamingTheFile() {
    byte[] whole = concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
        SOURCE.getBytes(StandardCharsets.UTF_16BE));
    byte[] odd = java.util.Arrays.copyOf(whole, whole.length - 1);
    ScanResult result = scan(odd, "UTF-8");
    diagnostic(result, "src/Enc.java", Diagnostic.Kind.ENCODING_WARNING);
  }

  @Test
  void utf8MarkOverridesAConfiguredIso88591WithAWarning() {
    byte[] mark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    ScanResult result = scan(concat(mark, SOURCE.getBytes(StandardCharsets.UTF_8)),
        "ISO-8859-1");
    assertDecoded(result);
    assertTrue(diagnostic(result, "src/Enc.java", Diagnostic.Kind.ENCODING_WARNING).message()
        .contains("ISO-8859-1"));
  }

  @Test
  void nulBytesAreAParseProblemWithAPositionOrAreAnalysed() {
    String text = SOURCE.replace("void m()", "void \0m()");
    ScanResult result = scan(text.getBytes(StandardCharsets.UTF_8), "UTF-8");
    if (result.filesAnalysed() == 0) {
      assertTrue(diagnostic(result, "src/Enc.java", Diagnostic.Kind.PARSE_ERROR).line() > 0,
          () -> Hostile.describe(result.diagnostics()).toString());
    }
  }
}
