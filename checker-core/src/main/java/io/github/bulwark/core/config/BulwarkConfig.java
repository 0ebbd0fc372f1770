package io.github.bulwark.core.config;

import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.taint.SinkKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project's Bulwark configuration ({@code bulwark.yml} at the project root), shared by the
 * Maven plugin and the CLI: rules switched off, severities overridden, paths excluded, and the
 * project's own taint sources, sanitizers and secret formats. Immutable; {@link #EMPTY} when a
 * project has no file.
 *
 * @param disabledRules rule ids (or former ids) that do not run
 * @param severities severity per rule id, replacing the rule's own
 * @param excludes path globs added to the scan's excludes
 * @param taintSources methods whose return value is untrusted ({@code Type#method} or
 *     {@code method})
 * @param taintSanitizers methods whose result is safe for the given sink kinds
 * @param secretPatterns extra credential formats, by name
 */
public record BulwarkConfig(
    Set<String> disabledRules,
    Map<String, Severity> severities,
    List<String> excludes,
    Set<String> taintSources,
    Map<String, Set<SinkKind>> taintSanitizers,
    Map<String, Pattern> secretPatterns) {

  public static final BulwarkConfig EMPTY =
      new BulwarkConfig(Set.of(), Map.of(), List.of(), Set.of(), Map.of(), Map.of());

  /** The file name looked for at the project root. */
  public static final String FILE_NAME = "bulwark.yml";

  public BulwarkConfig {
    disabledRules = Set.copyOf(disabledRules);
    severities = Map.copyOf(severities);
    excludes = List.copyOf(excludes);
    taintSources = Set.copyOf(taintSources);
    taintSanitizers = Map.copyOf(taintSanitizers);
    secretPatterns = Map.copyOf(secretPatterns);
  }

  /** The settings as stable text, for cache keys: equal configurations give equal text. */
  public String canonical() {
    StringBuilder text = new StringBuilder();
    text.append("disabled=").append(new java.util.TreeSet<>(disabledRules));
    text.append(";severities=").append(new java.util.TreeMap<>(severities));
    text.append(";excludes=").append(excludes);
    text.append(";sources=").append(new java.util.TreeSet<>(taintSources));
    java.util.TreeMap<String, String> sanitizers = new java.util.TreeMap<>();
    taintSanitizers.forEach((k, v) -> sanitizers.put(k, new java.util.TreeSet<>(v).toString()));
    text.append(";sanitizers=").append(sanitizers);
    java.util.TreeMap<String, String> patterns = new java.util.TreeMap<>();
    secretPatterns.forEach((k, v) -> patterns.put(k, v.pattern()));
    return text.append(";secrets=").append(patterns).toString();
  }

  /** True for a method the configuration names as a source ({@code Type#name} or {@code name}). */
  public boolean isTaintSource(String receiverType, String method) {
    return taintSources.contains(method) || taintSources.contains(receiverType + "#" + method);
  }

  /** The sink kinds a configured sanitizer clears, or an empty set. */
  public Set<SinkKind> sanitizes(String receiverType, String method) {
    Set<SinkKind> kinds = taintSanitizers.get(receiverType + "#" + method);
    if (kinds == null) {
      kinds = taintSanitizers.get(method);
    }
    return kinds == null ? Set.of() : kinds;
  }
}
