package io.github.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process: options, output, exit codes. */
class BulwarkCliTest {

  @TempDir Path dir;
  private Path project;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void writeProject() throws IOException {
    project = dir.resolve("project");
    Path pkg = Files.createDirectories(project.resolve("src/main/java/com/acme"));
    Files.writeString(pkg.resolve("Client.java"), String.join("\n",
        "package com.acme;",
        "import java.security.cert.X509Certificate;",
        "import javax.net.ssl.X509TrustManager;",
        "class Client implements X509TrustManager {",
        "  public void checkClientTrusted(X509Certificate[] c, String a) {}",
        "  public void checkServerTrusted(X509Certificate[] c, String a) {}",
        "  public X509Certificate[] getAcceptedIssuers() { return null; }",
        "  void load(java.io.InputStream in) {",
        "    try { in.read(); } catch (java.io.IOException e) { }",
        "  }",
        "}", ""), StandardCharsets.UTF_8);
    Files.writeString(pkg.resolve("Clean.java"),
        "package com.acme;\nclass Clean { int answer() { return 42; } }\n");
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = BulwarkCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void findingsAtOrAboveThresholdExitOne() {
    Run run = run("scan", project.toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.out().contains(
        "src/main/java/com/acme/Client.java:6:15: CRITICAL [TrustAllCertificates]"), run.out());
    assertTrue(run.out().contains(
        "src/main/java/com/acme/Client.java:9:24: MEDIUM [SwallowedException]"), run.out());
    assertTrue(run.out().contains("    fix: "), run.out());
    assertTrue(run.out().contains("Bulwark: 2 findings (1 critical, 1 medium) in 2 of 2 files"),
        run.out());
  }

  @Test
  void thresholdAboveEveryFindingExitsZero() {
    assertEquals(0, run("scan", project.toString(), "--fail-on", "none").exit());
    assertEquals(0, run("scan", project.resolve("src/main/java/com/acme/Clean.java").toString())
        .exit());
    Run onlyMedium = run("scan", project.toString(), "--rules", "SwallowedException");
    assertEquals(0, onlyMedium.exit(), "medium is below the default threshold high");
    assertEquals(1, run("scan", project.toString(), "--rules", "SwallowedException",
        "--fail-on", "medium").exit());
  }

  @Test
  void sarifGoesToTheOutputFile() throws IOException {
    Path report = dir.resolve("out/report.sarif");
    Run run = run("scan", project.toString(), "--format", "sarif", "--output", report.toString());
    assertEquals(1, run.exit(), run.err());
    JsonObject sarif = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertEquals("2.1.0", sarif.get("version").getAsString());
    assertEquals(2, sarif.getAsJsonArray("runs").get(0).getAsJsonObject()
        .getAsJsonArray("results").size());
    assertTrue(run.out().contains("Report: " + report.toAbsolutePath()), run.out());
  }

  @Test
  void sarifOnStandardOutputIsPureJson() {
    Run run = run("scan", project.toString(), "--format", "sarif");
    JsonObject sarif = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals("2.1.0", sarif.get("version").getAsString());
  }

  @Test
  void includeAndExcludeGlobsNarrowTheScan() {
    Run excluded = run("scan", project.toString(), "--exclude", "**/Client.java");
    assertEquals(0, excluded.exit(), excluded.out());
    assertTrue(excluded.out().contains("in 1 of 1 files"), excluded.out());
    Run included = run("scan", project.toString(), "--include", "**/Clean.java");
    assertEquals(0, included.exit(), included.out());
  }

  @Test
  void badUsageExitsTwoWithOneLineReason() {
    Run unknownRule = run("scan", project.toString(), "--rules", "NoSuchRule");
    assertEquals(2, unknownRule.exit());
    assertTrue(unknownRule.err().startsWith("bulwark: unknown rule id NoSuchRule"),
        unknownRule.err());

    Run missing = run("scan", dir.resolve("nope").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("path does not exist"), missing.err());

    Run badThreshold = run("scan", project.toString(), "--fail-on", "severe");
    assertEquals(2, badThreshold.exit());
    assertTrue(badThreshold.err().contains("critical, high, medium, low, none"),
        badThreshold.err());

    Run badEncoding = run("scan", project.toString(), "--encoding", "klingon-8");
    assertEquals(2, badEncoding.exit());
    assertTrue(badEncoding.err().contains("unknown encoding 'klingon-8'"), badEncoding.err());

    Run badFormat = run("scan", project.toString(), "--format", "pdf");
    assertEquals(2, badFormat.exit());

    Run noPath = run("scan");
    assertEquals(2, noPath.exit());
    Run unknownOption = run("scan", project.toString(), "--frobnicate");
    assertEquals(2, unknownOption.exit());
    assertTrue(unknownOption.err().contains("--frobnicate"), unknownOption.err());
    assertEquals(2, run().exit());
  }

  @Test
  void unparsableFileIsReportedAndTheScanGoesOn() throws IOException {
    Files.writeString(project.resolve("src/main/java/com/acme/Broken.java"),
        "package com.acme;\nclass Broken {\n  void f( {\n}\n");
    Run run = run("scan", project.toString());
    assertEquals(1, run.exit());
    assertTrue(run.out().contains("src/main/java/com/acme/Broken.java:3:"), run.out());
    assertTrue(run.out().contains("parse error"), run.out());
    assertTrue(run.out().contains("[TrustAllCertificates]"), "other files still analysed");
    assertTrue(run.out().contains("in 2 of 3 files analysed"), run.out());
  }

  @Test
  void invalidBytesAreReadWithAWarningNamingTheFile() throws IOException {
    Files.write(project.resolve("src/main/java/com/acme/Latin.java"),
        "package com.acme;\n// caf\u00e9\nclass Latin {}\n".getBytes(StandardCharsets.ISO_8859_1));
    Run run = run("scan", project.toString());
    assertTrue(run.out().contains("src/main/java/com/acme/Latin.java: encoding warning: "
        + "not valid UTF-8"), run.out());
    assertTrue(run.out().contains("in 3 of 3 files analysed"), run.out());
    Run latin = run("scan", project.toString(), "--encoding", "ISO-8859-1");
    assertFalse(latin.out().contains("encoding warning"), latin.out());
  }

  @Test
  void rulesListsEveryRule() {
    Run run = run("rules");
    assertEquals(0, run.exit());
    assertTrue(run.out().matches("(?s).*TrustAllCertificates\\s+critical\\s+transport\\s+"
        + "CWE-295\\s+TLS certificate validation is disabled.*"), run.out());
    assertTrue(run.out().contains("SwallowedException"), run.out());
  }

  @Test
  void helpAndVersion() {
    Run help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("scan"), help.out());
    assertTrue(help.out().contains("Exit codes"), help.out());
    Run version = run("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().matches("bulwark \\d+\\.\\d+\\.\\d+.*\\s*"), version.out());
    Run scanHelp = run("scan", "--help");
    assertTrue(scanHelp.out().contains("--fail-on"), scanHelp.out());
  }

  @Test
  void fixLinesNameTheRulePage() {
    Run run = run("scan", project.toString());
    assertTrue(run.out().contains(" (docs/rules/TrustAllCertificates.md)\n"), run.out());
  }

  @Test
  void htmlReportIsWrittenSelfContained() throws IOException {
    Path report = dir.resolve("out/bulwark.html");
    Run run = run("scan", project.toString(), "--format", "html", "--output", report.toString());
    assertEquals(1, run.exit(), run.err());
    String html = Files.readString(report);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("data-rule=\"TrustAllCertificates\""), html);
    assertTrue(html.contains("docs/rules/TrustAllCertificates.md"), html);
  }

