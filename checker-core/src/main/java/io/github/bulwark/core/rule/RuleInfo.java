package io.github.bulwark.core.rule;

import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata, in one place on the rule class. Read once into a {@link RuleDescriptor}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {

  /** PascalCase, stable, never reused. */
  String id();

  /** Earlier ids of this rule, so suppressions written against them keep working. */
  String[] aliases() default {};

  String title();

  Family family();

  Severity severity();

  Confidence confidence() default Confidence.HIGH;

  /** CWE numbers, most specific first; at least one. */
  int[] cwe();

  OwaspCategory owasp();

  /** Why it matters: the attack the finding enables. */
  String description();

  /** The fix, in one or two sentences, naming the runtime helper. */
  String fix();

  /** Fully qualified name of the bulwark-runtime type that implements the fix. */
  String helper();
}
