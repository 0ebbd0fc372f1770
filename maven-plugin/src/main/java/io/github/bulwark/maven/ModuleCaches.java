package io.github.bulwark.maven;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.project.MavenProject;

/**
 * Where each module of a reactor keeps its own result cache: the {@code check} goal's default,
 * {@code ${project.build.directory}/bulwark/cache}. The aggregate goals read them, so they merge
 * what the modules' checks found instead of parsing every file again.
 */
final class ModuleCaches {

  private ModuleCaches() {}

  /** Every reactor project but {@code root} and pom-only ones, by folder. */
  static Map<Path, Path> of(List<MavenProject> reactor, MavenProject root) {
    Map<Path, Path> caches = new LinkedHashMap<>();
    for (MavenProject module : reactor) {
      if (module == root || "pom".equals(module.getPackaging())
          || module.getBuild() == null || module.getBuild().getDirectory() == null) {
        continue;
      }
      caches.put(module.getBasedir().toPath(),
          Path.of(module.getBuild().getDirectory(), "bulwark", "cache"));
    }
    return caches;
  }
}