  @Test
  void baselineThenScanFailsOnlyOnNewFindings() throws IOException {
    Path baseline = dir.resolve("bulwark-baseline.json");
    Run recorded = run("baseline", project.toString(), "--output", baseline.toString());
    assertEquals(0, recorded.exit(), recorded.err());
    assertTrue(recorded.out().contains("Baseline: 2 findings recorded in " + baseline), recorded.out());

    // Lines inserted above the findings: still baselined.
    Path client = project.resolve("src/main/java/com/acme/Client.java");
    Files.writeString(client, Files.readString(client).replace("class Client",
        "// a comment\n// and another\nclass Client"));
    Run clean = run("scan", project.toString(), "--baseline", baseline.toString());
    assertEquals(0, clean.exit(), clean.out() + clean.err());
    assertTrue(clean.out().contains("Baseline: 0 new, 2 baselined, 0 fixed"), clean.out());
    assertTrue(clean.out().contains("Bulwark: 0 findings"), clean.out());

    // A new critical finding fails; the removed swallowed exception is listed as fixed.
    Files.writeString(client, Files.readString(client)
        .replace("catch (java.io.IOException e) { }", "catch (java.io.IOException e) { throw new"
            + " java.io.UncheckedIOException(e); }"));
    Files.writeString(project.resolve("src/main/java/com/acme/Other.java"), String.join("\n",
        "package com.acme;",
        "import java.security.cert.X509Certificate;",
        "class Other implements javax.net.ssl.X509TrustManager {",
        "  public void checkClientTrusted(X509Certificate[] c, String a) {}",
        "  public void checkServerTrusted(X509Certificate[] c, String a) {}",
        "  public X509Certificate[] getAcceptedIssuers() { return null; }",
        "}", ""));
    Run dirty = run("scan", project.toString(), "--baseline", baseline.toString());
    assertEquals(1, dirty.exit(), dirty.out());
    assertTrue(dirty.out().contains("Other.java:5:"), dirty.out());
    assertTrue(dirty.out().contains("Baseline: 1 new, 1 baselined, 1 fixed"), dirty.out());
    assertTrue(dirty.out().contains("  fixed: src/main/java/com/acme/Client.java:9: "
        + "[SwallowedException]"), dirty.out());
  }

