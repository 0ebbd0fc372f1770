package io.github.bulwark.maven;

import io.github.bulwark.core.cache.ResultCache;
import io.github.bulwark.core.engine.FailThreshold;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.report.ReportFormat;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.source.SourceDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One check, as the Mojo's parameters ask for it: the scan request, the fail threshold, the
 * allowed count and the report formats. Each parameter is validated as it is translated, and a
 * bad value is a {@link MojoExecutionException} naming the parameter, before any file is read.
 */
final class CheckPlan {

  private final ScanRequest request;
  private final FailThreshold threshold;
  private final int maxAllowedViolations;
  private final List<ReportFormat> formats;

  private CheckPlan(ScanRequest request, FailThreshold threshold, int maxAllowedViolations,
      List<ReportFormat> formats) {
    this.request = request;
    this.threshold = threshold;
    this.maxAllowedViolations = maxAllowedViolations;
    this.formats = List.copyOf(formats);
  }

  ScanRequest request() {
    return request;
  }

  FailThreshold threshold() {
    return threshold;
  }

  int maxAllowedViolations() {
    return maxAllowedViolations;
  }

  List<ReportFormat> formats() {
    return formats;
  }

  /**
   * The source roots to scan: compile roots, then test roots, each existing directory once.
   * Generated roots (under the build directory, where annotation processors and code generators
   * write) are left out when {@code excludeGenerated}: findings in code nobody edits are findings
   * nobody fixes.
   */
  static List<Path> sourceRoots(List<String> compileRoots, List<String> testRoots,
      String buildDirectory, boolean excludeGenerated) {
    Path build = buildDirectory == null ? null : Path.of(buildDirectory).toAbsolutePath()
        .normalize();
    Set<Path> roots = new LinkedHashSet<>();
    List<String> all = new ArrayList<>();
    if (compileRoots != null) {
      all.addAll(compileRoots);
    }
    if (testRoots != null) {
      all.addAll(testRoots);
    }
    for (String root : all) {
      if (root == null || root.isBlank()) {
        continue;
      }
      Path path = Path.of(root).toAbsolutePath().normalize();
      if (!Files.isDirectory(path)) {
        continue;
      }
      if (excludeGenerated && build != null && path.startsWith(build)) {
        continue;
      }
      roots.add(path);
    }
    return List.copyOf(roots);
  }

  /** Collects raw parameter values; {@link #build} checks them. */
  static final class Builder {
    private List<Path> roots = List.of();
    private Path baseDirectory;
    private List<String> includes = List.of();
    private List<String> excludes = List.of();
    private boolean excludeGeneratedSources = true;
    private String encoding;
    private List<String> rules = List.of();
    private String failOnSeverity = "high";
    private int maxAllowedViolations;
    private List<String> formats = List.of("sarif");
    private Path cacheDirectory;
    private Path configFile;
    private Consumer<String> cacheWarnings = warning -> { };

    Builder roots(List<Path> value) {
      this.roots = value;
      return this;
    }

    Builder baseDirectory(Path value) {
      this.baseDirectory = value;
      return this;
    }

    Builder includes(List<String> value) {
      this.includes = orEmpty(value);
      return this;
    }

    Builder excludes(List<String> value) {
      this.excludes = orEmpty(value);
      return this;
    }

    Builder excludeGeneratedSources(boolean value) {
      this.excludeGeneratedSources = value;
      return this;
    }

    Builder encoding(String value) {
      this.encoding = value;
      return this;
    }

    Builder rules(List<String> value) {
      this.rules = orEmpty(value);
      return this;
    }

    Builder failOnSeverity(String value) {
      this.failOnSeverity = value;
      return this;
    }

    Builder maxAllowedViolations(int value) {
      this.maxAllowedViolations = value;
      return this;
    }

    Builder formats(List<String> value) {
      this.formats = orEmpty(value);
      return this;
    }

    /** Keeps per-file results in {@code directory}; {@code null}: no cache. */
    /** bulwark.yml to use; when absent, the nearest one at or above the base directory. */
    Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    Builder cache(Path directory, Consumer<String> warnings) {
      this.cacheDirectory = directory;
      this.cacheWarnings = warnings;
      return this;
    }

