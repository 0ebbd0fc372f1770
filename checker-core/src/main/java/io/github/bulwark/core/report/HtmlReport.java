package io.github.bulwark.core.report;

import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.owasp.encoder.Encode;

/**
 * One self-contained HTML page (no external script, font, style or image): a summary by
 * severity, family, rule and file; then each finding with its code excerpt (flagged lines
 * highlighted), why it matters, the fix with a before/after and the runtime helper, CWE, OWASP
 * and rule-page links, and a taint finding's source-to-sink path; suppressed findings with their
 * reasons; the scan's diagnostics. A few lines of vanilla script filter by severity, rule and
 * file and search the text.
 *
 * <p>Everything that comes from scanned code (file names, messages, code, reasons) is encoded
 * with the OWASP Java Encoder for the context it lands in: {@link Encode#forHtmlContent} in
 * element content, {@link Encode#forHtmlAttribute} in quoted attributes. No scanned value is ever
 * written into the script: the script reads {@code data-} attributes and text at run time, and
 * the page's Content-Security-Policy allows only that one script, by hash.
 */
public final class HtmlReport implements ReportRenderer {

  /** Lines of context shown above and below a finding. */
  private static final int CONTEXT_LINES = 3;
  /** Files larger than this are not read back for excerpts. */
  private static final long MAX_EXCERPT_FILE_BYTES = 5L * 1024 * 1024;
  private static final int MAX_FILES_LISTED = 10;

  private static final String SCRIPT = """
      (function () {
        var q = document.getElementById('q');
        var sev = document.getElementById('sev');
        var rule = document.getElementById('rule');
        var file = document.getElementById('file');
        var shown = document.getElementById('shown');
        var items = Array.prototype.slice.call(document.querySelectorAll('.finding'));
        function apply() {
          var text = q.value.toLowerCase(), rank = sev.value ? +sev.value : 9, n = 0;
          items.forEach(function (el) {
            var ok = +el.dataset.rank <= rank
              && (!rule.value || el.dataset.rule === rule.value)
              && (!file.value || el.dataset.file === file.value)
              && (!text || el.textContent.toLowerCase().indexOf(text) >= 0);
            el.hidden = !ok;
            if (ok) { n++; }
          });
          shown.textContent = n;
        }
        [q, sev, rule, file].forEach(function (el) { el.addEventListener('input', apply); });
        document.querySelectorAll('[data-filter-rule]').forEach(function (a) {
          a.addEventListener('click', function () { rule.value = a.dataset.filterRule; apply(); });
        });
        document.querySelectorAll('[data-filter-file]').forEach(function (a) {
          a.addEventListener('click', function () { file.value = a.dataset.filterFile; apply(); });
        });
      })();
      """;

