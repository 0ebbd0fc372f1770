package io.github.bulwark.core.report;

import io.github.bulwark.core.engine.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes reports to files atomically (a temporary file moved into place), so a CI job never
 * uploads half a SARIF file.
 */
public final class ReportWriter {

  private final String toolVersion;

  public ReportWriter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  /** Writes one report to {@code target}, creating parent directories. */
  public Path write(ReportFormat format, ScanResult result, Path target) throws IOException {
    String text = ReportRenderer.forFormat(format, toolVersion).render(result);
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, ".bulwark-", ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
    return absolute;
  }

  /** Writes each format to {@code directory/bulwark.<ext>}; returns the paths written. */
  public List<Path> writeAll(Collection<ReportFormat> formats, ScanResult result, Path directory)
      throws IOException {
    List<Path> written = new ArrayList<>();
    for (ReportFormat format : formats) {
      written.add(write(format, result, directory.resolve(format.fileName())));
    }
    return written;
  }
}