  @Test
  void anEditInsideAMethodBodyUpdatesTheLastResultForThatFileAlone() throws IOException {
    Path project = dir.resolve("edits");
    Path login = project.resolve("src/com/acme/Login.java");
    Files.createDirectories(login.getParent());
    Files.writeString(project.resolve("src/com/acme/Store.java"), String.join("\n",
        "package com.acme;",
        "class Store {",
        "  java.sql.Connection connection;",
        "  void find(String id) throws java.sql.SQLException {",
        "    connection.createStatement().executeQuery(\"select * from t where id = \" + id);",
        "  }",
        "}", ""));
    String body = String.join("\n",
        "package com.acme;",
        "class Login {",
        "  Store store;",
        "  void show(javax.servlet.http.HttpServletRequest request) throws Exception {",
        "    int tries = 0;",
        "    store.find(request.getParameter(\"id\"));",
        "  }",
        "}", "");
    Files.writeString(login, body);
    Path cache = dir.resolve("edits-cache");
    run("scan", project.toString(), "--cache-dir", cache.toString());
    // Arithmetic and a comment above the call: no call, string or method is added, and the
    // untrusted value reaches the other file from where it did (a moved call would change the
    // path the finding in Store.java shows, so that edit is assembled in full).
    Files.writeString(login, body.replace("int tries = 0;", "int tries = 2 * 3; // retried"));
    Run edited = run("scan", project.toString(), "--cache-dir", cache.toString(),
        "--cache-stats");
    assertTrue(edited.err().contains("1 analysed") && edited.err().contains(
        "no cross-file fact changed, last result updated for that file"), edited.err());
    Run fresh = run("scan", project.toString(), "--no-cache");
    assertEquals(findingLines(fresh.out()), findingLines(edited.out()));
    assertTrue(edited.out().contains("Store.java:5:") && edited.out().contains("[SqlInjection]"),
        "the cross-file finding stands: " + edited.out());
  }

  private static List<String> findingLines(String report) {
    return report.lines().filter(line -> !line.startsWith("Bulwark:")).toList();
  }