  private static final String STYLE = """
      :root { --critical:#8e1b1b; --high:#c2410c; --medium:#a16207; --low:#1d4ed8;
        --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; }
      * { box-sizing: border-box; }
      body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
        color:var(--ink); background:#fff; }
      header { background:#0d1b2a; color:#fff; padding:18px 32px; }
      header h1 { margin:0; font-size:22px; } header p { margin:4px 0 0; color:#c9d1d9; }
      main { padding:20px 32px; max-width:1240px; }
      .finding, .finding > * { min-width:0; } #by-file td:first-child { word-break:break-all; }
      h2 { font-size:18px; border-bottom:1px solid var(--line); padding-bottom:4px; margin-top:28px; }
      .cards { display:flex; gap:12px; flex-wrap:wrap; }
      .card { border:1px solid var(--line); border-radius:8px; padding:10px 16px; min-width:110px;
        background:var(--bg); }
      .card b { display:block; font-size:24px; } .card span { color:var(--muted); }
      .card.critical b { color:var(--critical); } .card.high b { color:var(--high); }
      .card.medium b { color:var(--medium); } .card.low b { color:var(--low); }
      .tables { margin-top:16px; display:grid; align-items:start;
        grid-template-columns: minmax(0,1fr) minmax(0,2fr) minmax(0,2fr); gap:16px; }
      table { border-collapse:collapse; width:100%; font-size:13px; }
      th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line);
        vertical-align:top; }
      th { background:var(--bg); } td.n { text-align:right; font-variant-numeric:tabular-nums; }
      a { color:#0969da; } a[data-filter-rule], a[data-filter-file] { cursor:pointer; }
      .filters { position:sticky; top:0; background:#fff; padding:10px 0; display:flex; gap:8px;
        flex-wrap:wrap; align-items:center; border-bottom:1px solid var(--line); z-index:1; }
      .filters input, .filters select { font:inherit; padding:4px 8px; border:1px solid var(--line);
        border-radius:6px; }
      .filters input { flex:1; min-width:200px; }
      .finding { border:1px solid var(--line); border-left:5px solid var(--muted);
        border-radius:8px; margin:14px 0; padding:12px 16px; }
      .finding.critical { border-left-color:var(--critical); }
      .finding.high { border-left-color:var(--high); }
      .finding.medium { border-left-color:var(--medium); }
      .finding.low { border-left-color:var(--low); }
      .finding h3 { margin:0 0 4px; font-size:15px; }
      .badge { display:inline-block; border-radius:10px; padding:0 8px; font-size:12px;
        color:#fff; background:var(--muted); vertical-align:1px; margin-right:6px; }
      .badge.critical { background:var(--critical); } .badge.high { background:var(--high); }
      .badge.medium { background:var(--medium); } .badge.low { background:var(--low); }
      .loc { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; color:var(--muted); }
      pre { margin:6px 0; background:var(--bg); border:1px solid var(--line); border-radius:6px;
        padding:6px 0; overflow-x:auto; font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,
        Consolas,monospace; }
      pre .l { display:block; padding:0 10px; white-space:pre; }
      pre .l i { display:inline-block; width:3.5em; color:var(--muted); font-style:normal;
        user-select:none; }
      pre .hit { background:#ffebe9; box-shadow:inset 3px 0 #cf222e; }
      pre .step { background:#fff8c5; }
      .fix { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:10px; }
      .fix h4, .why h4, .flow h4 { margin:8px 0 2px; font-size:13px; }
      .note { color:var(--muted); font-style:italic; }
      .links { font-size:13px; } .links a { margin-right:10px; }
      ol.flow-steps { margin:4px 0; padding-left:22px; font-size:13px; }
      footer { color:var(--muted); padding:20px 32px; font-size:12px; }
      """;

  private final String toolVersion;
  private final Clock clock;

  public HtmlReport(String toolVersion) {
    this(toolVersion, Clock.systemUTC());
  }

  public HtmlReport(String toolVersion, Clock clock) {
    this.toolVersion = toolVersion;
    this.clock = clock;
  }

  @Override
  public String render(ScanResult result) {
    Map<String, RuleDescriptor> rules = new HashMap<>();
    result.rules().forEach(rule -> rules.put(rule.id(), rule));
    Sources sources = new Sources(result.baseDirectory());
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; script-src '").append(scriptHash())
        .append("'; img-src data:\">\n")
        .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append("<title>Bulwark report</title>\n<style>\n").append(STYLE).append("</style>\n")
        .append("</head>\n<body>\n");
    header(html, result);
    html.append("<main>\n");
    summary(html, result, rules);
    findings(html, result, rules, sources);
    suppressed(html, result);
    diagnostics(html, result);
    html.append("</main>\n<footer>Generated by Bulwark ").append(content(toolVersion))
        .append(". Every rule is documented in docs/rules/ of the Bulwark repository.")
        .append("</footer>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  private void header(StringBuilder html, ScanResult result) {
    String when = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        clock.instant().atOffset(ZoneOffset.UTC).withNano(0));
    html.append("<header>\n<h1>Bulwark security report</h1>\n<p>")
        .append(content(result.baseDirectory().toString())).append(" &middot; ")
        .append(result.filesAnalysed()).append(" of ").append(result.filesDiscovered())
        .append(" files analysed, ").append(result.linesAnalysed()).append(" lines, ")
        .append(result.rules().size()).append(" rules &middot; <time datetime=\"")
        .append(attribute(when)).append("\">").append(content(when)).append("</time>")
        .append(" &middot; Bulwark ").append(content(toolVersion)).append("</p>\n</header>\n");
  }

