package io.github.bulwark.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.bulwark.core.engine.Engine;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.rule.RuleDescriptor;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SARIF output is valid against the official 2.1.0 schema and keeps DESIGN.md's contract. */
class SarifReportTest {

  private static final String ODD_NAME = "my dir/Café Façade.java";

  @TempDir static Path dir;
  private static ScanResult result;
  private static String sarif;
  private static JsonObject run;
  private static JsonSchema schema;

  @BeforeAll
  static void scan() throws IOException {
    SourceTree tree = new SourceTree(dir);
    tree.write("src/main/java/com/acme/Client.java", """
        package com.acme;
        class Client {
          void call() {
            danger("x");
            risky();
          }
        }
        """);
    tree.write(ODD_NAME, """
        class Odd {
          void m() { risky(); }
        }
        """);
    tree.write("src/Broken.java", "class Broken { void m( { }\n");
    result = new Engine(TestRules.standard()).scan(tree.request().threads(2).build());
    sarif = new SarifReport("1.2.3-SNAPSHOT").render(result);
    run = JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs").get(0)
        .getAsJsonObject();
    // The schema's own $schema is draft-04, so it is read as draft-04; formats are asserted so a
    // URI with a raw space or a bad base URI fails too.
    try (InputStream in = SarifReportTest.class.getResourceAsStream(
        "/schemas/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in,
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
  }

  @Test
  void scanProducedWhatTheTestNeeds() {
    assertEquals(List.of("DangerCall", "RiskyCall"),
        result.findings().stream().map(f -> f.ruleId()).distinct().sorted().toList());
    assertEquals(1, result.parseErrors());
  }

  @Test
  void validAgainstTheOfficialSchema() {
    Set<ValidationMessage> errors = schema.validate(sarif, InputFormat.JSON);
    assertTrue(errors.isEmpty(), () -> "schema errors: " + errors + "\n" + sarif);
  }

  @Test
  void schemaCheckIsNotVacuous() {
    JsonObject broken = JsonParser.parseString(sarif).getAsJsonObject();
    JsonObject firstResult = broken.getAsJsonArray("runs").get(0).getAsJsonObject()
        .getAsJsonArray("results").get(0).getAsJsonObject();
    firstResult.remove("message");
    firstResult.getAsJsonArray("locations").get(0).getAsJsonObject()
        .getAsJsonObject("physicalLocation").getAsJsonObject("region")
        .addProperty("startLine", 0);
    assertFalse(schema.validate(broken.toString(), InputFormat.JSON).isEmpty());
  }

  @Test
  void schemaCheckAssertsUriFormats() {
    JsonObject broken = JsonParser.parseString(sarif).getAsJsonObject();
    broken.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results").get(0)
        .getAsJsonObject().getAsJsonArray("locations").get(0).getAsJsonObject()
        .getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation")
        .addProperty("uri", "my dir/a b.java");
    assertFalse(schema.validate(broken.toString(), InputFormat.JSON).isEmpty(),
        "a raw space in a URI must fail the schema's uri-reference format");
  }

  @Test
  void logHeader() {
    JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
    assertEquals("2.1.0", log.get("version").getAsString());
    assertEquals(1, log.getAsJsonArray("runs").size());
    JsonObject driver = run.getAsJsonObject("tool").getAsJsonObject("driver");
    assertEquals("Bulwark", driver.get("name").getAsString());
    assertEquals("1.2.3-SNAPSHOT", driver.get("version").getAsString());
  }

  @Test
  void everyRuleThatRanIsListedIncludingThoseWithoutResults() {
    JsonArray rules = rules();
    List<String> ids = new ArrayList<>();
    rules.forEach(rule -> ids.add(rule.getAsJsonObject().get("id").getAsString()));
    assertEquals(List.of("DangerCall", "NeverFires", "RiskyCall"), ids);
  }

  @Test
  void ruleMetadataFollowsTheContract() {
    for (JsonElement element : rules()) {
      JsonObject rule = element.getAsJsonObject();
      RuleDescriptor descriptor = TestRules.standard().find(rule.get("id").getAsString())
          .orElseThrow().descriptor();
      assertEquals(descriptor.title(),
          rule.getAsJsonObject("shortDescription").get("text").getAsString());
      assertEquals(descriptor.description(),
          rule.getAsJsonObject("fullDescription").get("text").getAsString());
      JsonObject help = rule.getAsJsonObject("help");
      assertTrue(help.get("text").getAsString().contains(descriptor.fix()), help::toString);
      assertTrue(help.get("markdown").getAsString().contains(descriptor.fix()), help::toString);
      assertTrue(help.get("markdown").getAsString().contains(descriptor.helper()));
      assertEquals("https://github.com/bulwark-security/bulwark/blob/main/docs/rules/"
          + descriptor.id() + ".md", rule.get("helpUri").getAsString());
      assertTrue(help.get("markdown").getAsString().contains(
          "https://cwe.mitre.org/data/definitions/" + descriptor.cwes().get(0) + ".html"));
      assertEquals(descriptor.severity().sarifLevel(),
          rule.getAsJsonObject("defaultConfiguration").get("level").getAsString());

      JsonObject properties = rule.getAsJsonObject("properties");
      Set<String> tags = new HashSet<>();
      properties.getAsJsonArray("tags").forEach(tag -> tags.add(tag.getAsString()));
      assertTrue(tags.contains("security"), tags::toString);
      assertTrue(tags.contains(descriptor.family().label()), tags::toString);
      for (int cwe : descriptor.cwes()) {
        assertTrue(tags.contains("CWE-" + cwe), tags::toString);
      }
      JsonElement securitySeverity = properties.get("security-severity");
      assertTrue(securitySeverity.getAsJsonPrimitive().isString(),
          "security-severity must be a string: " + securitySeverity);
      double score = Double.parseDouble(securitySeverity.getAsString());
      assertTrue(score > 0 && score <= 10, "score " + score);
    }
  }

  @Test
  void tagsAndLevelsOfOneRuleExactly() {
    JsonObject danger = rules().get(0).getAsJsonObject();
    JsonArray tags = danger.getAsJsonObject("properties").getAsJsonArray("tags");
    List<String> tagList = new ArrayList<>();
    tags.forEach(tag -> tagList.add(tag.getAsString()));
    assertTrue(tagList.containsAll(List.of("security", "input", "CWE-20", "CWE-116")),
        tagList::toString);
    assertEquals("error", danger.getAsJsonObject("defaultConfiguration").get("level")
        .getAsString());
    assertEquals("8.0",
        danger.getAsJsonObject("properties").get("security-severity").getAsString());
    JsonObject never = rules().get(1).getAsJsonObject();
    assertEquals("note", never.getAsJsonObject("defaultConfiguration").get("level")
        .getAsString());
  }

  @Test
  void resultsPointAtTheirRules() {
    JsonArray rules = rules();
    JsonArray results = run.getAsJsonArray("results");
    assertEquals(result.findings().size(), results.size());
    for (int i = 0; i < results.size(); i++) {
      JsonObject sarifResult = results.get(i).getAsJsonObject();
      String ruleId = sarifResult.get("ruleId").getAsString();
      assertEquals(result.findings().get(i).ruleId(), ruleId);
      int index = sarifResult.get("ruleIndex").getAsInt();
      assertEquals(ruleId, rules.get(index).getAsJsonObject().get("id").getAsString());
      assertEquals(result.findings().get(i).severity().sarifLevel(),
          sarifResult.get("level").getAsString());
      assertEquals(result.findings().get(i).message(),
          sarifResult.getAsJsonObject("message").get("text").getAsString());
      JsonObject fingerprints = sarifResult.getAsJsonObject("partialFingerprints");
      assertFalse(fingerprints.entrySet().isEmpty());
      String expected = result.findings().get(i).fingerprint();
      fingerprints.entrySet().forEach(entry ->
          assertEquals(expected, entry.getValue().getAsString()));
    }
  }

  @Test
  void locationsAreRelativeToADeclaredBaseWithFullRegions() {
    JsonObject baseIds = run.getAsJsonObject("originalUriBaseIds");
    for (JsonElement element : run.getAsJsonArray("results")) {
      JsonArray locations = element.getAsJsonObject().getAsJsonArray("locations");
      assertEquals(1, locations.size());
      JsonObject physical = locations.get(0).getAsJsonObject()
          .getAsJsonObject("physicalLocation");
      JsonObject artifact = physical.getAsJsonObject("artifactLocation");
      String uri = artifact.get("uri").getAsString();
      assertFalse(URI.create(uri).isAbsolute(), uri);
      assertFalse(uri.startsWith("/"), uri);
      String baseId = artifact.get("uriBaseId").getAsString();
      assertTrue(baseIds.has(baseId), () -> baseId + " not in " + baseIds);
      URI base = URI.create(baseIds.getAsJsonObject(baseId).get("uri").getAsString());
      assertTrue(base.isAbsolute() && base.toString().endsWith("/"), base::toString);
      // The URI resolves to the very file scanned.
      assertTrue(Path.of(base.resolve(uri)).toFile().isFile(), () -> base.resolve(uri) + "");
      JsonObject region = physical.getAsJsonObject("region");
      for (String key : List.of("startLine", "startColumn", "endLine", "endColumn")) {
        assertTrue(region.has(key) && region.get(key).getAsInt() >= 1, () -> key + " " + region);
      }
    }
  }

  @Test
  void regionOfAKnownCall() {
    // Line 4 is "    danger(\"x\");": the call spans columns 5..15; SARIF's end is exclusive.
    JsonObject region = resultFor("src/main/java/com/acme/Client.java", "DangerCall")
        .getAsJsonArray("locations").get(0).getAsJsonObject()
        .getAsJsonObject("physicalLocation").getAsJsonObject("region");
    assertEquals(4, region.get("startLine").getAsInt());
    assertEquals(5, region.get("startColumn").getAsInt());
    assertEquals(4, region.get("endLine").getAsInt());
    assertEquals(16, region.get("endColumn").getAsInt());
  }

  @Test
  void fileNamesWithSpacesAndUnicodeArePercentEncoded() {
    JsonObject odd = resultFor(ODD_NAME, "RiskyCall");
    String uri = odd.getAsJsonArray("locations").get(0).getAsJsonObject()
        .getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation")
        .get("uri").getAsString();
    assertEquals("my%20dir/Caf%C3%A9%20Fa%C3%A7ade.java", uri);
  }

  @Test
  void diagnosticsBecomeToolExecutionNotifications() {
    JsonObject invocation = run.getAsJsonArray("invocations").get(0).getAsJsonObject();
    JsonArray notifications = invocation.getAsJsonArray("toolExecutionNotifications");
    assertEquals(1, notifications.size());
    JsonObject notification = notifications.get(0).getAsJsonObject();
    assertEquals("error", notification.get("level").getAsString());
    assertTrue(notification.getAsJsonObject("message").get("text").getAsString()
        .startsWith("parse error: "));
    assertEquals("src/Broken.java", notification.getAsJsonArray("locations").get(0)
        .getAsJsonObject().getAsJsonObject("physicalLocation")
        .getAsJsonObject("artifactLocation").get("uri").getAsString());
  }

  @Test
  void emptyScanIsStillValidAndListsTheRules() {
    ScanResult empty = new ScanResult(dir, TestRules.standard().descriptors(), List.of(),
        List.of(), 0, 0, 0, java.time.Duration.ZERO);
    String text = new SarifReport("0.1.0").render(empty);
    assertTrue(schema.validate(text, InputFormat.JSON).isEmpty());
    JsonObject emptyRun = JsonParser.parseString(text).getAsJsonObject()
        .getAsJsonArray("runs").get(0).getAsJsonObject();
    assertEquals(0, emptyRun.getAsJsonArray("results").size());
    assertEquals(3, emptyRun.getAsJsonObject("tool").getAsJsonObject("driver")
        .getAsJsonArray("rules").size());
  }

  private static JsonArray rules() {
    return run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
  }

  private static JsonObject resultFor(String file, String ruleId) {
    for (int i = 0; i < result.findings().size(); i++) {
      if (result.findings().get(i).file().equals(file)
          && result.findings().get(i).ruleId().equals(ruleId)) {
        return run.getAsJsonArray("results").get(i).getAsJsonObject();
      }
    }
    throw new AssertionError("no " + ruleId + " finding in " + file + ": " + result.findings());
  }
}
