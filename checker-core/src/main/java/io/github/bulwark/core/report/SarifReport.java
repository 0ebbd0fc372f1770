package io.github.bulwark.core.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, as DESIGN.md's contract says: every rule that ran in {@code tool.driver.rules}
 * (with or without results), tags {@code security}, the family and {@code CWE-n},
 * {@code security-severity} as GitHub code scanning reads it, results located relative to the
 * {@code SRCROOT} base id with full regions and {@code partialFingerprints}. Suppressed findings
 * follow the others, each with {@code suppressions: [{kind: inSource, justification}]}. Scan
 * diagnostics go to {@code invocations[0].toolExecutionNotifications}.
 */
public final class SarifReport implements ReportRenderer {

  public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final String BASE_ID = "SRCROOT";
  private static final String INFORMATION_URI = "https://github.com/bulwark-security/bulwark";

  private final String toolVersion;

  public SarifReport(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  @Override
  public String render(ScanResult result) {
    JsonObject log = new JsonObject();
    log.addProperty("$schema", SCHEMA_URI);
    log.addProperty("version", "2.1.0");
    JsonObject run = new JsonObject();
    run.add("tool", tool(result.rules()));
    JsonObject baseIds = new JsonObject();
    JsonObject root = new JsonObject();
    String baseUri = result.baseDirectory().toUri().toString();
    root.addProperty("uri", baseUri.endsWith("/") ? baseUri : baseUri + "/");
    baseIds.add(BASE_ID, root);
    run.add("originalUriBaseIds", baseIds);
    run.add("invocations", invocations(result.diagnostics()));

    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < result.rules().size(); i++) {
      ruleIndex.put(result.rules().get(i).id(), i);
    }
    JsonArray results = new JsonArray();
    for (Finding finding : result.findings()) {
      results.add(result(finding, ruleIndex));
    }
    // Suppressed findings stay in the log, marked, so a reviewer (and GitHub) sees them.
    for (Finding finding : result.suppressed()) {
      results.add(result(finding, ruleIndex));
    }
    run.add("results", results);
    run.addProperty("columnKind", "utf16CodeUnits");
    JsonArray runs = new JsonArray();
    runs.add(run);
    log.add("runs", runs);
    return pretty(log) + "\n";
  }

  /**
   * The tree as indented JSON, written with Gson's streaming writer: building a {@code Gson}
   * instance (dozens of type adapters) would cost more than the report in a build whose scan
   * came from the cache.
   */
  private static String pretty(JsonElement tree) {
    java.io.StringWriter text = new java.io.StringWriter();
    try (JsonWriter json = new JsonWriter(text)) {
      json.setIndent("  ");
      json.setHtmlSafe(false);
      write(json, tree);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private static void write(JsonWriter json, JsonElement element) throws java.io.IOException {
    if (element.isJsonObject()) {
      json.beginObject();
      for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
        if (!member.getValue().isJsonNull()) {
          json.name(member.getKey());
          write(json, member.getValue());
        }
      }
      json.endObject();
    } else if (element.isJsonArray()) {
      json.beginArray();
      for (JsonElement item : element.getAsJsonArray()) {
        write(json, item);
      }
      json.endArray();
    } else if (element.isJsonNull()) {
      json.nullValue();
    } else {
      JsonPrimitive value = element.getAsJsonPrimitive();
      if (value.isBoolean()) {
        json.value(value.getAsBoolean());
      } else if (value.isNumber()) {
        json.value(value.getAsNumber());
      } else {
        json.value(value.getAsString());
      }
    }
  }

  private JsonObject tool(List<RuleDescriptor> rules) {
    JsonObject driver = new JsonObject();
    driver.addProperty("name", "Bulwark");
    driver.addProperty("version", toolVersion);
    driver.addProperty("semanticVersion", toolVersion.replace("-SNAPSHOT", ""));
    driver.addProperty("informationUri", INFORMATION_URI);
    JsonArray ruleArray = new JsonArray();
    for (RuleDescriptor rule : rules) {
      ruleArray.add(rule(rule));
    }
    driver.add("rules", ruleArray);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);
    return tool;
  }