  @Test
  void partsScannedApartAreMergedFromTheirCachesWithoutParsing() throws IOException {
    // Two modules, as two CI jobs would scan them, then one merge job over the whole tree.
    Path web = dir.resolve("shop/web");
    Path data = dir.resolve("shop/data");
    Files.createDirectories(web.resolve("src/com/shop/web"));
    Files.createDirectories(data.resolve("src/com/shop/data"));
    Files.writeString(web.resolve("src/com/shop/web/Orders.java"), String.join("\n",
        "package com.shop.web;",
        "class Orders {",
        "  com.shop.data.OrderStore store;",
        "  void show(javax.servlet.http.HttpServletRequest request) {",
        "    store.find(request.getParameter(\"id\"));",
        "  }",
        "}", ""));
    Files.writeString(data.resolve("src/com/shop/data/OrderStore.java"), String.join("\n",
        "package com.shop.data;",
        "public class OrderStore {",
        "  java.sql.Connection connection;",
        "  public void find(String id) throws java.sql.SQLException {",
        "    connection.createStatement().executeQuery(\"select * from orders where id = \" + id);",
        "  }",
        "}", ""));
    for (Path module : List.of(web, data)) {
      Run alone = run("scan", module.toString(), "--part", "--cache-dir",
          module.resolve("cache").toString(), "--cache-stats");
      assertTrue(alone.out().contains("Bulwark: 0 findings"), "one part alone sees half the path: "
          + alone.out());
    }
    Path shop = dir.resolve("shop");
    Run merged = run("scan", shop.toString(), "--exclude", "**/cache/**",
        "--merge", web + "=" + web.resolve("cache"), "--merge", data + "=" + data.resolve("cache"),
        "--cache-dir", dir.resolve("merged-cache").toString(), "--cache-stats");
    assertTrue(merged.err().contains("cache: 2 reused, 0 analysed"), "--merge implies --part, "
        + "so the parts' results are found: " + merged.err());
    assertTrue(merged.out().contains("data/src/com/shop/data/OrderStore.java:5:"), merged.out());
    assertTrue(merged.out().contains("[SqlInjection]"), merged.out());
    assertTrue(merged.out().contains("web/src/com/shop/web/Orders.java"), "the path's origin: "
        + merged.out());
    Run misuse = run("scan", shop.toString(), "--merge", web.toString(), "--no-cache");
    assertEquals(2, misuse.exit(), misuse.err());
  }

  @Test
  void baselineDefaultsToTheWorkingDirectoryFileName() {
    Run help = run("baseline", "--help");
    assertTrue(help.out().contains("bulwark-baseline.json"), help.out());
  }

  @Test
  void aCorruptBaselineIsAUsageErrorNamingTheFile() throws IOException {
    Path baseline = dir.resolve("broken-baseline.json");
    Files.writeString(baseline, "{\"version\": 7, \"entries\": []}");
    Run run = run("scan", project.toString(), "--baseline", baseline.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("bulwark: baseline file " + baseline + " has version 7"),
        run.err());
    Run missing = run("scan", project.toString(), "--baseline", dir.resolve("no.json").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("does not exist"), missing.err());
  }

  @Test
  void sarifOnStdoutStaysPureWithABaseline() throws IOException {
    Path baseline = dir.resolve("b.json");
    run("baseline", project.toString(), "-o", baseline.toString());
    Run run = run("scan", project.toString(), "--format", "sarif", "--baseline",
        baseline.toString());
    JsonParser.parseString(run.out());
    assertTrue(run.err().contains("Baseline: 0 new, 2 baselined"), run.err());
  }

  @Test
  void suppressionsAreCountedAndReasonsCanBeRequired() throws IOException {
    Path client = project.resolve("src/main/java/com/acme/Client.java");
    Files.writeString(client, Files.readString(client).replace(
        "catch (java.io.IOException e) { }",
        "catch (java.io.IOException e) { } // bulwark:ignore SwallowedException"));
    Run lenient = run("scan", project.toString());
    assertTrue(lenient.out().contains("Bulwark: 1 finding (1 critical), 1 suppressed, in"),
        lenient.out());
    assertFalse(lenient.out().contains("SuppressionWithoutReason"), lenient.out());

    Run strict = run("scan", project.toString(), "--require-suppression-reason");
    assertTrue(strict.out().contains("Client.java:9:58: LOW [SuppressionWithoutReason] "
        + "'bulwark:ignore SwallowedException' silences SwallowedException without a reason"),
        strict.out());

    Files.writeString(client, Files.readString(client).replace("ignore SwallowedException",
        "ignore SwallowedException -- the stream is optional"));
    Run reasoned = run("scan", project.toString(), "--require-suppression-reason");
    assertFalse(reasoned.out().contains("[SuppressionWithoutReason]"), reasoned.out());
  }
}
