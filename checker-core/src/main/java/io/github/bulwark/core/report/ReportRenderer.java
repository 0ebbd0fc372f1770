package io.github.bulwark.core.report;

import io.github.bulwark.core.engine.ScanResult;

/** A report: a pure function from a scan result to text. */
public interface ReportRenderer {

  String render(ScanResult result);

  static ReportRenderer forFormat(ReportFormat format, String toolVersion) {
    return switch (format) {
      case TEXT -> new ConsoleReport();
      case SARIF -> new SarifReport(toolVersion);
      case HTML -> new HtmlReport(toolVersion);
    };
  }
}
