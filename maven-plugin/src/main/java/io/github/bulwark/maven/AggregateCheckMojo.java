package io.github.bulwark.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code check} for a whole multi-module build, run once at the reactor root: every module's
 * sources are scanned in one engine run, so a request parameter read in one module and turned
 * into SQL in another is found (a per-module {@code check} sees only half of that path). A file
 * whose module's own {@code check} already ran (in this build, or in a CI job that left
 * {@code target/bulwark/cache} behind) is not parsed again: its results, cross-file facts and
 * pending questions come from the module's cache and are decided against the whole reactor. One
 * report for all modules, with paths relative to the root project's folder, and the same
 * parameters, thresholds, baseline and exit decision as {@code check}.
 *
 * <p>Bound in the root pom's {@code <build>}, it is not inherited by the modules. Safe in a
 * parallel build ({@code -T}): it only reads the other projects' source folders.
 */
@Mojo(name = "aggregate-check", defaultPhase = LifecyclePhase.VERIFY, aggregator = true,
    inheritByDefault = false, threadSafe = true)
public class AggregateCheckMojo extends CheckMojo {

  @Override
  List<MavenProject> projectsToScan() {
    return List.copyOf(reactorProjects);
  }

  @Override
  java.util.Map<java.nio.file.Path, java.nio.file.Path> moduleCaches() {
    return ModuleCaches.of(reactorProjects, project);
  }
}