  private static void summary(StringBuilder html, ScanResult result,
      Map<String, RuleDescriptor> rules) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    Map<Family, Integer> byFamily = new EnumMap<>(Family.class);
    Map<String, Integer> byRule = new TreeMap<>();
    Map<String, Integer> byFile = new HashMap<>();
    for (Finding finding : result.findings()) {
      bySeverity.merge(finding.severity(), 1, Integer::sum);
      Optional.ofNullable(rules.get(finding.ruleId()))
          .ifPresent(rule -> byFamily.merge(rule.family(), 1, Integer::sum));
      byRule.merge(finding.ruleId(), 1, Integer::sum);
      byFile.merge(finding.file(), 1, Integer::sum);
    }
    html.append("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
    card(html, "total", result.findings().size(), "findings");
    for (Severity severity : Severity.values()) {
      card(html, severity.label(), bySeverity.getOrDefault(severity, 0), severity.label());
    }
    card(html, "suppressed", result.suppressed().size(), "suppressed");
    card(html, "diagnostics", result.diagnostics().size(), "diagnostics");
    html.append("</div>\n<div class=\"tables\">\n");

    html.append("<table id=\"by-family\"><tr><th>Family</th><th>Findings</th></tr>\n");
    byFamily.forEach((family, count) -> html.append("<tr><td>").append(content(family.label()))
        .append("</td><td class=\"n\">").append(count).append("</td></tr>\n"));
    html.append("</table>\n");

    html.append("<table id=\"by-rule\"><tr><th>Rule</th><th>Severity</th><th>Findings</th></tr>\n");
    byRule.forEach((id, count) -> {
      RuleDescriptor rule = rules.get(id);
      html.append("<tr><td><a data-filter-rule=\"").append(attribute(id)).append("\" title=\"")
          .append(attribute(rule == null ? id : rule.title())).append("\">")
          .append(content(id)).append("</a></td><td>")
          .append(content(rule == null ? "" : rule.severity().label()))
          .append("</td><td class=\"n\">").append(count).append("</td></tr>\n");
    });
    html.append("</table>\n");

    List<Map.Entry<String, Integer>> files = new ArrayList<>(byFile.entrySet());
    files.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    html.append("<table id=\"by-file\"><tr><th>Files most affected</th><th>Findings</th></tr>\n");
    for (Map.Entry<String, Integer> entry : files.subList(0, Math.min(MAX_FILES_LISTED,
        files.size()))) {
      html.append("<tr><td><a class=\"loc\" data-filter-file=\"").append(attribute(entry.getKey()))
          .append("\">").append(content(entry.getKey())).append("</a></td><td class=\"n\">")
          .append(entry.getValue()).append("</td></tr>\n");
    }
    html.append("</table>\n</div>\n</section>\n");
  }

  private static void card(StringBuilder html, String kind, int count, String label) {
    html.append("<div class=\"card ").append(attribute(kind)).append("\"><b>").append(count)
        .append("</b><span>").append(content(label)).append("</span></div>\n");
  }

  private static void findings(StringBuilder html, ScanResult result,
      Map<String, RuleDescriptor> rules, Sources sources) {
    html.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (result.findings().isEmpty()) {
      html.append("<p class=\"note\">No findings.</p>\n</section>\n");
      return;
    }
    html.append("<div class=\"filters\">\n")
        .append("<input id=\"q\" type=\"search\" placeholder=\"Search findings\" ")
        .append("aria-label=\"Search findings\">\n")
        .append("<select id=\"sev\" aria-label=\"Severity\"><option value=\"\">any severity")
        .append("</option>");
    for (Severity severity : Severity.values()) {
      html.append("<option value=\"").append(severity.ordinal()).append("\">")
          .append(severity.label()).append(severity == Severity.CRITICAL ? "" : " or worse")
          .append("</option>");
    }
    html.append("</select>\n<select id=\"rule\" aria-label=\"Rule\"><option value=\"\">")
        .append("any rule</option>");
    new TreeMap<>(countBy(result.findings(), Finding::ruleId)).keySet().forEach(id ->
        html.append("<option value=\"").append(attribute(id)).append("\">").append(content(id))
            .append("</option>"));
    html.append("</select>\n<select id=\"file\" aria-label=\"File\"><option value=\"\">")
        .append("any file</option>");
    new TreeMap<>(countBy(result.findings(), Finding::file)).keySet().forEach(file ->
        html.append("<option value=\"").append(attribute(file)).append("\">")
            .append(content(file)).append("</option>"));
    html.append("</select>\n<span><b id=\"shown\">").append(result.findings().size())
        .append("</b> shown</span>\n</div>\n");
    // Worst first; within a severity, the usual file and line order.
    List<Finding> ordered = new ArrayList<>(result.findings());
    ordered.sort(java.util.Comparator.comparing(Finding::severity).thenComparing(Finding.ORDER));
    int index = 0;
    for (Finding finding : ordered) {
      finding(html, finding, rules.get(finding.ruleId()), sources, ++index);
    }
    html.append("</section>\n");
  }

  private static <K> Map<K, Integer> countBy(List<Finding> findings,
      java.util.function.Function<Finding, K> key) {
    Map<K, Integer> counts = new LinkedHashMap<>();
    findings.forEach(finding -> counts.merge(key.apply(finding), 1, Integer::sum));
    return counts;
  }

