package io.github.bulwark.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.verify;

import io.github.bulwark.core.baseline.Baseline;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The baseline goal, and check with a baseline, HTML reports and required suppression reasons,
 * over the violating project (one critical TrustAllCertificates, one medium SwallowedException).
 */
@MojoTest
class BaselineMojoTest {

  private static final String VIOLATING = "/projects/violating";

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "baseline")
  void baselineGoalRecordsEveryFindingAndNeverFails(BaselineMojo mojo) throws Exception {
    Path file = Files.createTempDirectory("bulwark-baseline").resolve("b/bulwark-baseline.json");
    mojo.baselineFile = file.toFile();
    mojo.execute();
    assertEquals(2, Baseline.read(file).entries().size());
    verify(mojo.getLog()).info(startsWith("Bulwark baseline: 2 findings recorded in " + file));
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void checkHasNoBaselineUnlessConfigured(CheckMojo mojo) {
    assertNull(mojo.baselineFile);
    assertEquals(false, mojo.requireSuppressionReason);
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void checkWithABaselineFailsOnlyOnNewFindingsAndPrintsCounts(CheckMojo mojo) throws Exception {
    Path file = Files.createTempFile("bulwark-baseline", ".json");
    mojo.failOnViolation = false;
    // Record the baseline the way the baseline goal does: the same scan, then Baseline.from.
    CheckMojo.Scanned scanned = mojo.scanProject(mojo.getLog()).orElseThrow();
    Baseline.from(scanned.result()).write(file);
    mojo.failOnViolation = true;
    mojo.failOnSeverity = "low";
    mojo.baselineFile = file.toFile();
    mojo.execute();
    verify(mojo.getLog()).info("Baseline: 0 new, 2 baselined, 0 fixed");
    verify(mojo.getLog()).info(startsWith("Bulwark: 0 findings in"));
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void staleEntriesAreListedAsFixedAndNewFindingsStillFail(CheckMojo mojo) throws Exception {
    Path file = Files.createTempFile("bulwark-baseline", ".json");
    Files.writeString(file, "{\"version\":1,\"tool\":\"bulwark\",\"entries\":[{\"ruleId\":"
        + "\"SqlInjection\",\"fingerprint\":\"0011\",\"file\":\"src/main/java/Gone.java\","
        + "\"line\":3,\"message\":\"gone\"}]}");
    mojo.baselineFile = file.toFile();
    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(failure.getMessage().contains("1 finding at or above high"), failure.getMessage());
    verify(mojo.getLog()).info(startsWith("Baseline: 2 new, 0 baselined, 1 fixed (no longer"));
    verify(mojo.getLog()).info("  fixed: src/main/java/Gone.java:3: [SqlInjection] gone");
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  void aCorruptBaselineIsAConfigurationErrorNamingTheParameterAndFile(CheckMojo mojo)
      throws Exception {
    Path file = Files.createTempFile("bulwark-baseline", ".json");
    Files.writeString(file, "{\"version\":1,\"entries\":[{\"ruleId\":\"X\"}]}");
    mojo.baselineFile = file.toFile();
    MojoExecutionException error = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(error.getMessage().startsWith("Invalid value for parameter 'baselineFile' "
        + "(bulwark.baselineFile): baseline file " + file), error.getMessage());
    assertTrue(error.getMessage().contains("entry 1 has no 'fingerprint'"), error.getMessage());
  }

  @Test
  @Basedir(VIOLATING)
  @InjectMojo(goal = "check")
  @MojoParameter(name = "formats", value = "html,sarif")
  @MojoParameter(name = "failOnViolation", value = "false")
  void htmlFormatWritesBulwarkHtml(CheckMojo mojo) throws Exception {
    mojo.outputDirectory = Files.createTempDirectory("bulwark-reports").toFile();
    mojo.execute();
    String html = Files.readString(mojo.outputDirectory.toPath().resolve("bulwark.html"));
    assertTrue(html.contains("data-rule=\"TrustAllCertificates\""), html);
    assertTrue(Files.exists(mojo.outputDirectory.toPath().resolve("bulwark.sarif")));
  }
}
