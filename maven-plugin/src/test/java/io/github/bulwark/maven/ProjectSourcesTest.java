package io.github.bulwark.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a scan of several reactor projects reads. */
class ProjectSourcesTest {

  @TempDir
  Path root;

  private MavenProject module(String name, String packaging) throws IOException {
    Path basedir = root.resolve(name);
    Model model = new Model();
    model.setArtifactId(name);
    model.setPackaging(packaging);
    Build build = new Build();
    build.setDirectory(basedir.resolve("target").toString());
    model.setBuild(build);
    MavenProject project = new MavenProject(model);
    project.setFile(new File(basedir.toFile(), "pom.xml"));
    Path main = Files.createDirectories(basedir.resolve("src/main/java"));
    Path test = Files.createDirectories(basedir.resolve("src/test/java"));
    Path resources = Files.createDirectories(basedir.resolve("src/main/resources"));
    project.addCompileSourceRoot(main.toString());
    project.addTestCompileSourceRoot(test.toString());
    Resource resource = new Resource();
    resource.setDirectory(resources.toString());
    project.addResource(resource);
    // A generated root, and one that does not exist.
    project.addCompileSourceRoot(Files.createDirectories(
        basedir.resolve("target/generated-sources/annotations")).toString());
    project.addCompileSourceRoot(basedir.resolve("src/missing").toString());
    return project;
  }

  @Test
  void everyModulesSourcesAndResourcesInProjectOrder() throws IOException {
    MavenProject data = module("data", "jar");
    MavenProject web = module("web", "war");

    List<Path> roots = ProjectSources.roots(List.of(data, web), false, true);

    assertEquals(List.of(
        root.resolve("data/src/main/java"), root.resolve("data/src/main/resources"),
        root.resolve("web/src/main/java"), root.resolve("web/src/main/resources")), roots);
  }

  @Test
  void testRootsAndGeneratedRootsOnRequest() throws IOException {
    MavenProject data = module("data", "jar");

    List<Path> roots = ProjectSources.roots(List.of(data), true, false);

    assertTrue(roots.contains(root.resolve("data/src/test/java")), roots.toString());
    assertTrue(roots.contains(root.resolve("data/target/generated-sources/annotations")),
        roots.toString());
    assertFalse(roots.contains(root.resolve("data/src/missing")), roots.toString());
  }

  @Test
  void aReactorOfOnlyPomsHasNothingToScan() throws IOException {
    assertTrue(ProjectSources.onlyPoms(List.of(module("parent", "pom"))));
    assertFalse(ProjectSources.onlyPoms(List.of(module("parent", "pom"), module("data", "jar"))));
  }
}
