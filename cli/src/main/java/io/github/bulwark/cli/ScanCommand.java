package io.github.bulwark.cli;

import io.github.bulwark.core.baseline.Baseline;
import io.github.bulwark.core.baseline.BaselineException;
import io.github.bulwark.core.baseline.ScanPolicy;
import io.github.bulwark.core.cache.CacheLocations;
import io.github.bulwark.core.cache.ResultCache;
import io.github.bulwark.core.engine.ModuleCache;
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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark scan PATH...}: translates options into a ScanRequest, prints, decides. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Scan Java sources under each PATH (directories or .java files).")
final class ScanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ScanOptions scan;

  @Option(names = "--format", paramLabel = "text|sarif|html", defaultValue = "text",
      description = "Report format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "critical|high|medium|low|none", defaultValue = "high",
      description = "Exit 1 when a finding is at or above this severity (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Findings recorded in FILE (see 'bulwark baseline') are reported as "
          + "baselined and do not fail the scan; only new ones do.")
  Path baselineFile;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Keep per-file results in DIR so unchanged files are not parsed again "
          + "(default: BASE/target/bulwark/cache when the base directory has a target/ folder, "
          + "else ~/.cache/bulwark/<name-hash>).")
  Path cacheDir;

  @Option(names = "--no-cache",
      description = "Analyse every file; read and write no result cache.")
  boolean noCache;

  @Option(names = "--part",
      description = "This scan is one part (a module, a shard) of a larger project whose parts "
          + "are merged later with --merge: ask the cross-file questions as if the project "
          + "read untrusted input, so the part's cached results can be merged.")
  boolean part;

  @Option(names = "--merge", paramLabel = "DIR[=CACHE]",
      description = "Take the results of files under DIR from the result cache a --part scan "
          + "of DIR left (default: DIR's default cache), when the files are unchanged, instead "
          + "of parsing them again; pending cross-file questions are decided against everything "
          + "scanned. Repeatable; implies --part.")
  List<String> merge = new java.util.ArrayList<>();

  @Option(names = "--cache-stats", hidden = true,
      description = "Print how the result cache was used to standard error (benchmarks).")
  boolean cacheStats;

  @Override
  public Integer call() {
    ScanRequest request;
    FailThreshold threshold;
    ReportFormat reportFormat;
    try {
      reportFormat = ReportFormat.parse(format);
      threshold = FailThreshold.parse(failOn);
      request = withCache(scan.request());
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    Optional<Baseline> baseline = Optional.empty();
    if (baselineFile != null) {
      try {
        baseline = Optional.of(Baseline.read(baselineFile));
      } catch (BaselineException e) {
        return usage(e.getMessage());
      }
    }

    ScanResult scanned;
    try {
      scanned = Engine.withAllRules().scan(request);
      if (cacheStats) {
        request.cache().flatMap(ResultCache::lastScan).ifPresent(stats ->
            spec.commandLine().getErr().println("bulwark: cache: " + stats.describe()));
      }
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage()); // unknown rule id, missing path, bad glob
    }
    ScanPolicy.Outcome outcome =
        new ScanPolicy(scan.requireSuppressionReason, baseline).apply(scanned);
    ScanResult result = outcome.result();

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Machine-readable output on standard output stays pure; the summary goes to stderr then.
    boolean textOnStdout = output == null && reportFormat == ReportFormat.TEXT;
    PrintWriter summary = output == null && !textOnStdout ? err : out;
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
    outcome.summaryLines().forEach(summary::println);
    Verdict verdict = Verdict.of(result, threshold, 0);
    if (textOnStdout || output != null) {
      out.println(verdict.describe());
    }
    out.flush();
    err.flush();
    return verdict.fails() ? BulwarkCli.EXIT_FINDINGS : BulwarkCli.EXIT_CLEAN;
  }

  /** The request with the result cache the options ask for (on by default) and its parts. */
  private ScanRequest withCache(ScanRequest request) {
    PrintWriter err = spec.commandLine().getErr();
    List<ModuleCache> modules = new java.util.ArrayList<>();
    for (String spec : merge) {
      int equals = spec.indexOf('=');
      Path module = Path.of(equals < 0 ? spec : spec.substring(0, equals)).toAbsolutePath();
      if (!java.nio.file.Files.isDirectory(module)) {
        throw new IllegalArgumentException("--merge " + spec + ": " + module
            + " is not a directory");
      }
      Path moduleCache = equals < 0 ? CacheLocations.defaultFor(module)
          : Path.of(spec.substring(equals + 1));
      modules.add(new ModuleCache(module, ResultCache.in(moduleCache, err::println)));
    }
    if (!modules.isEmpty() && noCache) {
      throw new IllegalArgumentException("--merge reads result caches: not with --no-cache");
    }
    // Merging parts is itself a part's scan: the same key, so the parts' results are found.
    request = request.withParts(part || !modules.isEmpty(), modules);
    if (noCache) {
      return request;
    }
    Path directory = cacheDir != null ? cacheDir
        : CacheLocations.defaultFor(request.baseDirectory());
    return request.withCache(ResultCache.in(directory, err::println));
  }

  private int usage(String message) {
    spec.commandLine().getErr().println("bulwark: " + message);
    return BulwarkCli.EXIT_USAGE;
  }
}
