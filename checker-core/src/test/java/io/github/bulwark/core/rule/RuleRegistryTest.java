package io.github.bulwark.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.testing.TestRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules are found, indexed by id and former id, and their metadata is checked on load. */
class RuleRegistryTest {

  @Test
  void serviceLoaderFindsTheRulesSortedById() {
    RuleRegistry registry = RuleRegistry.load();
    assertEquals(List.of("DangerCall", "NeverFires", "RiskyCall"),
        registry.descriptors().stream().map(RuleDescriptor::id).toList());
  }

  @Test
  void findsByIdAndAlias() {
    RuleRegistry registry = TestRules.standard();
    Rule danger = registry.find("DangerCall").orElseThrow();
    assertSame(danger, registry.find("OldDanger").orElseThrow());
    assertTrue(registry.find("dangercall").isEmpty(), "ids are case-sensitive");
    assertEquals(List.of("DangerCall"), registry.select(List.of("OldDanger", "DangerCall"))
        .descriptors().stream().map(RuleDescriptor::id).toList());
    assertSame(registry, registry.select(List.of()));
  }

  @Test
  void unknownIdsAreAllNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestRules.standard().select(List.of("Nope", "DangerCall", "AlsoNope")));
    assertTrue(e.getMessage().contains("Nope, AlsoNope"), e.getMessage());
    assertTrue(e.getMessage().contains("known rules: DangerCall, NeverFires, RiskyCall"),
        e.getMessage());
  }

  @Test
  void descriptorReadsTheAnnotation() {
    RuleDescriptor descriptor = new TestRules.RiskyCall().descriptor();
    assertEquals("RiskyCall", descriptor.id());
    assertEquals(Family.TRANSPORT, descriptor.family());
    assertEquals(Severity.MEDIUM, descriptor.severity());
    assertEquals(Confidence.MEDIUM, descriptor.confidence());
    assertEquals(List.of(295), descriptor.cwes());
    assertEquals("https://github.com/bulwark-security/bulwark/blob/main/docs/rules/RiskyCall.md",
        descriptor.helpUri());
    assertEquals("https://cwe.mitre.org/data/definitions/295.html", descriptor.cweUri(295));
    assertTrue(descriptor.answersTo("RiskyCall"));
    assertEquals(Confidence.HIGH, new TestRules.DangerCall().descriptor().confidence(),
        "confidence defaults to high");
  }

  @Test
  void twoRulesWithOneIdAreRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RuleRegistry.of(List.of(new TestRules.DangerCall(), new ClashingAlias())));
    assertTrue(e.getMessage().contains("OldDanger"), e.getMessage());
  }

  @Test
  void badMetadataIsRefused() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new NotPascalCase()
        .descriptor()).getMessage().contains("not_pascal"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new NoCwe().descriptor())
        .getMessage().contains("CWE"));
    assertTrue(assertThrows(IllegalStateException.class, () -> new Unannotated().descriptor())
        .getMessage().contains(Unannotated.class.getName()));
  }

  /** Shared base for the broken rules below. */
  abstract static class CallRule implements NodeRule<MethodCallExpr> {
    @Override
    public Class<MethodCallExpr> nodeType() {
      return MethodCallExpr.class;
    }

    @Override
    public void check(MethodCallExpr node, FileContext file, Findings findings) {}
  }

  @RuleInfo(id = "Clash", aliases = "OldDanger", title = "t", family = Family.INPUT,
      severity = Severity.LOW, cwe = 20, owasp = OwaspCategory.A03_INJECTION,
      description = "d", fix = "f", helper = "h")
  static final class ClashingAlias extends CallRule {}

  @RuleInfo(id = "not_pascal", title = "t", family = Family.INPUT, severity = Severity.LOW,
      cwe = 20, owasp = OwaspCategory.A03_INJECTION, description = "d", fix = "f", helper = "h")
  static final class NotPascalCase extends CallRule {}

  @RuleInfo(id = "NoCwe", title = "t", family = Family.INPUT, severity = Severity.LOW,
      cwe = {}, owasp = OwaspCategory.A03_INJECTION, description = "d", fix = "f", helper = "h")
  static final class NoCwe extends CallRule {}

  static final class Unannotated extends CallRule {}
}
