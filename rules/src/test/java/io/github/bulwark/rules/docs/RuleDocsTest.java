package io.github.bulwark.rules.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.bulwark.core.rule.RuleDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rule has its page in {@code docs/rules/} and every page matches what the generator makes
 * of the rule's metadata and fixtures now. With {@code -Dbulwark.docs.write=true} the pages are
 * (re)written instead.
 */
class RuleDocsTest {

  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final Path DOCS = Path.of("../docs/rules");

  @Test
  void everyRuleHasAnUpToDatePage() throws IOException {
    RuleDocs docs = new RuleDocs(FIXTURES);
    if (Boolean.getBoolean("bulwark.docs.write")) {
      docs.write(DOCS);
      return;
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> page : docs.pages().entrySet()) {
      Path file = DOCS.resolve(page.getKey());
      if (!Files.exists(file)) {
        problems.add("missing docs/rules/" + page.getKey());
      } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
        problems.add("stale docs/rules/" + page.getKey());
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join(", ", problems) + ". Regenerate the rule pages with: "
          + RuleDocs.REGENERATE + " (then commit docs/rules/)");
    }
  }

  @Test
  void aPageCarriesTheMetadataLinksAndFixtureExamples() {
    RuleDescriptor rule = RuleDocs.rules().stream()
        .filter(r -> r.id().equals("TrustAllCertificates")).findFirst().orElseThrow();
    String page = new RuleDocs(FIXTURES).page(rule);
    assertTrue(page.startsWith("# TrustAllCertificates: "), page);
    assertTrue(page.contains("| Severity | critical |"), page);
    assertTrue(page.contains("[CWE-295](https://cwe.mitre.org/data/definitions/295.html)"), page);
    assertTrue(page.contains("| Runtime helper | `io.github.bulwark.runtime.SecureHttp` |"), page);
    assertTrue(page.contains("\nFlagged:\n\n```java\n"), page);
    assertTrue(page.contains("\nNot flagged:\n\n```java\n"), page);
    assertTrue(page.contains("// ok: "), page);
    assertTrue(!page.contains("expect:"), "markers are stripped from examples");
  }

  @Test
  void theIndexLinksEveryRule() {
    String index = RuleDocs.index(RuleDocs.rules());
    for (RuleDescriptor rule : RuleDocs.rules()) {
      assertTrue(index.contains("| [" + rule.id() + "](" + rule.id() + ".md) |"), rule.id());
    }
    assertEquals(RuleDocs.rules().size() + 1,
        new RuleDocs(FIXTURES).pages().size(), "one page per rule plus the index");
  }
}
