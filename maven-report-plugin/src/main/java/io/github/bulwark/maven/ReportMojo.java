package io.github.bulwark.maven;

import io.github.bulwark.core.baseline.Baseline;
import io.github.bulwark.core.baseline.ScanPolicy;
import io.github.bulwark.core.engine.BulwarkVersion;
import io.github.bulwark.core.engine.Verdict;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The "Bulwark" page of {@code mvn site}, next to the PMD and SpotBugs reports: counts by
 * severity and by rule, every finding (file:line, severity, rule linked to its page, message,
 * fix) and the scan's diagnostics. Scans exactly as {@code check} does, with the same
 * parameters (it runs {@code check}'s scan); never fails the build on findings.
 *
 * <p>In bulwark-maven-report-plugin, apart from {@code check}: Maven builds a plugin's class realm
 * whenever one of its goals runs, and this page's Doxia would otherwise be loaded by every
 * {@code mvn verify}. It sits in {@code check}'s package to configure a {@link CheckMojo}.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class ReportMojo extends AbstractMavenReport {

  /** Skips the report. */
  @Parameter(property = "bulwark.skip", defaultValue = "false")
  boolean skip;

  /** The severity the page counts as failing (as {@code check} would): critical .. low, none. */
  @Parameter(property = "bulwark.failOnSeverity", defaultValue = "high")
  String failOnSeverity;

  /** How many failing findings {@code check} tolerates; the page says whether it would fail. */
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

  /** The encoding of the source files. */
  @Parameter(property = "bulwark.encoding", defaultValue = "${project.build.sourceEncoding}")
  String encoding;

  /** Lists suppressions that give no reason as {@code SuppressionWithoutReason} findings. */
  @Parameter(property = "bulwark.requireSuppressionReason", defaultValue = "false")
  boolean requireSuppressionReason;

  /** A baseline written by the {@code baseline} goal; its findings are left off the page. */
  @Parameter(property = "bulwark.baselineFile")
  File baselineFile;

  /** The project configuration; default: the nearest {@code bulwark.yml} at or above. */
  @Parameter(property = "bulwark.configFile")
  File configFile;

  /** Where per-file results are kept (shared with {@code check}). */
  @Parameter(property = "bulwark.cacheDirectory",
      defaultValue = "${project.build.directory}/bulwark/cache")
  File cacheDirectory;

  /** Reuses the results of unchanged files from {@code cacheDirectory}; false analyses all. */
  @Parameter(property = "bulwark.useCache", defaultValue = "true")
  boolean useCache;

  @Override
  public String getOutputName() {
    return "bulwark";
  }

  @Override
  public String getName(Locale locale) {
    return "Bulwark";
  }

  @Override
  public String getDescription(Locale locale) {
    return "Security findings of Bulwark's static checks of the Java sources, with their fixes.";
  }

  @Override
  public boolean canGenerateReport() {
    if (skip) {
      return false;
    }
    List<MavenProject> projects = projectsToScan();
    return !ProjectSources.onlyPoms(projects)
        && !ProjectSources.roots(projects, includeTests, excludeGeneratedSources).isEmpty();
  }

  @Override
  protected void executeReport(Locale locale) throws MavenReportException {
    CheckMojo check = scanner();
    try {
      Optional<Baseline> baseline = check.readBaseline();
      Optional<CheckMojo.Scanned> scanned = check.scanProject(getLog());
      if (scanned.isEmpty()) {
        return;
      }
      CheckPlan plan = scanned.get().plan();
      ScanPolicy.Outcome outcome =
          new ScanPolicy(requireSuppressionReason, baseline).apply(scanned.get().result());
      Verdict verdict =
          Verdict.of(outcome.result(), plan.threshold(), plan.maxAllowedViolations());
      new SiteReport(getSink(), outcome, verdict, BulwarkVersion.get()).render();
    } catch (MojoExecutionException e) {
      throw new MavenReportException(e.getMessage(), e);
    }
  }

  /** The projects the page covers: this one; every reactor project for {@code aggregate}. */
  List<MavenProject> projectsToScan() {
    return List.of(project);
  }

  /** A {@code check} (or {@code aggregate-check}) over the same projects, never writing files. */
  CheckMojo newCheck() {
    return new CheckMojo();
  }

  /** {@code check}'s scan, configured from this goal's parameters. */
  private CheckMojo scanner() {
    CheckMojo check = newCheck();
    check.setLog(getLog());
    check.project = project;
    check.skip = skip;
    check.failOnSeverity = failOnSeverity;
    check.maxAllowedViolations = maxAllowedViolations;
    check.includeTests = includeTests;
    check.excludeGeneratedSources = excludeGeneratedSources;
    check.includes = includes;
    check.excludes = excludes;
    check.rules = rules;
    check.formats = List.of();
    check.encoding = encoding;
    check.requireSuppressionReason = requireSuppressionReason;
    check.baselineFile = baselineFile;
    check.configFile = configFile;
    check.cacheDirectory = cacheDirectory;
    check.useCache = useCache;
    check.reactorProjects = reactorProjects;
    return check;
  }
}
