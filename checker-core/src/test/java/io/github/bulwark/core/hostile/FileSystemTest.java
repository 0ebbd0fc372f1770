package io.github.bulwark.core.hostile;

import static io.github.bulwark.core.hostile.Hostile.assertAccountedFor;
import static io.github.bulwark.core.hostile.Hostile.diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.bulwark.core.cache.ResultCache;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees a file system can hold and a naive walker cannot: symbolic link loops, FIFOs named
 * {@code *.java} (opening one blocks until a writer comes, so the scan must never open it), files
 * that vanish mid-scan, folders named like sources, very long paths and names full of markup.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileSystemTest {

  @TempDir Path dir;

  private static final String CALL = "class %s { void m() { risky(); } }\n";

  private static ScanResult scan(SourceTree tree) {
    ScanResult result = new Engine(TestRules.standard()).scan(tree.request().build());
    assertAccountedFor(result);
    return result;
  }

  private static List<String> analysedFiles(ScanResult result) {
    return result.findings().stream().map(f -> f.file()).distinct().sorted().toList();
  }

  @Test
  void symlinkLoopsAndADirectorySymlinkedIntoItselfEndAndLoseNothing() throws IOException {
    SourceTree tree = new SourceTree(dir);
    tree.write("src/a/A.java", CALL.formatted("A"));
    Files.createSymbolicLink(dir.resolve("src/a/self"), dir.resolve("src/a"));
    Files.createSymbolicLink(dir.resolve("src/up"), dir.resolve("src"));
    Files.createSymbolicLink(dir.resolve("src/Ping.java"), dir.resolve("src/Pong.java"));
    Files.createSymbolicLink(dir.resolve("src/Pong.java"), dir.resolve("src/Ping.java"));
    Files.createSymbolicLink(dir.resolve("src/Dangling.java"), dir.resolve("src/Nowhere.java"));
    Files.createSymbolicLink(dir.resolve("src/Linked.java"), dir.resolve("src/a/A.java"));

    ScanResult result = scan(tree);

    // A.java is reached as src/a/A.java, src/Linked.java, src/a/self/A.java, src/up/a/A.java:
    // kept once, under its first name in path order.
    assertEquals(List.of("src/Linked.java"), analysedFiles(result));
    for (String broken : List.of("src/Ping.java", "src/Pong.java", "src/Dangling.java")) {
      diagnostic(result, broken, Diagnostic.Kind.READ_ERROR);
    }
    assertEquals(4, result.filesDiscovered());
  }

  @Test
  void fifoNamedLikeASourceIsReportedAndNeverOpened() throws Exception {
    SourceTree tree = new SourceTree(dir);
    tree.write("src/A.java", CALL.formatted("A"));
    mkfifo(dir.resolve("src/Pipe.java"));
    mkfifo(dir.resolve("src/application.properties"));

    long started = System.nanoTime();
    ScanResult result = scan(tree);
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 30);

    Diagnostic pipe = diagnostic(result, "src/Pipe.java", Diagnostic.Kind.READ_ERROR);
    assertTrue(pipe.message().contains("FIFO"), pipe.message());
    assertEquals(List.of("src/A.java"), analysedFiles(result));

    // The result cache hashes file contents: it must not open the FIFO either.
    List<String> warnings = new ArrayList<>();
    ResultCache cache = ResultCache.in(dir.resolve("cache"), warnings::add);
    for (int run = 0; run < 2; run++) {
      ScanResult cached = new Engine(TestRules.standard())
          .scan(tree.request().cache(cache).maxFileMillis(20_000).build());
      assertAccountedFor(cached);
      assertEquals(result.diagnostics(), cached.diagnostics());
      assertEquals(result.findings(), cached.findings());
    }
  }

  @Test
  void fifoOrDeviceGivenAsTheRootIsReportedByName() throws Exception {
    Path pipe = dir.resolve("Root.java");
    mkfifo(pipe);
    ScanResult fifo = new Engine(TestRules.standard()).scan(
        ScanRequest.builder().root(pipe).baseDirectory(dir).build());
    diagnostic(fifo, "Root.java", Diagnostic.Kind.READ_ERROR);
    assertAccountedFor(fifo);

    Path device = Path.of("/dev/null");
    assumeTrue(Files.exists(device));
    ScanResult nul = new Engine(TestRules.standard()).scan(
        ScanRequest.builder().root(device).baseDirectory(dir).build());
    assertEquals(1, nul.filesDiscovered());
    diagnostic(nul, "/dev/null", Diagnostic.Kind.READ_ERROR);
  }

  @Test
  void filesDeletedDuringTheScanAreNamedAndTheRestIsAnalysed() {
    SourceTree tree = new SourceTree(dir);
    // One worker takes files in path order: A deletes Z1..Z3 before their turn comes.
    tree.write("src/A.java", "class A { void m() { deleteSiblings(); risky(); } }\n");
    tree.write("src/M.java", CALL.formatted("M"));
    for (int i = 1; i <= 3; i++) {
      tree.write("src/Z" + i + ".java", CALL.formatted("Z" + i));
    }
    ScanResult result = new Engine(RuleRegistry.of(List.of(new TestRules.RiskyCall(),
        new HostileRules.DeletingRule()))).scan(tree.request().threads(1).build());

    assertAccountedFor(result);
    assertEquals(List.of("src/A.java", "src/M.java"), analysedFiles(result));
    for (int i = 1; i <= 3; i++) {
      Diagnostic gone = diagnostic(result, "src/Z" + i + ".java", Diagnostic.Kind.READ_ERROR);
      assertTrue(gone.message().contains("NoSuchFile"), gone.message());
    }
  }

  @Test
  void directoryNamedLikeASourceIsWalkedNotRead() {
    SourceTree tree = new SourceTree(dir);
    tree.write("src/x.java/Inner.java", CALL.formatted("Inner"));
    ScanResult result = scan(tree);
    assertEquals(List.of("src/x.java/Inner.java"), analysedFiles(result));
    assertEquals(List.of(), result.diagnostics());
  }

  @Test
  void veryLongPathsAndNamesWithSpacesQuotesMarkupAndNonAscii() {
    SourceTree tree = new SourceTree(dir);
    // Close to Linux's limits: 255 bytes a name, 4096 a path.
    StringBuilder deep = new StringBuilder("src");
    while (dir.toString().length() + deep.length() + 2 * 250 < 3800) {
      deep.append('/').append("d".repeat(200));
    }
    String longName = "L".repeat(240) + ".java";
    String[] names = {
        deep + "/" + longName,
        "src/with space/A b.java",
        "src/quotes/Q'\"q.java",
        "src/markup/<script>alert(1)<\\script>&amp;.java",
        "src/unicode/Überprüfung_\u00e9\u4e2d\u6587_\ud83d\ude00.java",
        "src/controls/tab\tcr\u2028ls.java",
    };
    for (String name : names) {
      tree.write(name, CALL.formatted("C"));
    }
    ScanResult result = scan(tree);
    assertEquals(names.length, result.filesAnalysed(),
        () -> Hostile.describe(result.diagnostics()).toString());
    assertEquals(List.of(names).stream().sorted().toList(), analysedFiles(result));
  }

  private static void mkfifo(Path path) throws Exception {
    Files.createDirectories(path.getParent());
    Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assumeTrue(process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0,
        "mkfifo is not available");
  }
}
