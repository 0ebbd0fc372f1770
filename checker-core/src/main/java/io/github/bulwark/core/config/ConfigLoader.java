package io.github.bulwark.core.config;

import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.RuleRegistry;
import io.github.bulwark.core.taint.SinkKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads and validates {@code bulwark.yml}. Every mistake is an {@link IllegalArgumentException}
 * whose message names the file, the key and the allowed values, because a typo that silently
 * switches a rule off is a hole in the gate. The YAML loader builds plain maps and lists only.
 *
 * <pre>
 * rules:
 *   disable: [LogInjection]
 *   severity: {CleartextHttp: high}
 * exclude: ["**&#47;legacy/**"]
 * taint:
 *   sources: ["RequestContext#param"]
 *   sanitizers: {"SqlQuoting#quote": [SQL]}
 * secrets:
 *   patterns: {"ACME token": "acme_[A-Za-z0-9]{32}"}
 * </pre>
 */
public final class ConfigLoader {

  private static final Set<String> TOP_LEVEL = Set.of("rules", "exclude", "taint", "secrets");
  private static final Set<String> RULE_KEYS = Set.of("disable", "severity");
  private static final Set<String> TAINT_KEYS = Set.of("sources", "sanitizers");
  private static final Set<String> SECRET_KEYS = Set.of("patterns");
  private static final long MAX_BYTES = 1024 * 1024;

  private final RuleRegistry registry;

  public ConfigLoader(RuleRegistry registry) {
    this.registry = registry;
  }

  /**
   * The nearest {@code bulwark.yml} at or above {@code start}, stopping at the repository root
   * (a folder with {@code .git}), so every module of a multi-module build shares one file.
   */
  public static java.util.Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(BulwarkConfig.FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return java.util.Optional.of(candidate);
      }
      if (Files.isDirectory(dir.resolve(".git"))) {
        break;
      }
    }
    return java.util.Optional.empty();
  }

  /** The configuration in {@code directory/bulwark.yml}, or {@link BulwarkConfig#EMPTY}. */
  public BulwarkConfig loadFrom(Path directory) {
    Path file = directory.resolve(BulwarkConfig.FILE_NAME);
    return Files.isRegularFile(file) ? load(file) : BulwarkConfig.EMPTY;
  }

  public BulwarkConfig load(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw error(file, "", "is larger than 1 MB; is this the right file?");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  BulwarkConfig parse(Path file, String text) {
    Object root;
    try {
      root = new Load(LoadSettings.builder().setLabel(file.toString())
          .setAllowDuplicateKeys(false).setMaxAliasesForCollections(10).build())
          .loadFromString(text);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: "
          + e.getMessage().replaceAll("\\s+", " ").trim(), e);
    }
    if (root == null) {
      return BulwarkConfig.EMPTY;
    }
    Map<String, Object> top = map(file, "", root);
    checkKeys(file, "", top, TOP_LEVEL);

    Set<String> disabled = new HashSet<>();
    Map<String, Severity> severities = new HashMap<>();
    Map<String, Object> rules = top.containsKey("rules")
        ? map(file, "rules", top.get("rules")) : Map.of();
    checkKeys(file, "rules", rules, RULE_KEYS);
    for (String id : strings(file, "rules.disable", rules.get("disable"))) {
      disabled.add(knownRule(file, "rules.disable", id));
    }
    Map<String, Object> severity = rules.containsKey("severity")
        ? map(file, "rules.severity", rules.get("severity")) : Map.of();
    for (Map.Entry<String, Object> entry : severity.entrySet()) {
      String id = knownRule(file, "rules.severity", entry.getKey());
      try {
        severities.put(id, Severity.parse(String.valueOf(entry.getValue())));
      } catch (IllegalArgumentException e) {
        throw error(file, "rules.severity." + entry.getKey(), e.getMessage());
      }
    }

    List<String> excludes = strings(file, "exclude", top.get("exclude"));

    Map<String, Object> taint = top.containsKey("taint")
        ? map(file, "taint", top.get("taint")) : Map.of();
    checkKeys(file, "taint", taint, TAINT_KEYS);
    Set<String> sources = new HashSet<>(strings(file, "taint.sources", taint.get("sources")));
    Map<String, Set<SinkKind>> sanitizers = new HashMap<>();
    Map<String, Object> sanitizerMap = taint.containsKey("sanitizers")
        ? map(file, "taint.sanitizers", taint.get("sanitizers")) : Map.of();
    for (Map.Entry<String, Object> entry : sanitizerMap.entrySet()) {
      String key = "taint.sanitizers." + entry.getKey();
      EnumSet<SinkKind> kinds = EnumSet.noneOf(SinkKind.class);
      for (String kind : strings(file, key, entry.getValue())) {
        try {
          kinds.add(SinkKind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw error(file, key, "unknown sink kind '" + kind + "'; allowed: "
              + Arrays.toString(SinkKind.values()));
        }
      }
      sanitizers.put(entry.getKey(), kinds);
    }

    Map<String, Object> secrets = top.containsKey("secrets")
        ? map(file, "secrets", top.get("secrets")) : Map.of();
    checkKeys(file, "secrets", secrets, SECRET_KEYS);
    Map<String, Pattern> patterns = new LinkedHashMap<>();
    Map<String, Object> patternMap = secrets.containsKey("patterns")
        ? map(file, "secrets.patterns", secrets.get("patterns")) : Map.of();
    for (Map.Entry<String, Object> entry : patternMap.entrySet()) {
      try {
        patterns.put(entry.getKey(), Pattern.compile(String.valueOf(entry.getValue())));
      } catch (PatternSyntaxException e) {
        throw error(file, "secrets.patterns." + entry.getKey(),
            "not a valid regular expression: " + e.getDescription());
      }
    }
    return new BulwarkConfig(disabled, severities, excludes, sources, sanitizers, patterns);
  }

  private String knownRule(Path file, String key, String id) {
    return registry.find(id.trim()).map(rule -> rule.descriptor().id())
        .orElseThrow(() -> error(file, key, "unknown rule id '" + id + "'; known rules: "
            + String.join(", ", registry.descriptors().stream().map(d -> d.id()).toList())));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Path file, String key, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw error(file, key, "must be a mapping of keys to values");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      result.put(String.valueOf(entry.getKey()), entry.getValue());
    }
    return result;
  }

  private static List<String> strings(Path file, String key, Object value) {
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map || item instanceof List) {
          throw error(file, key, "must be a list of text values");
        }
        result.add(String.valueOf(item));
      }
      return result;
    }
    if (value instanceof Map) {
      throw error(file, key, "must be a list of text values");
    }
    result.add(String.valueOf(value));
    return result;
  }

  private static void checkKeys(Path file, String at, Map<String, Object> map, Set<String> allowed) {
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw error(file, at.isEmpty() ? key : at + "." + key,
            "unknown key; allowed here: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private static IllegalArgumentException error(Path file, String key, String message) {
    return new IllegalArgumentException(file + (key.isEmpty() ? "" : ": " + key) + ": " + message);
  }
}
