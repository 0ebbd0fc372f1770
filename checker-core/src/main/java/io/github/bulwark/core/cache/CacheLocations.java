package io.github.bulwark.core.cache;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a scan keeps its result cache when the user does not say. */
public final class CacheLocations {

  private CacheLocations() {}

  /**
   * The command line's default: {@code BASE/target/bulwark/cache} when {@code BASE} has a
   * {@code target/} folder (a Maven build's scratch space, cleaned with it), else
   * {@code ~/.cache/bulwark/<hash of BASE>}, so scanning a checkout never writes into it.
   */
  public static Path defaultFor(Path baseDirectory) {
    return defaultFor(baseDirectory, Path.of(System.getProperty("user.home", ".")));
  }

  static Path defaultFor(Path baseDirectory, Path home) {
    Path base = baseDirectory.toAbsolutePath().normalize();
    Path target = base.resolve("target");
    if (Files.isDirectory(target)) {
      return target.resolve("bulwark").resolve("cache");
    }
    String name = base.getFileName() == null ? "root" : base.getFileName().toString();
    return home.resolve(".cache").resolve("bulwark")
        .resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
            + ContentHash.ofText(base.toString()).substring(0, 16));
  }

  /** The plugin's default: {@code ${project.build.directory}/bulwark/cache}. */
  public static Path forBuildDirectory(Path buildDirectory) {
    return buildDirectory.resolve("bulwark").resolve("cache");
  }
}
