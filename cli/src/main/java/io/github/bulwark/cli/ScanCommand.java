package io.github.bulwark.cli;

import io.github.bulwark.core.engine.BulwarkVersion;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.FailThreshold;
import io.github.bulwark.core.engine.ScanRequest;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.engine.Verdict;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.report.ConsoleReport;
import io.github.bulwark.core.report.ReportFormat;
import io.github.bulwark.core.report.ReportRenderer;
import io.github.bulwark.core.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark scan PATH...}: translates options into a ScanRequest, prints, decides. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Scan Java sources under each PATH (directories or .java files).")
final class ScanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Directories or files to scan.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--format", paramLabel = "text|sarif", defaultValue = "text",
      description = "Report format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "critical|high|medium|low|none", defaultValue = "high",
      description = "Exit 1 when a finding is at or above this severity (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = "--include", paramLabel = "GLOB",
      description = "Only scan files matching GLOB, relative to each PATH (repeatable).")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB",
      description = "Skip files and folders matching GLOB (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--rules", paramLabel = "ID,...", split = ",",
      description = "Run only these rules (see 'bulwark rules').")
  List<String> rules = new ArrayList<>();

  @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "UTF-8",
      description = "Source encoding (default: ${DEFAULT-VALUE}); a byte-order mark wins.")
  String encoding;

  @Option(names = "--include-generated",
      description = "Also scan generated-sources folders (skipped by default).")
  boolean includeGenerated;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads (default: the number of cores).")
  Integer threads;

  @Option(names = "--max-file-bytes", paramLabel = "BYTES",
      description = "Report, and do not analyse, files larger than this (default: 10485760).")
  Long maxFileBytes;

  @Override
  public Integer call() {
    ScanRequest request;
    FailThreshold threshold;
    ReportFormat reportFormat;
    try {
      reportFormat = ReportFormat.parse(format);
      threshold = FailThreshold.parse(failOn);
      ScanRequest.Builder builder = ScanRequest.builder()
          .roots(paths)
          .includes(includes)
          .excludes(excludes)
          .includeGenerated(includeGenerated)
          .encoding(encoding)
          .rules(rules);
      if (threads != null) {
        builder.threads(threads);
      }
      if (maxFileBytes != null) {
        builder.maxFileBytes(maxFileBytes);
      }
      request = builder.build();
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }

    ScanResult result;
    try {
      result = Engine.withAllRules().scan(request);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage()); // unknown rule id, missing path, bad glob
    }

    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (output == null) {
      out.print(ReportRenderer.forFormat(reportFormat, BulwarkVersion.get()).render(result));
    } else {
      try {
        Path written = new ReportWriter(BulwarkVersion.get()).write(reportFormat, result, output);
        for (Diagnostic diagnostic : result.diagnostics()) {
          err.println(diagnostic.describe());
        }
        out.print(ConsoleReport.summary(result));
        out.println("Report: " + written);
      } catch (IOException e) {
        return usage("cannot write report " + output + ": " + e.getMessage());
      }
    }
    Verdict verdict = Verdict.of(result, threshold, 0);
    if (reportFormat == ReportFormat.TEXT || output != null) {
      out.println(verdict.describe());
    }
    out.flush();
    return verdict.fails() ? BulwarkCli.EXIT_FINDINGS : BulwarkCli.EXIT_CLEAN;
  }

  private int usage(String message) {
    spec.commandLine().getErr().println("bulwark: " + message);
    return BulwarkCli.EXIT_USAGE;
  }
}
