package io.github.bulwark.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.rule.Rule;
import io.github.bulwark.core.rule.RuleDescriptor;
import io.github.bulwark.core.rule.RuleRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fix names a bulwark-runtime helper that exists, and its text says how to use it. */
class FixHelpersTest {

  static Stream<Rule> rules() {
    return RuleRegistry.load().all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void helperExistsAndIsNamedInTheFix(Rule rule) {
    RuleDescriptor descriptor = rule.descriptor();
    Class<?> helper = assertDoesNotThrow(() -> Class.forName(descriptor.helper()),
        descriptor.id() + " names a helper that bulwark-runtime lacks: " + descriptor.helper());
    assertTrue(descriptor.fix().contains(helper.getSimpleName()),
        descriptor.id() + "'s fix text should show " + helper.getSimpleName() + " in use");
  }
}