    /** True for a scan that is one module of a reactor: see ScanRequest.assumeUntrustedInput. */
    Builder partOfReactor(boolean value) {
      this.partOfReactor = value;
      return this;
    }

    /** The modules' folders and their caches, whose results an aggregate scan merges. */
    Builder moduleCaches(java.util.Map<Path, Path> value) {
      this.moduleCaches = new java.util.LinkedHashMap<>(value);
      return this;
    }

    private boolean partOfReactor;
    private java.util.Map<Path, Path> moduleCaches = java.util.Map.of();

    /** Validates every parameter against {@code registry}; the first bad one is named. */
    CheckPlan build(RuleRegistry registry) throws MojoExecutionException {
      FailThreshold threshold;
      try {
        threshold = FailThreshold.parse(failOnSeverity);
      } catch (IllegalArgumentException e) {
        throw invalid("failOnSeverity", e);
      }
      if (maxAllowedViolations < 0) {
        throw new MojoExecutionException("Invalid value for parameter 'maxAllowedViolations' "
            + "(bulwark.maxAllowedViolations): must be 0 or more, was " + maxAllowedViolations);
      }
      List<ReportFormat> parsedFormats = new ArrayList<>();
      for (String name : splitCommas(formats)) {
        try {
          ReportFormat format = ReportFormat.parse(name);
          if (!parsedFormats.contains(format)) {
            parsedFormats.add(format);
          }
        } catch (IllegalArgumentException e) {
          throw invalid("formats", e);
        }
      }
      try {
        new SourceDiscovery(includes, List.of(), false);
      } catch (IllegalArgumentException e) {
        throw invalid("includes", e);
      }
      try {
        new SourceDiscovery(List.of(), excludes, false);
      } catch (IllegalArgumentException e) {
        throw invalid("excludes", e);
      }
      ScanRequest.Builder request = ScanRequest.builder()
          .roots(roots)
          .baseDirectory(baseDirectory)
          .includes(includes)
          .excludes(excludes)
          .includeGenerated(!excludeGeneratedSources);
      try {
        request.encoding(encoding);
      } catch (IllegalArgumentException e) {
        throw invalid("encoding", e);
      }
      request.rules(rules);
      try {
        java.util.Optional<Path> file = configFile != null && java.nio.file.Files.exists(configFile)
            ? java.util.Optional.of(configFile)
            : io.github.bulwark.core.config.ConfigLoader.find(baseDirectory);
        if (file.isPresent()) {
          request.config(new io.github.bulwark.core.config.ConfigLoader(registry)
              .load(file.get()));
        }
      } catch (IllegalArgumentException e) {
        throw invalid("configFile", e);
      }
      request.assumeUntrustedInput(partOfReactor);
      if (cacheDirectory != null) {
        request.cache(ResultCache.in(cacheDirectory, cacheWarnings));
        moduleCaches.forEach((module, directory) ->
            request.moduleCache(module, ResultCache.in(directory, cacheWarnings)));
      }
      ScanRequest built;
      try {
        built = request.build();
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException("Bulwark configuration error: " + e.getMessage(), e);
      }
      try {
        registry.select(built.ruleIds());
      } catch (IllegalArgumentException e) {
        throw invalid("rules", e);
      }
      return new CheckPlan(built, threshold, maxAllowedViolations, parsedFormats);
    }

    private static MojoExecutionException invalid(String parameter, IllegalArgumentException e) {
      return new MojoExecutionException("Invalid value for parameter '" + parameter
          + "' (bulwark." + parameter + "): " + e.getMessage(), e);
    }

    private static List<String> orEmpty(List<String> value) {
      return value == null ? List.of() : value;
    }

    /** {@code -Dbulwark.formats=sarif,text} arrives as one element in some Maven versions. */
    private static List<String> splitCommas(List<String> values) {
      List<String> parts = new ArrayList<>();
      for (String value : values) {
        if (value == null) {
          continue;
        }
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            parts.add(part.trim());
          }
        }
      }
      return parts;
    }
  }
}
