package io.github.bulwark.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fingerprints name a finding across edits elsewhere in the file, so baselines and SARIF
 * {@code partialFingerprints} keep matching; they still tell apart findings that differ.
 */
class FingerprintsTest {

  private static final String ORIGINAL = """
      package com.acme;

      class Service {
        void other(String a, int b) { int x = a.length() + b; }

        void handle(String input) {
          danger(input);
        }
      }
      """;

  /** Lines inserted above, another method reformatted, an import added: the finding moved. */
  private static final String EDITED = """
      package com.acme;

      import java.util.List;

      /** Now with documentation. */
      class Service {
        private final List<String> names = List.of();

        void other(String a,
                   int b) {
          int x = a.length()
              + b;
        }

        void handle(String input) {
          danger(input);
        }
      }
      """;

  @TempDir Path dir;

  private List<Finding> scan(String text, RuleRegistry rules) {
    SourceTree tree = new SourceTree(dir);
    tree.write("src/Service.java", text);
    return tree.scan(rules).findings();
  }

  private List<Finding> scan(String text) {
    return scan(text, TestRules.standard());
  }

  @Test
  void stableWhenLinesAreInsertedAboveAndAnotherMethodIsReformatted() {
    Finding before = scan(ORIGINAL).get(0);
    Finding after = scan(EDITED).get(0);
    assertNotEquals(before.line(), after.line(), "the finding did move");
    assertEquals(before.fingerprint(), after.fingerprint());
  }

  @Test
  void stableWhenTheFlaggedCodeIsOnlyReindented() {
    Finding before = scan(ORIGINAL).get(0);
    Finding after = scan(ORIGINAL.replace("    danger(input);", "\t\t  danger(input);")).get(0);
    assertEquals(before.fingerprint(), after.fingerprint());
  }

  @Test
  void changesWhenTheFlaggedCodeOrItsMethodChanges() {
    String original = scan(ORIGINAL).get(0).fingerprint();
    assertNotEquals(original, scan(ORIGINAL.replace("danger(input)", "danger(input.trim())"))
        .get(0).fingerprint());
    assertNotEquals(original, scan(ORIGINAL.replace("void handle(String input)",
        "void handle(CharSequence input)")).get(0).fingerprint());
    assertNotEquals(original, scan(ORIGINAL.replace("class Service", "class Other"))
        .get(0).fingerprint());
  }

  @Test
  void identicalCallsInOneMethodDiffer() {
    List<Finding> findings = scan("""
        class Twice {
          void m() {
            danger();
            danger();
          }
        }
        """);
    assertEquals(2, findings.size());
    assertNotEquals(findings.get(0).fingerprint(), findings.get(1).fingerprint());
  }

  @Test
  void identicalCallsInDifferentMethodsDiffer() {
    List<Finding> findings = scan("""
        class Twice {
          void m() { danger(); }
          void n() { danger(); }
        }
        """);
    assertNotEquals(findings.get(0).fingerprint(), findings.get(1).fingerprint());
  }

  @Test
  void rulesFlaggingTheSameCallDiffer() {
    List<Finding> findings = scan(ORIGINAL, RuleRegistry.of(
        List.of(new TestRules.DangerCall(), new TestRules.DangerEcho())));
    assertEquals(2, findings.size());
    assertEquals(findings.get(0).range(), findings.get(1).range());
    assertNotEquals(findings.get(0).fingerprint(), findings.get(1).fingerprint());
  }

  @Test
  void suppressingOneOfTwoIdenticalCallsKeepsTheOthersFingerprint() {
    String twice = """
        class Twice {
          void m() {
            danger();
            danger();
          }
        }
        """;
    List<Finding> both = scan(twice);
    List<Finding> secondOnly = scan(twice.replaceFirst("danger\\(\\);",
        "danger(); // bulwark:ignore DangerCall -- reviewed"));
    assertEquals(1, secondOnly.size());
    assertEquals(4, secondOnly.get(0).line());
    assertEquals(both.get(1).fingerprint(), secondOnly.get(0).fingerprint(),
        "a suppression must not hand the second call the first one's fingerprint");
  }
}
