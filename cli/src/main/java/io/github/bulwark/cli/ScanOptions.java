package io.github.bulwark.cli;

import io.github.bulwark.core.engine.ScanRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every scanning command shares ({@code scan}, {@code baseline}). */
final class ScanOptions {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Directories or files to scan.")
  List<Path> paths = new ArrayList<>();

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

  @Option(names = "--max-file-millis", paramLabel = "MILLIS",
      description = "Report, and stop waiting for, a file whose analysis takes longer than this "
          + "(default: 120000).")
  Long maxFileMillis;

  @Option(names = "--require-suppression-reason",
      description = "Report each suppression (@SuppressWarnings(\"bulwark:...\") or "
          + "'// bulwark:ignore ...') that gives no reason as a SuppressionWithoutReason finding.")
  boolean requireSuppressionReason;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Project configuration (default: the nearest bulwark.yml at or above the "
          + "scanned folder, up to the repository root).")
  Path config;

  @Option(names = "--no-config", description = "Ignore any bulwark.yml.")
  boolean noConfig;

  /** The request these options describe; a bad value is an IllegalArgumentException. */
  ScanRequest request() {
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
    if (maxFileMillis != null) {
      builder.maxFileMillis(maxFileMillis);
    }
    if (!noConfig) {
      Path base = builder.build().baseDirectory();
      java.util.Optional<Path> file = config != null ? java.util.Optional.of(config)
          : io.github.bulwark.core.config.ConfigLoader.find(base);
      if (file.isPresent()) {
        builder.config(new io.github.bulwark.core.config.ConfigLoader(
            io.github.bulwark.core.rule.RuleRegistry.load()).load(file.get()));
      }
    }
    return builder.build();
  }
}
