package io.github.bulwark.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProject;

/**
 * {@code baseline} for {@code aggregate-check}: records the current findings of every module,
 * scanned in one run at the reactor root, with paths relative to the root project's folder
 * (default file {@code ${project.basedir}/bulwark-baseline.json} of the root).
 */
@Mojo(name = "aggregate-baseline", aggregator = true, inheritByDefault = false,
    threadSafe = true)
public class AggregateBaselineMojo extends BaselineMojo {

  @Override
  List<MavenProject> projectsToScan() {
    return List.copyOf(reactorProjects);
  }

  @Override
  java.util.Map<java.nio.file.Path, java.nio.file.Path> moduleCaches() {
    return ModuleCaches.of(reactorProjects, project);
  }
}
