package io.github.bulwark.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProject;

/**
 * The "Bulwark" site page for a whole multi-module build, on the root project's site: every
 * module's sources scanned in one engine run (as {@code aggregate-check} does), so dataflow
 * across modules is followed; paths relative to the root project's folder.
 */
@Mojo(name = "aggregate", defaultPhase = LifecyclePhase.SITE, aggregator = true,
    inheritByDefault = false, threadSafe = true)
public class AggregateReportMojo extends ReportMojo {

  @Override
  List<MavenProject> projectsToScan() {
    return List.copyOf(reactorProjects);
  }

  @Override
  CheckMojo newCheck() {
    AggregateCheckMojo check = new AggregateCheckMojo();
    check.reactorProjects = List.copyOf(reactorProjects);
    return check;
  }
}
