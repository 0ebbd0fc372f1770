package io.github.bulwark.maven;

import io.github.bulwark.core.baseline.Baseline;
import io.github.bulwark.core.baseline.BaselineException;
import io.github.bulwark.core.baseline.ScanPolicy;
import io.github.bulwark.core.engine.BulwarkVersion;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.engine.Verdict;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.report.ConsoleReport;
import io.github.bulwark.core.report.ReportWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Scans the project's sources for security problems and fails the build when findings at or
 * above {@code failOnSeverity} remain. Thin by design: it turns its parameters into one
 * {@link CheckPlan}, runs checker-core, prints what it found and decides.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** Skips the check entirely. */
  @Parameter(property = "bulwark.skip", defaultValue = "false")
  boolean skip;

  /** Findings at or above this severity fail the build: critical, high, medium, low or none. */
  @Parameter(property = "bulwark.failOnSeverity", defaultValue = "high")
  String failOnSeverity;

  /** Whether failing findings fail the build; when false they are only reported. */
  @Parameter(property = "bulwark.failOnViolation", defaultValue = "true")
  boolean failOnViolation;

  /** How many failing findings are tolerated before the build fails (a backlog being worked). */
  @Parameter(property = "bulwark.maxAllowedViolations", defaultValue = "0")
  int maxAllowedViolations;

  /** Also scans the test compile source roots. */
  @Parameter(property = "bulwark.includeTests", defaultValue = "false")
  boolean includeTests;

  /** Leaves generated sources (under the build directory or in generated folders) unscanned. */
  @Parameter(property = "bulwark.excludeGeneratedSources", defaultValue = "true")
  boolean excludeGeneratedSources;

  /** Globs, relative to each source root, of the files to scan; empty means every .java file. */
  @Parameter(property = "bulwark.includes")
  List<String> includes;

  /** Globs, relative to each source root, of files or folders to leave out. */
  @Parameter(property = "bulwark.excludes")
  List<String> excludes;

  /** Rule ids (or former ids) to run; empty means every rule. */
  @Parameter(property = "bulwark.rules")
  List<String> rules;

  /** Report formats written to {@code outputDirectory}: sarif, text, html. */
  @Parameter(property = "bulwark.formats", defaultValue = "sarif")
  List<String> formats;

  /** Where the reports go. */
  @Parameter(property = "bulwark.outputDirectory",
      defaultValue = "${project.build.directory}/bulwark")
  File outputDirectory;

  /** The encoding of the source files. */
  @Parameter(property = "bulwark.encoding", defaultValue = "${project.build.sourceEncoding}")
  String encoding;

  /** Prints each finding to the build log. */
  @Parameter(property = "bulwark.printFindings", defaultValue = "true")
  boolean printFindings;

  /**
   * Reports each suppression that gives no reason ({@code // bulwark:ignore RuleId -- reason},
   * or a {@code // reason} comment next to {@code @SuppressWarnings("bulwark:RuleId")}) as a
   * low-severity {@code SuppressionWithoutReason} finding.
   */
  @Parameter(property = "bulwark.requireSuppressionReason", defaultValue = "false")
  boolean requireSuppressionReason;

  /**
   * A baseline written by the {@code baseline} goal. The findings it records are reported as
   * baselined and do not fail the build; only new ones do. For the {@code baseline} goal, where to
   * write it (default {@code ${project.basedir}/bulwark-baseline.json}).
   */
  @Parameter(property = "bulwark.baselineFile")
  File baselineFile;

  /** One scan of the project, with the plan it ran under. */
  record Scanned(CheckPlan plan, ScanResult result) {}

  /** Where per-file results are kept, so files that did not change are not parsed again. */
  /**
   * The project configuration (rules switched off, severities, excludes, taint sources and
   * sanitizers, secret formats). Default: the nearest {@code bulwark.yml} at or above the
   * project, up to the repository root, so one file serves every module.
   */
  @Parameter(property = "bulwark.configFile")
  File configFile;

  @Parameter(property = "bulwark.cacheDirectory",
      defaultValue = "${project.build.directory}/bulwark/cache")
  File cacheDirectory;

  /** Reuses the results of unchanged files from {@code cacheDirectory}; false analyses all. */
  @Parameter(property = "bulwark.useCache", defaultValue = "true")
  boolean useCache;

  /** Every project of the build: a module of a multi-module build is scanned as a part. */
  @Parameter(defaultValue = "${reactorProjects}", readonly = true, required = true)
  List<MavenProject> reactorProjects;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Log log = getLog();
    Optional<Baseline> baseline = readBaseline();
    Optional<Scanned> scanned = scanProject(log);
    if (scanned.isEmpty()) {
      return;
    }
    CheckPlan plan = scanned.get().plan();
    ScanPolicy.Outcome outcome =
        new ScanPolicy(requireSuppressionReason, baseline).apply(scanned.get().result());
    ScanResult result = outcome.result();

    print(result, log);
    outcome.summaryLines().forEach(log::info);
    List<Path> written = writeReports(plan, result);
    written.forEach(path -> log.info("Bulwark report: " + path));

    Verdict verdict = Verdict.of(result, plan.threshold(), plan.maxAllowedViolations());
    if (!verdict.fails()) {
      log.info("Bulwark: " + verdict.describe());
      return;
    }
    String message = "Bulwark: " + verdict.describe() + " (failOnSeverity="
        + plan.threshold().label() + ", maxAllowedViolations=" + plan.maxAllowedViolations() + ")";
    if (failOnViolation) {
      throw new MojoFailureException(message + ". Fix the findings listed above, or suppress "
          + "one with @SuppressWarnings(\"bulwark:RuleId\") and a reason"
          + (written.isEmpty() ? "." : "; reports in " + written.get(0).getParent() + "."));
    }
    log.warn(message + "; not failing because failOnViolation=false");
  }

  /**
   * The projects whose sources one scan reads: this one; every reactor project for the
   * aggregate goals. Reports paths relative to {@code project}'s base directory either way.
   */
  List<MavenProject> projectsToScan() {
    return List.of(project);
  }

  /**
   * The modules whose own caches this scan may take results from, by folder: none for a
   * module's own check; every other reactor project for the aggregate goals.
   */
  java.util.Map<Path, Path> moduleCaches() {
    return java.util.Map.of();
  }

  /** The baseline named by {@code baselineFile}, read and checked; empty without one. */
  Optional<Baseline> readBaseline() throws MojoExecutionException {
    if (baselineFile == null || skip) {
      return Optional.empty();
    }
    try {
      return Optional.of(Baseline.read(baselineFile.toPath()));
    } catch (BaselineException e) {
      throw new MojoExecutionException("Invalid value for parameter 'baselineFile' "
          + "(bulwark.baselineFile): " + e.getMessage(), e);
    }
  }

  /** Scans the project's roots as configured; empty when skipped or nothing to scan. */
  Optional<Scanned> scanProject(Log log) throws MojoExecutionException {
    if (skip) {
      log.info("Skipping Bulwark check (bulwark.skip=true)");
      return Optional.empty();
    }
    List<MavenProject> projects = projectsToScan();
    if (ProjectSources.onlyPoms(projects)) {
      log.info("Skipping Bulwark check: packaging 'pom' has no sources");
      return Optional.empty();
    }
    List<Path> roots = ProjectSources.roots(projects, includeTests, excludeGeneratedSources);
    if (roots.isEmpty()) {
      log.info("Skipping Bulwark check: no source roots to scan");
      return Optional.empty();
    }
    if (encoding == null || encoding.isBlank()) {
      log.warn("File encoding has not been set, using UTF-8 to read sources! "
          + "Set project.build.sourceEncoding or the 'encoding' parameter.");
    }

    Engine engine;
    try {
      engine = Engine.withAllRules();
    } catch (RuntimeException e) {
      throw new MojoExecutionException("Bulwark could not load its rules: " + e.getMessage(), e);
    }
    CheckPlan plan = new CheckPlan.Builder()
        .roots(roots)
        .baseDirectory(project.getBasedir().toPath())
        .includes(includes)
        .excludes(excludes)
        .excludeGeneratedSources(excludeGeneratedSources)
        .encoding(encoding)
        .rules(rules)
        .failOnSeverity(failOnSeverity)
        .maxAllowedViolations(maxAllowedViolations)
        .formats(formats)
        .cache(useCache && cacheDirectory != null ? cacheDirectory.toPath() : null, log::warn)
        .configFile(configFile == null ? null : configFile.toPath())
        // A module of a multi-module build asks the cross-file questions whether or not it reads
        // input itself, so an aggregate scan can merge its cached results with the others'.
        .partOfReactor(reactorProjects != null && reactorProjects.size() > 1)
        .moduleCaches(moduleCaches())
        .build(engine.registry());

    ScanResult result;
    try {
      result = engine.scan(plan.request());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("Bulwark configuration error: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("Bulwark failed while scanning: " + e, e);
    }

    plan.request().cache().flatMap(io.github.bulwark.core.cache.ResultCache::lastScan)
        .ifPresent(stats -> log.info("Bulwark cache: " + stats.describe()));
    return Optional.of(new Scanned(plan, result));
  }

  private void print(ScanResult result, Log log) {
    if (printFindings) {
      for (Finding finding : result.findings()) {
        String line = LogLines.finding(result.baseDirectory(), finding);
        String fix = LogLines.fix(finding);
        if (LogLines.isError(finding)) {
          log.error(line);
          log.error(fix);
        } else {
          log.warn(line);
          log.warn(fix);
        }
      }
    }
    for (Diagnostic diagnostic : result.diagnostics()) {
      log.warn(LogLines.diagnostic(result.baseDirectory(), diagnostic));
    }
    for (String line : ConsoleReport.summary(result).split("\n")) {
      log.info(line);
    }
  }

  private List<Path> writeReports(CheckPlan plan, ScanResult result)
      throws MojoExecutionException {
    if (plan.formats().isEmpty()) {
      return new ArrayList<>();
    }
    try {
      return new ReportWriter(BulwarkVersion.get())
          .writeAll(plan.formats(), result, outputDirectory.toPath());
    } catch (IOException | RuntimeException e) {
      throw new MojoExecutionException("Bulwark could not write its reports to "
          + outputDirectory + ": " + e.getMessage(), e);
    }
  }
}
