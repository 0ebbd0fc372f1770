package io.github.bulwark.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.Test;

/**
 * The check goal as Maven configures it (plugin descriptor defaults, parameters, a project), run
 * over small projects under {@code src/test/resources/projects}. The violating project holds one
 * critical TrustAllCertificates and one medium SwallowedException in main, and one medium
 * SwallowedException in its tests.
 */
@MojoTest
class CheckMojoTest {

  private static final String VIOLATING = "/projects/violating";
  private static final String CLEAN = "/projects/clean";

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void defaultsComeFromThePluginDescriptor(CheckMojo mojo) {
    assertFalse(mojo.skip);
    assertEquals("high", mojo.failOnSeverity);
    assertTrue(mojo.failOnViolation);
    assertEquals(0, mojo.maxAllowedViolations);
    assertFalse(mojo.includeTests);
    assertTrue(mojo.excludeGeneratedSources);
    assertEquals(List.of("sarif"), mojo.formats);
    assertTrue(mojo.printFindings);
    assertEquals(Path.of(mojo.project.getBuild().getDirectory(), "bulwark"),
        mojo.outputDirectory.toPath());
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void criticalFindingFailsTheBuildWithTheCountAndThreshold(CheckMojo mojo) {
    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(failure.getMessage().contains("1 finding at or above high"), failure.getMessage());
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void findingsArePrintedInTheCompilerStyleWithTheirFix(CheckMojo mojo) {
    assertThrows(MojoFailureException.class, mojo::execute);
    String foo = Path.of(mojo.project.getBasedir().getPath(), "src/main/java/com/acme/Foo.java")
        .toAbsolutePath().normalize().toString();
    Log log = mojo.getLog();
    verify(log).error(foo + ":[16,17] CRITICAL [TrustAllCertificates] checkServerTrusted() "
        + "accepts every server certificate without validating it");
    verify(log).warn(startsWith(foo + ":[27,7] MEDIUM [SwallowedException] "));
    verify(log, atLeastOnce()).error(startsWith("    fix: "));
    verify(log).info(startsWith("Bulwark: 2 findings (1 critical, 1 medium)"));
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "printFindings", value = "false")
  void printFindingsFalseKeepsTheSummaryOnly(CheckMojo mojo) {
    assertThrows(MojoFailureException.class, mojo::execute);
    Log log = mojo.getLog();
    verify(log, never()).error(anyString());
    verify(log).info(startsWith("Bulwark: 2 findings"));
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "failOnSeverity", value = "medium")
  void lowerThresholdCountsMoreFindings(CheckMojo mojo) {
    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(failure.getMessage().contains("2 findings at or above medium"),
        failure.getMessage());
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "failOnSeverity", value = "medium")
  @MojoParameter(name = "includeTests", value = "true")
  void includeTestsAlsoScansTestSources(CheckMojo mojo) {
    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(failure.getMessage().contains("3 findings at or above medium"),
        failure.getMessage());
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "failOnViolation", value = "false")
  void failOnViolationFalseOnlyReports(CheckMojo mojo) throws Exception {
    mojo.execute();
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "failOnSeverity", value = "none")
  void thresholdNoneNeverFails(CheckMojo mojo) throws Exception {
    mojo.execute();
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "maxAllowedViolations", value = "1")
  void findingsWithinMaxAllowedPass(CheckMojo mojo) throws Exception {
    mojo.execute();
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "failOnSeverity", value = "medium")
  @MojoParameter(name = "maxAllowedViolations", value = "1")
  void findingsOverMaxAllowedFail(CheckMojo mojo) {
    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(failure.getMessage().contains("more than the 1 allowed"), failure.getMessage());
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "maxAllowedViolations", value = "-1")
  void negativeMaxAllowedIsAConfigurationError(CheckMojo mojo) {
    assertConfigurationError(mojo, "maxAllowedViolations");
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "failOnSeverity", value = "severe")
  void unknownThresholdIsAConfigurationError(CheckMojo mojo) {
    assertConfigurationError(mojo, "failOnSeverity");
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "rules", value = "TrustAllCertificates,NoSuchRule")
  void unknownRuleIsAConfigurationError(CheckMojo mojo) {
    String message = assertConfigurationError(mojo, "rules");
    assertTrue(message.contains("NoSuchRule"), message);
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "encoding", value = "UTF-99")
  void unknownEncodingIsAConfigurationError(CheckMojo mojo) {
    assertConfigurationError(mojo, "encoding");
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "formats", value = "sarif,pdf")
  void unknownFormatIsAConfigurationError(CheckMojo mojo) {
    assertConfigurationError(mojo, "formats");
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "excludes", value = "com/[acme")
  void badGlobIsAConfigurationError(CheckMojo mojo) {
    assertConfigurationError(mojo, "excludes");
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "rules", value = "SwallowedException")
  void rulesRestrictTheScan(CheckMojo mojo) throws Exception {
    mojo.execute(); // only the medium finding remains, below the high threshold
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "excludes", value = "**/Foo.java")
  void excludesLeaveFilesOut(CheckMojo mojo) throws Exception {
    mojo.execute();
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "skip", value = "true")
  void skipDoesNothing(CheckMojo mojo) throws Exception {
    Files.deleteIfExists(mojo.outputDirectory.toPath().resolve("bulwark.sarif"));
    mojo.execute();
    assertFalse(Files.exists(mojo.outputDirectory.toPath().resolve("bulwark.sarif")));
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void pomPackagingIsSkipped(CheckMojo mojo) throws Exception {
    Files.deleteIfExists(mojo.outputDirectory.toPath().resolve("bulwark.sarif"));
    mojo.project.setPackaging("pom");
    mojo.execute();
    assertFalse(Files.exists(mojo.outputDirectory.toPath().resolve("bulwark.sarif")));
  }

  @Test
  @Basedir(CLEAN)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "formats", value = "sarif,text")
  void reportsAreWrittenToTheOutputDirectory(CheckMojo mojo) throws Exception {
    Path output = mojo.outputDirectory.toPath();
    Files.deleteIfExists(output.resolve("bulwark.sarif"));
    Files.deleteIfExists(output.resolve("bulwark.txt"));
    mojo.execute();
    String sarif = Files.readString(output.resolve("bulwark.sarif"));
    assertTrue(sarif.contains("\"version\": \"2.1.0\"") || sarif.contains("\"version\":\"2.1.0\""),
        sarif);
    assertTrue(Files.readString(output.resolve("bulwark.txt")).contains("Bulwark: 0 findings"));
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void reportsAreWrittenBeforeTheBuildFails(CheckMojo mojo) throws Exception {
    Path sarif = mojo.outputDirectory.toPath().resolve("bulwark.sarif");
    Files.deleteIfExists(sarif);
    assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(Files.readString(sarif).contains("TrustAllCertificates"));
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void unwritableOutputDirectoryIsAnExecutionError(CheckMojo mojo) throws Exception {
    Path blocker = Files.createTempFile("bulwark-blocker", ".txt");
    try {
      mojo.outputDirectory = blocker.toFile(); // a file where a directory must go
      MojoExecutionException error = assertThrows(MojoExecutionException.class, mojo::execute);
      assertTrue(error.getMessage().contains("could not write its reports"), error.getMessage());
    } finally {
      Files.deleteIfExists(blocker);
    }
  }

  private static String assertConfigurationError(CheckMojo mojo, String parameter) {
    MojoExecutionException error = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(error.getMessage().contains("'" + parameter + "'"), error.getMessage());
    return error.getMessage();
  }
}
