package io.github.bulwark.maven;

import io.github.bulwark.core.baseline.Baseline;
import io.github.bulwark.core.baseline.ScanPolicy;
import io.github.bulwark.core.engine.ScanResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Records the project's current findings in a baseline file ({@code baselineFile}, by default
 * {@code ${project.basedir}/bulwark-baseline.json}), so that {@code check} with the same
 * {@code baselineFile} fails only on new findings. Scans exactly as {@code check} does, with the
 * same parameters; never fails on findings.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends CheckMojo {

  @Override
  public void execute() throws MojoExecutionException {
    Log log = getLog();
    Optional<Scanned> scanned = scanProject(log);
    if (scanned.isEmpty()) {
      return;
    }
    ScanResult result = new ScanPolicy(requireSuppressionReason, Optional.empty())
        .forNewBaseline(scanned.get().result());
    for (var diagnostic : result.diagnostics()) {
      log.warn(LogLines.diagnostic(result.baseDirectory(), diagnostic));
    }
    File target = baselineFile != null ? baselineFile
        : new File(project.getBasedir(), Baseline.DEFAULT_FILE_NAME);
    Baseline baseline = Baseline.from(result);
    try {
      Path written = baseline.write(target.toPath());
      int count = baseline.entries().size();
      log.info("Bulwark baseline: " + count + (count == 1 ? " finding" : " findings")
          + " recorded in " + written);
      if (result.filesNotAnalysed() > 0) {
        log.warn("Bulwark baseline: " + result.filesNotAnalysed() + " files were not analysed;"
            + " their findings are not in the baseline");
      }
    } catch (IOException e) {
      throw new MojoExecutionException("Bulwark could not write the baseline " + target + ": "
          + e.getMessage(), e);
    }
  }
}
