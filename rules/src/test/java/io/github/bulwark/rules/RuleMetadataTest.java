package io.github.bulwark.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.rule.Rule;
import io.github.bulwark.core.rule.RuleDescriptor;
import io.github.bulwark.core.rule.RuleRegistry;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule carries complete metadata and is exercised by fixtures with hits and traps. */
class RuleMetadataTest {

  private static final RuleRegistry REGISTRY = RuleRegistry.load();

  static Stream<Rule> rules() {
    return REGISTRY.all().stream();
  }

  @Test
  void rulesAreRegistered() {
    assertTrue(REGISTRY.all().size() >= 2, "ServiceLoader found " + REGISTRY.all());
  }

  @Test
  void idsAndAliasesAreUnique() {
    Set<String> seen = new HashSet<>();
    for (RuleDescriptor descriptor : REGISTRY.descriptors()) {
      assertTrue(seen.add(descriptor.id()), "duplicate id " + descriptor.id());
      for (String alias : descriptor.aliases()) {
        assertTrue(seen.add(alias), "duplicate alias " + alias);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void metadataIsComplete(Rule rule) {
    RuleDescriptor descriptor = rule.descriptor();
    Class<?> type = rule.getClass();
    assertTrue(Modifier.isFinal(type.getModifiers()), type + " must be final");
    assertEquals(descriptor.id(), type.getSimpleName(), "a rule class is named after its id");
    assertFalse(descriptor.cwes().isEmpty(), "at least one CWE");
    assertFalse(descriptor.title().isBlank(), "title");
    assertTrue(descriptor.description().length() > 40, "description says why it matters");
    assertTrue(descriptor.fix().length() > 20, "fix");
    assertTrue(descriptor.helper().startsWith("io.github.bulwark.runtime."),
        "helper names a bulwark-runtime type: " + descriptor.helper());
    assertTrue(type.getPackageName().endsWith("." + descriptor.family().label()),
        "rule lives in the package of its family");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void hasFixturesWithHitsAndTraps(Rule rule) {
    String id = rule.descriptor().id();
    String family = rule.descriptor().family().label();
    List<Fixture> fixtures = Fixtures.all().stream()
        .filter(f -> f.family().equals(family)).toList();
    assertTrue(fixtures.stream().anyMatch(f -> f.markedRules().contains(id)),
        "no fixture line expects " + id);
    assertTrue(fixtures.stream().anyMatch(f -> f.traps() > 0),
        "no trap (// ok:) in the fixtures of family " + family);
  }
}
