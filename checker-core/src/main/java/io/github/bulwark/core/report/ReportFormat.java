package io.github.bulwark.core.report;

import java.util.Locale;

/** The report formats, by the names users write in options. */
public enum ReportFormat {
  TEXT("txt"),
  SARIF("sarif"),
  HTML("html");

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  /** The file name a report of this format gets in an output directory. */
  public String fileName() {
    return "bulwark." + extension;
  }

  /** Parses {@code text|sarif|html} (also {@code console}, {@code txt}); a clear error otherwise. */
  public static ReportFormat parse(String name) {
    String normalised = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (normalised) {
      case "text", "txt", "console":
        return TEXT;
      case "sarif", "json":
        return SARIF;
      case "html", "htm":
        return HTML;
      default:
        throw new IllegalArgumentException(
            "unknown report format '" + name + "': use one of text, sarif, html");
    }
  }
}