  private static void finding(StringBuilder html, Finding finding, RuleDescriptor rule,
      Sources sources, int index) {
    String severity = finding.severity().label();
    String location = finding.file() + ":" + finding.line() + ":" + finding.column();
    html.append("<article class=\"finding ").append(attribute(severity)).append("\" id=\"f")
        .append(index).append("\" data-rank=\"").append(finding.severity().ordinal())
        .append("\" data-rule=\"").append(attribute(finding.ruleId()))
        .append("\" data-file=\"").append(attribute(finding.file())).append("\">\n")
        .append("<h3><span class=\"badge ").append(attribute(severity)).append("\">")
        .append(content(severity)).append("</span>").append(content(finding.ruleId()));
    if (rule != null) {
      html.append(" &mdash; ").append(content(rule.title()));
    }
    html.append("</h3>\n<div class=\"loc\">").append(content(location)).append("</div>\n")
        .append("<p class=\"message\">").append(content(finding.message())).append("</p>\n");

    Optional<List<String>> lines = sources.lines(finding.file());
    if (lines.isPresent()) {
      excerpt(html, finding, lines.get());
    } else {
      html.append("<p class=\"note\">Source not available: ")
          .append(content(sources.problem(finding.file()))).append("</p>\n");
    }
    if (!finding.flow().isEmpty()) {
      html.append("<div class=\"flow\"><h4>Source to sink</h4><ol class=\"flow-steps\">\n");
      for (Finding.Step step : finding.flow()) {
        html.append("<li><span class=\"loc\">").append(step.range().startLine()).append(':')
            .append(step.range().startColumn()).append("</span> ")
            .append(content(step.message())).append("</li>\n");
      }
      html.append("<li><span class=\"loc\">").append(finding.line()).append(':')
          .append(finding.column()).append("</span> sink: ")
          .append(content(finding.message())).append("</li>\n</ol></div>\n");
    }
    if (rule != null) {
      html.append("<div class=\"why\"><h4>Why it matters</h4><p>")
          .append(content(rule.description())).append("</p></div>\n");
    }
    html.append("<div class=\"fixing\"><h4>Fix</h4><p>").append(content(finding.fix()));
    if (rule != null && !rule.helper().isEmpty()) {
      html.append(" Helper: <code>").append(content(rule.helper())).append("</code>.");
    }
    html.append("</p>\n");
    Optional<String> after = rule == null ? Optional.empty() : FixExamples.after(rule);
    if (lines.isPresent() || after.isPresent()) {
      html.append("<div class=\"fix\">\n<div><h4>Before</h4>");
      lines.ifPresentOrElse(
          text -> code(html, flagged(finding, text)),
          () -> html.append("<p class=\"note\">(source not available)</p>"));
      html.append("</div>\n<div><h4>After</h4>");
      after.ifPresentOrElse(
          text -> code(html, text),
          () -> html.append("<p class=\"note\">See the fix above.</p>"));
      html.append("</div>\n</div>\n");
    }
    html.append("</div>\n");
    links(html, finding.ruleId(), rule);
    html.append("</article>\n");
  }

  private static void links(StringBuilder html, String ruleId, RuleDescriptor rule) {
    html.append("<p class=\"links\">");
    if (rule != null) {
      for (int cwe : rule.cwes()) {
        html.append("<a href=\"").append(attribute(rule.cweUri(cwe)))
            .append("\" rel=\"noopener noreferrer\">CWE-").append(cwe).append("</a>");
      }
      html.append("<a href=\"").append(attribute(rule.owasp().uri()))
          .append("\" rel=\"noopener noreferrer\">OWASP ").append(content(rule.owasp().code()))
          .append(' ').append(content(rule.owasp().title())).append("</a>")
          .append("<a href=\"").append(attribute(rule.helpUri()))
          .append("\" rel=\"noopener noreferrer\">");
    } else {
      html.append("<span>");
    }
    html.append("Rule page: <code>").append(content(RuleDescriptor.docPath(ruleId)))
        .append("</code>").append(rule != null ? "</a>" : "</span>").append("</p>\n");
  }

  /** The flagged lines with a few lines around them, numbered; flow steps marked too. */
  private static void excerpt(StringBuilder html, Finding finding, List<String> lines) {
    int first = Math.max(1, finding.range().startLine() - CONTEXT_LINES);
    int last = Math.min(lines.size(), finding.range().endLine() + CONTEXT_LINES);
    java.util.Set<Integer> steps = new java.util.HashSet<>();
    finding.flow().forEach(step -> steps.add(step.range().startLine()));
    html.append("<pre class=\"excerpt\"><code>");
    for (int line = first; line <= last; line++) {
      boolean hit = line >= finding.range().startLine() && line <= finding.range().endLine();
      html.append("<span class=\"l").append(hit ? " hit" : steps.contains(line) ? " step" : "")
          .append("\"><i>").append(line).append("</i>").append(content(lines.get(line - 1)))
          .append("</span>");
    }
    html.append("</code></pre>\n");
  }

