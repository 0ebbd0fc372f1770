package io.github.bulwark.cli;

import io.github.bulwark.core.baseline.Baseline;
import io.github.bulwark.core.baseline.ScanPolicy;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bulwark baseline PATH... [--output FILE]}: records every current finding so that
 * {@code scan --baseline FILE} fails only on new ones.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = "Record the current findings under each PATH in a baseline file; "
        + "'scan --baseline FILE' then fails only on new findings.")
final class BaselineCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ScanOptions scan;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write the baseline (default: " + Baseline.DEFAULT_FILE_NAME
          + " in the working directory).")
  Path output = Path.of(Baseline.DEFAULT_FILE_NAME);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ScanResult result;
    try {
      ScanRequest request = scan.request();
      result = Engine.withAllRules().scan(request);
    } catch (IllegalArgumentException e) {
      err.println("bulwark: " + e.getMessage());
      return BulwarkCli.EXIT_USAGE;
    }
    result = new ScanPolicy(scan.requireSuppressionReason, Optional.empty())
        .forNewBaseline(result);
    for (Diagnostic diagnostic : result.diagnostics()) {
      err.println(diagnostic.describe());
    }
    Baseline baseline = Baseline.from(result);
    try {
      Path written = baseline.write(output);
      int count = baseline.entries().size();
      out.println("Baseline: " + count + (count == 1 ? " finding" : " findings")
          + " recorded in " + written);
      if (result.filesNotAnalysed() > 0) {
        out.println("  " + result.filesNotAnalysed() + " files were not analysed; their findings"
            + " are not in the baseline (see the diagnostics above)");
      }
    } catch (IOException e) {
      err.println("bulwark: cannot write baseline " + output + ": " + e.getMessage());
      return BulwarkCli.EXIT_USAGE;
    }
    out.flush();
    return BulwarkCli.EXIT_CLEAN;
  }
}
