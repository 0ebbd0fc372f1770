package io.github.bulwark.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;

/**
 * The folders a scan of some Maven projects reads: each project's compile source roots and
 * resource folders (resources hold the configuration {@code HardcodedSecretInConfig} reads), and
 * on request its test roots; each existing folder once, in project order. One project for
 * {@code check}, every reactor project for the aggregate goals, which scan them in one engine
 * run so that taint and the project index cross module boundaries.
 */
final class ProjectSources {

  private ProjectSources() {}

  static List<Path> roots(Collection<MavenProject> projects, boolean includeTests,
      boolean excludeGenerated) {
    Set<Path> roots = new LinkedHashSet<>();
    for (MavenProject project : projects) {
      // Copies: in a parallel build (-T) another module's thread may add a root meanwhile.
      List<String> compileRoots = new ArrayList<>(project.getCompileSourceRoots());
      directories(project.getResources(), compileRoots);
      List<String> testRoots = new ArrayList<>();
      if (includeTests) {
        testRoots.addAll(project.getTestCompileSourceRoots());
        directories(project.getTestResources(), testRoots);
      }
      roots.addAll(CheckPlan.sourceRoots(compileRoots, testRoots,
          project.getBuild().getDirectory(), excludeGenerated));
    }
    return List.copyOf(roots);
  }

  /** True when none of {@code projects} can hold sources (all have packaging {@code pom}). */
  static boolean onlyPoms(Collection<MavenProject> projects) {
    return projects.stream().allMatch(project -> "pom".equals(project.getPackaging()));
  }

  private static void directories(List<Resource> resources, List<String> into) {
    for (Resource resource : new ArrayList<>(resources)) {
      into.add(resource.getDirectory());
    }
  }
}