  /** The flagged lines, with their common indentation removed. */
  private static String flagged(Finding finding, List<String> lines) {
    List<String> picked = new ArrayList<>();
    int end = Math.min(Math.min(lines.size(), finding.range().endLine()),
        finding.range().startLine() + 7);
    for (int line = finding.range().startLine(); line <= end; line++) {
      picked.add(lines.get(line - 1));
    }
    int indent = picked.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : picked) {
      text.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
    }
    return text.toString().stripTrailing();
  }

  private static void code(StringBuilder html, String text) {
    html.append("<pre><code>");
    for (String line : text.split("\n", -1)) {
      html.append("<span class=\"l\">").append(content(line)).append("</span>");
    }
    html.append("</code></pre>");
  }

  private static void suppressed(StringBuilder html, ScanResult result) {
    html.append("<section id=\"suppressed\">\n<h2>Suppressed (").append(result.suppressed().size())
        .append(")</h2>\n");
    if (result.suppressed().isEmpty()) {
      html.append("<p class=\"note\">Nothing is suppressed.</p>\n</section>\n");
      return;
    }
    html.append("<table><tr><th>Location</th><th>Rule</th><th>Message</th><th>Suppressed by</th>")
        .append("<th>Reason</th></tr>\n");
    for (Finding finding : result.suppressed()) {
      html.append("<tr><td class=\"loc\">")
          .append(content(finding.file() + ":" + finding.line() + ":" + finding.column()))
          .append("</td><td>").append(content(finding.ruleId())).append("</td><td>")
          .append(content(finding.message())).append("</td><td><code>")
          .append(content(finding.suppression().text())).append("</code> (line ")
          .append(finding.suppression().range().startLine()).append(")</td><td>")
          .append(finding.suppression().hasReason()
              ? content(finding.suppression().justification())
              : "<span class=\"note\">no reason given</span>")
          .append("</td></tr>\n");
    }
    html.append("</table>\n</section>\n");
  }

  private static void diagnostics(StringBuilder html, ScanResult result) {
    if (result.diagnostics().isEmpty()) {
      return;
    }
    html.append("<section id=\"diagnostics\">\n<h2>Diagnostics (")
        .append(result.diagnostics().size()).append(")</h2>\n<ul>\n");
    for (Diagnostic diagnostic : result.diagnostics()) {
      html.append("<li class=\"loc\">").append(content(diagnostic.describe())).append("</li>\n");
    }
    html.append("</ul>\n</section>\n");
  }

  /** Text in element content. */
  private static String content(String text) {
    return lineSeparators(Encode.forHtmlContent(text));
  }

  /** Text in a double-quoted attribute value. */
  private static String attribute(String text) {
    return lineSeparators(Encode.forHtmlAttribute(text));
  }

  /**
   * U+2028 and U+2029 are legal in HTML, so the encoder keeps them; they end a line in older
   * JavaScript and in many viewers, so the page carries them as character references.
   */
  private static String lineSeparators(String encoded) {
    return encoded.replace("\u2028", "&#x2028;").replace("\u2029", "&#x2029;");
  }

  /** The CSP source for the one inline script: its SHA-256, as browsers compute it. */
  static String scriptHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("\n" + SCRIPT).getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Source files read back for excerpts, once each, relative to the scan's base directory. */
  private static final class Sources {
    private final Path base;
    private final Map<String, Optional<List<String>>> read = new HashMap<>();
    private final Map<String, String> problems = new HashMap<>();

    Sources(Path base) {
      this.base = base;
    }

    Optional<List<String>> lines(String file) {
      return read.computeIfAbsent(file, this::load);
    }

    String problem(String file) {
      return problems.getOrDefault(file, "the file could not be read");
    }

    private Optional<List<String>> load(String file) {
      try {
        Path path = base.resolve(file).normalize();
        if (Files.size(path) > MAX_EXCERPT_FILE_BYTES) {
          problems.put(file, "the file is too large to show");
          return Optional.empty();
        }
        String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        return Optional.of(List.of(io.github.bulwark.core.source.Lines.of(text)));
      } catch (IOException | RuntimeException e) {
        problems.put(file, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        return Optional.empty();
      }
    }
  }
}