  private static JsonObject rule(RuleDescriptor rule) {
    JsonObject object = new JsonObject();
    object.addProperty("id", rule.id());
    object.addProperty("name", rule.id());
    object.add("shortDescription", text(rule.title()));
    object.add("fullDescription", text(rule.description()));
    JsonObject help = new JsonObject();
    help.addProperty("text", rule.description() + "\n\nFix: " + rule.fix()
        + "\nHelper: " + rule.helper());
    help.addProperty("markdown", helpMarkdown(rule));
    object.add("help", help);
    object.addProperty("helpUri", rule.helpUri());
    JsonObject configuration = new JsonObject();
    configuration.addProperty("level", rule.severity().sarifLevel());
    object.add("defaultConfiguration", configuration);
    JsonObject properties = new JsonObject();
    JsonArray tags = new JsonArray();
    tags.add("security");
    tags.add(rule.family().label());
    for (int cwe : rule.cwes()) {
      tags.add("CWE-" + cwe);
    }
    tags.add("OWASP-" + rule.owasp().code());
    properties.add("tags", tags);
    properties.addProperty("security-severity", rule.severity().securitySeverity());
    properties.addProperty("precision", precision(rule.confidence()));
    properties.addProperty("problem.severity", rule.severity().sarifLevel().equals("note")
        ? "recommendation" : rule.severity().sarifLevel());
    object.add("properties", properties);
    return object;
  }

  private static String helpMarkdown(RuleDescriptor rule) {
    StringBuilder markdown = new StringBuilder();
    markdown.append("**").append(rule.title()).append("**\n\n")
        .append(rule.description()).append("\n\n")
        .append("**Fix:** ").append(rule.fix()).append("\n\n")
        .append(rule.helper().isEmpty() ? "" : "Helper: `" + rule.helper() + "`\n\n");
    for (int cwe : rule.cwes()) {
      markdown.append("[CWE-").append(cwe).append("](").append(rule.cweUri(cwe)).append(") ");
    }
    markdown.append("[OWASP ").append(rule.owasp().code()).append(' ')
        .append(rule.owasp().title()).append("](").append(rule.owasp().uri()).append(")\n");
    return markdown.toString();
  }

  private static String precision(Confidence confidence) {
    return switch (confidence) {
      case HIGH -> "high";
      case MEDIUM -> "medium";
      case LOW -> "low";
    };
  }

  private static JsonObject result(Finding finding, Map<String, Integer> ruleIndex) {
    JsonObject result = new JsonObject();
    result.addProperty("ruleId", finding.ruleId());
    Integer index = ruleIndex.get(finding.ruleId());
    if (index != null) {
      result.addProperty("ruleIndex", index);
    }
    result.addProperty("level", finding.severity().sarifLevel());
    result.add("message", text(finding.message()));
    JsonObject artifact = new JsonObject();
    artifact.addProperty("uri", uri(finding.file()));
    if (!finding.file().startsWith("/")) {
      artifact.addProperty("uriBaseId", BASE_ID);
    }
    JsonObject region = new JsonObject();
    region.addProperty("startLine", finding.range().startLine());
    region.addProperty("startColumn", finding.range().startColumn());
    region.addProperty("endLine", finding.range().endLine());
    // SARIF's endColumn is exclusive; our ranges are inclusive.
    region.addProperty("endColumn", finding.range().endColumn() + 1);
    JsonObject physical = new JsonObject();
    physical.add("artifactLocation", artifact);
    physical.add("region", region);
    JsonObject location = new JsonObject();
    location.add("physicalLocation", physical);
    JsonArray locations = new JsonArray();
    locations.add(location);
    result.add("locations", locations);
    if (!finding.flow().isEmpty()) {
      result.add("codeFlows", codeFlows(finding));
    }
    if (finding.isSuppressed()) {
      JsonObject suppression = new JsonObject();
      suppression.addProperty("kind", "inSource");
      suppression.addProperty("status", "accepted");
      if (finding.suppression().hasReason()) {
        suppression.addProperty("justification", finding.suppression().justification());
      }
      JsonArray suppressions = new JsonArray();
      suppressions.add(suppression);
      result.add("suppressions", suppressions);
    }
    JsonObject fingerprints = new JsonObject();
    fingerprints.addProperty("bulwarkFingerprint/v1", finding.fingerprint());
    result.add("partialFingerprints", fingerprints);
    JsonObject properties = new JsonObject();
    properties.addProperty("severity", finding.severity().label());
    properties.addProperty("confidence", finding.confidence().label());
    properties.addProperty("fix", finding.fix());
    result.add("properties", properties);
    return result;
  }

