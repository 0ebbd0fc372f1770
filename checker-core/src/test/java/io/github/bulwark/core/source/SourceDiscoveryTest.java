package io.github.bulwark.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a scan reads, and the names reports give them. */
class SourceDiscoveryTest {

  @TempDir Path dir;
  private SourceTree tree;

  @BeforeEach
  void layout() {
    tree = new SourceTree(dir);
    for (String path : List.of(
        "src/main/java/com/acme/App.java",
        "src/main/java/com/acme/legacy/Old.java",
        "src/main/java/com/acme/legacy/deeper/Older.java",
        "src/test/java/com/acme/AppTest.java",
        "legacy/Top.java",
        "target/classes/Compiled.java",
        "target/generated-sources/annotations/InTarget.java",
        "build/Gradle.java",
        "module/target/Nested.java",
        ".git/Hidden.java",
        ".idea/Settings.java",
        "src/main/generated-sources/Gen.java",
        "generated/Gen2.java")) {
      tree.write(path, "class X {}\n");
    }
    tree.write("src/main/java/com/acme/notes.txt", "not java");
    tree.write("src/main/java/com/acme/App.java.bak", "not java either");
  }

  private List<String> discover(List<String> includes, List<String> excludes,
      boolean includeGenerated) {
    return new SourceDiscovery(includes, excludes, includeGenerated)
        .discover(List.of(dir), dir).stream().map(SourceFile::relativePath).toList();
  }

  @Test
  void defaultsSkipBuildOutputHiddenAndGeneratedFolders() {
    assertEquals(List.of(
        "legacy/Top.java",
        "src/main/java/com/acme/App.java",
        "src/main/java/com/acme/legacy/Old.java",
        "src/main/java/com/acme/legacy/deeper/Older.java",
        "src/test/java/com/acme/AppTest.java"), discover(List.of(), List.of(), false));
  }

  @Test
  void generatedSourcesOnRequest() {
    List<String> found = discover(List.of(), List.of(), true);
    assertTrue(found.contains("src/main/generated-sources/Gen.java"), found::toString);
    assertTrue(found.contains("generated/Gen2.java"), found::toString);
    // Build output stays out even then.
    assertTrue(found.stream().noneMatch(p -> p.startsWith("target/")), found::toString);
    assertEquals(7, found.size(), found::toString);
  }

  @Test
  void excludeGlobMatchesAtAnyDepthIncludingTheTop() {
    assertEquals(List.of(
        "src/main/java/com/acme/App.java",
        "src/test/java/com/acme/AppTest.java"), discover(List.of(), List.of("**/legacy/**"), false));
  }

  @Test
  void includeGlobsAreRelativeToTheRoot() {
    assertEquals(List.of("src/main/java/com/acme/App.java"),
        discover(List.of("src/main/java/com/acme/*.java"), List.of(), false));
    assertEquals(List.of(
        "src/main/java/com/acme/App.java",
        "src/main/java/com/acme/legacy/Old.java",
        "src/main/java/com/acme/legacy/deeper/Older.java"),
        discover(List.of("src/main/**"), List.of(), false));
  }

  @Test
  void excludesWinOverIncludes() {
    assertEquals(List.of("src/main/java/com/acme/App.java"),
        discover(List.of("src/main/**"), List.of("**/legacy/**"), false));
    assertEquals(List.of("legacy/Top.java", "src/main/java/com/acme/App.java",
        "src/main/java/com/acme/legacy/Old.java",
        "src/main/java/com/acme/legacy/deeper/Older.java"),
        discover(List.of(), List.of("**/*Test.java"), false));
  }

  @Test
  void namesAreRelativeToTheBaseWithSlashes() {
    Path root = dir.resolve("src/main/java");
    List<SourceFile> files = new SourceDiscovery(List.of("com/acme/*.java"), List.of(), false)
        .discover(List.of(root), dir);
    assertEquals(1, files.size());
    assertEquals("src/main/java/com/acme/App.java", files.get(0).relativePath());
    assertEquals(dir.resolve("src/main/java/com/acme/App.java").toAbsolutePath().normalize(),
        files.get(0).path());
    assertTrue(files.get(0).path().isAbsolute());
  }

  @Test
  void overlappingRootsYieldEachFileOnce() {
    List<SourceFile> files = new SourceDiscovery(List.of(), List.of(), false).discover(
        List.of(dir.resolve("src"), dir.resolve("src/main/java"),
            dir.resolve("src/main/java/com/acme/App.java")), dir);
    assertEquals(4, files.size(), files::toString);
  }

  @Test
  void packagesNamedLikeBuildOutputAreStillScanned() {
    tree.write("src/main/java/com/acme/build/Builder.java", "class Builder {}\n");
    tree.write("src/main/java/com/acme/out/Writer.java", "class Writer {}\n");
    List<String> fromProject = discover(List.of("src/main/java/com/acme/*/*.java"), List.of(),
        false);
    assertEquals(List.of("src/main/java/com/acme/build/Builder.java",
        "src/main/java/com/acme/legacy/Old.java",
        "src/main/java/com/acme/out/Writer.java"), fromProject);
    // The plugin passes source roots such as src/main/java directly.
    List<String> fromSourceRoot = new SourceDiscovery(List.of(), List.of(), false)
        .discover(List.of(dir.resolve("src/main/java")), dir).stream()
        .map(SourceFile::relativePath).filter(p -> p.contains("/build/") || p.contains("/out/"))
        .toList();
    assertEquals(List.of("src/main/java/com/acme/build/Builder.java",
        "src/main/java/com/acme/out/Writer.java"), fromSourceRoot);
    // A module's own build output is still skipped.
    assertTrue(discover(List.of(), List.of(), false).stream()
        .noneMatch(p -> p.startsWith("module/target/") || p.startsWith("build/")));
  }

  @Test
  void badGlobAndMissingRootAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new SourceDiscovery(List.of("src/[unclosed"), List.of(), false));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new SourceDiscovery(List.of(), List.of(), false)
            .discover(List.of(dir.resolve("nope")), dir));
    assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
  }

  @Test
  void engineReportsPathsRelativeToTheBaseDirectory() {
    tree.write("src/main/java/com/acme/App.java", "class App { void m() { danger(); } }\n");
    ScanResult result = new Engine(TestRules.standard()).scan(ScanRequest.builder()
        .root(dir.resolve("src/main/java")).baseDirectory(dir).build());
    assertEquals(List.of("src/main/java/com/acme/App.java:1 DangerCall"),
        SourceTree.markers(result));
    assertEquals(dir.toAbsolutePath().normalize(), result.baseDirectory());
  }

  @Test
  void defaultBaseIsTheDeepestFolderHoldingEveryRoot() {
    // Temporary folders are outside the working directory, so the common parent is used.
    org.junit.jupiter.api.Assumptions.assumeFalse(
        dir.toAbsolutePath().startsWith(Path.of("").toAbsolutePath()));
    ScanRequest request = ScanRequest.builder()
        .root(dir.resolve("src/main/java"))
        .root(dir.resolve("src/test/java/com/acme/AppTest.java"))
        .build();
    assertEquals(dir.resolve("src").toAbsolutePath().normalize(), request.baseDirectory());
  }
}
