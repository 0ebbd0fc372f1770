package io.github.bulwark.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.engine.FailThreshold;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.report.ReportFormat;
import io.github.bulwark.core.rule.RuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure translations the Mojo relies on: parameters to a plan, findings to log lines. */
class CheckPlanTest {

  @TempDir
  Path project;

  @Test
  void sourceRootsKeepExistingDirectoriesOnceAndDropGeneratedOnes() throws Exception {
    Path main = Files.createDirectories(project.resolve("src/main/java"));
    Path tests = Files.createDirectories(project.resolve("src/test/java"));
    Path generated = Files.createDirectories(
        project.resolve("target/generated-sources/annotations"));
    Path target = project.resolve("target");
    List<String> compile = List.of(main.toString(), generated.toString(), main.toString(),
        project.resolve("src/main/missing").toString());

    assertEquals(List.of(main),
        CheckPlan.sourceRoots(compile, List.of(), target.toString(), true));
    assertEquals(List.of(main, generated),
        CheckPlan.sourceRoots(compile, List.of(), target.toString(), false));
    assertEquals(List.of(main, tests),
        CheckPlan.sourceRoots(compile, List.of(tests.toString()), target.toString(), true));
  }

  @Test
  void parametersBecomeOneRequest() throws Exception {
    Path main = Files.createDirectories(project.resolve("src/main/java"));
    CheckPlan plan = new CheckPlan.Builder()
        .roots(List.of(main))
        .baseDirectory(project)
        .includes(List.of("com/**"))
        .excludes(null)
        .encoding("ISO-8859-1")
        .rules(List.of("SwallowedException"))
        .failOnSeverity("MEDIUM")
        .maxAllowedViolations(3)
        .formats(List.of("sarif,text", "sarif"))
        .build(RuleRegistry.load());

    assertEquals(List.of(main), plan.request().roots());
    assertEquals(project.toAbsolutePath().normalize(), plan.request().baseDirectory());
    assertEquals(List.of("com/**"), plan.request().includes());
    assertEquals(StandardCharsets.ISO_8859_1, plan.request().encoding());
    assertEquals(List.of("SwallowedException"), plan.request().ruleIds());
    assertEquals(FailThreshold.parse("medium"), plan.threshold());
    assertEquals(3, plan.maxAllowedViolations());
    assertEquals(List.of(ReportFormat.SARIF, ReportFormat.TEXT), plan.formats());
  }

  @Test
  void missingEncodingMeansUtf8() throws Exception {
    CheckPlan plan = new CheckPlan.Builder().roots(List.of(project)).baseDirectory(project)
        .encoding(null).build(RuleRegistry.load());
    assertEquals(StandardCharsets.UTF_8, plan.request().encoding());
  }

  @Test
  void badIncludeGlobNamesTheParameter() {
    MojoExecutionException error = assertThrows(MojoExecutionException.class,
        () -> new CheckPlan.Builder().roots(List.of(project)).baseDirectory(project)
            .includes(List.of("{unclosed")).build(RuleRegistry.load()));
    assertTrue(error.getMessage().startsWith("Invalid value for parameter 'includes'"),
        error.getMessage());
  }

  @Test
  void findingLineIsAbsoluteInTheCompilerShape() {
    Finding finding = new Finding("TrustAllCertificates", Severity.CRITICAL, Confidence.HIGH,
        "src/main/java/com/acme/Foo.java", new SourceRange(16, 17, 16, 34),
        "checkServerTrusted() accepts every server certificate", "Use SecureHttp.", "abc");
    Path base = Path.of("/work/app");

    assertEquals("/work/app/src/main/java/com/acme/Foo.java:[16,17] CRITICAL "
        + "[TrustAllCertificates] checkServerTrusted() accepts every server certificate",
        LogLines.finding(base, finding));
    assertEquals("    fix: Use SecureHttp. (docs/rules/TrustAllCertificates.md)",
        LogLines.fix(finding));
    assertTrue(LogLines.isError(finding));
  }

  @Test
  void mediumAndLowFindingsAreWarnings() {
    Finding finding = new Finding("SwallowedException", Severity.MEDIUM, Confidence.HIGH,
        "A.java", new SourceRange(1, 1, 1, 2), "m", "f", "x");
    assertTrue(!LogLines.isError(finding));
  }

  @Test
  void diagnosticLineUsesTheSameShape() {
    Path base = Path.of("/work/app");
    assertEquals("/work/app/src/Bad.java:[3,9] parse error: ';' expected",
        LogLines.diagnostic(base,
            new Diagnostic(Diagnostic.Kind.PARSE_ERROR, "src/Bad.java", 3, 9, "';' expected")));
    assertEquals("/work/app/src/Big.java: limit exceeded: over 10 MiB",
        LogLines.diagnostic(base,
            new Diagnostic(Diagnostic.Kind.LIMIT_EXCEEDED, "src/Big.java", 0, 0, "over 10 MiB")));
  }
}