  /** The source-to-sink path as one thread flow; GitHub code scanning shows it step by step. */
  private static JsonArray codeFlows(Finding finding) {
    JsonArray locations = new JsonArray();
    List<Finding.Step> steps = new java.util.ArrayList<>(finding.flow());
    steps.add(new Finding.Step(finding.range(), "sink: " + finding.message()));
    for (Finding.Step step : steps) {
      JsonObject artifact = new JsonObject();
      artifact.addProperty("uri", uri(finding.file()));
      if (!finding.file().startsWith("/")) {
        artifact.addProperty("uriBaseId", BASE_ID);
      }
      JsonObject region = new JsonObject();
      region.addProperty("startLine", step.range().startLine());
      region.addProperty("startColumn", step.range().startColumn());
      region.addProperty("endLine", step.range().endLine());
      region.addProperty("endColumn", step.range().endColumn() + 1);
      JsonObject physical = new JsonObject();
      physical.add("artifactLocation", artifact);
      physical.add("region", region);
      JsonObject location = new JsonObject();
      location.add("physicalLocation", physical);
      location.add("message", text(step.message()));
      JsonObject threadFlowLocation = new JsonObject();
      threadFlowLocation.add("location", location);
      locations.add(threadFlowLocation);
    }
    JsonObject threadFlow = new JsonObject();
    threadFlow.add("locations", locations);
    JsonArray threadFlows = new JsonArray();
    threadFlows.add(threadFlow);
    JsonObject codeFlow = new JsonObject();
    codeFlow.add("threadFlows", threadFlows);
    JsonArray codeFlows = new JsonArray();
    codeFlows.add(codeFlow);
    return codeFlows;
  }

  private static JsonArray invocations(List<Diagnostic> diagnostics) {
    JsonObject invocation = new JsonObject();
    invocation.addProperty("executionSuccessful", true);
    JsonArray notifications = new JsonArray();
    for (Diagnostic diagnostic : diagnostics) {
      JsonObject notification = new JsonObject();
      notification.add("message", text(diagnostic.kind().label() + ": " + diagnostic.message()));
      notification.addProperty("level",
          diagnostic.kind() == Diagnostic.Kind.ENCODING_WARNING ? "warning" : "error");
      JsonObject artifact = new JsonObject();
      artifact.addProperty("uri", uri(diagnostic.file()));
      if (!diagnostic.file().startsWith("/")) {
        artifact.addProperty("uriBaseId", BASE_ID);
      }
      JsonObject physical = new JsonObject();
      physical.add("artifactLocation", artifact);
      if (diagnostic.line() > 0) {
        JsonObject region = new JsonObject();
        region.addProperty("startLine", diagnostic.line());
        if (diagnostic.column() > 0) {
          region.addProperty("startColumn", diagnostic.column());
        }
        physical.add("region", region);
      }
      JsonObject location = new JsonObject();
      location.add("physicalLocation", physical);
      JsonArray locations = new JsonArray();
      locations.add(location);
      notification.add("locations", locations);
      notifications.add(notification);
    }
    invocation.add("toolExecutionNotifications", notifications);
    JsonArray invocations = new JsonArray();
    invocations.add(invocation);
    return invocations;
  }

  /** A relative path as a URI reference: each segment percent-encoded, '/' kept. */
  private static String uri(String path) {
    if (path.startsWith("/")) {
      return java.nio.file.Path.of(path).toUri().toString();
    }
    StringBuilder encoded = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (encoded.length() > 0) {
        encoded.append('/');
      }
      encoded.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
          .replace("+", "%20"));
    }
    return encoded.toString();
  }

  private static JsonObject text(String value) {
    JsonObject message = new JsonObject();
    message.addProperty("text", value);
    return message;
  }
}
