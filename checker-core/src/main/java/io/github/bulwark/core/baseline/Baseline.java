package io.github.bulwark.core.baseline;

import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.StringReader;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.bulwark.core.engine.ScanResult;
import io.github.bulwark.core.model.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The findings a team accepted when it adopted Bulwark, so that a build fails only on new ones
 * while the old ones are worked down. Stored as {@code bulwark-baseline.json}:
 *
 * <pre>{"version":1,"tool":"bulwark","entries":[{"ruleId","fingerprint","file","line","message"}]}</pre>
 *
 * <p>A finding is baselined when an entry has its rule id and fingerprint; fingerprints leave
 * line numbers out, so inserting lines or reformatting other code keeps a finding baselined.
 * {@code file}, {@code line} and {@code message} are there for the humans reading a diff of the
 * file. Entries are written sorted, so regenerating an unchanged baseline changes no byte.
 */
public final class Baseline {

  /** The file name the CLI and the plugin use by default. */
  public static final String DEFAULT_FILE_NAME = "bulwark-baseline.json";
  public static final int VERSION = 1;
  private static final String TOOL = "bulwark";
  private static final String REGENERATE =
      "regenerate it with 'bulwark baseline PATH...' or 'mvn bulwark:baseline'";

  /** One accepted finding. */
  public record Entry(String ruleId, String fingerprint, String file, int line, String message) {

    static final Comparator<Entry> ORDER = Comparator.comparing(Entry::file)
        .thenComparingInt(Entry::line)
        .thenComparing(Entry::ruleId)
        .thenComparing(Entry::fingerprint)
        .thenComparing(Entry::message);

    public Entry {
      Objects.requireNonNull(ruleId, "ruleId");
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
    }

    static Entry of(Finding finding) {
      return new Entry(finding.ruleId(), finding.fingerprint(), finding.file(), finding.line(),
          finding.message());
    }

    String key() {
      return ruleId + '\n' + fingerprint;
    }

    /** {@code file:line: [RuleId] message}, as a summary lists it. */
    public String describe() {
      return file + ':' + line + ": [" + ruleId + "] " + message;
    }
  }

  /**
   * What a baseline made of a scan.
   *
   * @param result the scan with only the findings the baseline does not hold
   * @param baselined the findings the baseline holds, no longer counted
   * @param fixed entries that no longer occur: the file can shrink
   */
  public record Comparison(ScanResult result, List<Finding> baselined, List<Entry> fixed) {

    public Comparison {
      baselined = List.copyOf(baselined);
      fixed = List.copyOf(fixed);
    }

    public List<Finding> newFindings() {
      return result.findings();
    }

    /** One line for a log: {@code Baseline: 3 baselined, 1 fixed (...)}. */
    public String describe() {
      String line = "Baseline: " + newFindings().size() + " new, " + baselined.size()
          + " baselined, " + fixed.size() + " fixed";
      return fixed.isEmpty() ? line
          : line + " (no longer occur: shrink the baseline by regenerating it)";
    }
  }

  private final List<Entry> entries;

  private Baseline(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Entry.ORDER);
    this.entries = List.copyOf(sorted);
  }

  public static Baseline of(List<Entry> entries) {
    return new Baseline(entries);
  }

  /** Every counted (not suppressed) finding of a scan. */
  public static Baseline from(ScanResult result) {
    return new Baseline(result.findings().stream().map(Entry::of).toList());
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Splits a scan's findings into new and baselined, and lists entries that no longer occur. */
  public Comparison apply(ScanResult result) {
    Set<String> known = new HashSet<>();
    entries.forEach(entry -> known.add(entry.key()));
    Set<String> seen = new HashSet<>();
    List<Finding> fresh = new ArrayList<>();
    List<Finding> baselined = new ArrayList<>();
    for (Finding finding : result.findings()) {
      String key = finding.ruleId() + '\n' + finding.fingerprint();
      if (known.contains(key)) {
        baselined.add(finding);
        seen.add(key);
      } else {
        fresh.add(finding);
      }
    }
    List<Entry> fixed = entries.stream().filter(entry -> !seen.contains(entry.key())).toList();
    return new Comparison(result.withFindings(result.rules(), fresh), baselined, fixed);
  }

  /** The file's text: stable, sorted, one entry per line group, ending in a newline. */
  public String toJson() {
    JsonObject root = new JsonObject();
    root.addProperty("version", VERSION);
    root.addProperty("tool", TOOL);
    JsonArray array = new JsonArray();
    for (Entry entry : entries) {
      JsonObject object = new JsonObject();
      object.addProperty("ruleId", entry.ruleId());
      object.addProperty("fingerprint", entry.fingerprint());
      object.addProperty("file", entry.file());
      object.addProperty("line", entry.line());
      object.addProperty("message", entry.message());
      array.add(object);
    }
    root.add("entries", array);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root)
        + "\n";
  }

  /** Writes the file atomically (a temporary file moved into place), creating folders. */
  public Path write(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temporary = Files.createTempFile(absolute.getParent(), ".bulwark-baseline-", ".tmp");
    try {
      Files.writeString(temporary, toJson(), StandardCharsets.UTF_8);
      try {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
    return absolute;
  }

  /** Reads and validates a baseline file; every problem is a {@link BaselineException}. */
  public static Baseline read(Path file) throws BaselineException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BaselineException("baseline file " + file + " does not exist: create it with"
          + " 'bulwark baseline PATH...' or 'mvn bulwark:baseline', or fix the path", e);
    } catch (IOException | RuntimeException e) {
      throw new BaselineException("cannot read baseline file " + file + ": " + e, e);
    }
    return parse(file.toString(), text);
  }

  /** Parses a baseline's text; {@code name} says which file in error messages. */
  public static Baseline parse(String name, String text) throws BaselineException {
    JsonElement root;
    try {
      // Strict: a hand-edited file with a trailing comma or a comment is named, not guessed at.
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      root = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("text after the end of the JSON document");
      }
    } catch (JsonParseException | IOException | IllegalStateException | StackOverflowError e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new BaselineException("baseline file " + name + " is not valid JSON (" + reason
          + "); " + REGENERATE, e);
    }
    if (!root.isJsonObject()) {
      throw invalid(name, "the top level is not a JSON object");
    }
    JsonObject object = root.getAsJsonObject();
    JsonElement version = object.get("version");
    if (version == null || !isNumber(version)) {
      throw invalid(name, "it has no numeric 'version'");
    }
    if (version.getAsDouble() != VERSION) {
      throw new BaselineException("baseline file " + name + " has version "
          + version.getAsString() + ", but this Bulwark reads version " + VERSION + "; "
          + REGENERATE);
    }
    JsonElement tool = object.get("tool");
    if (tool != null && !(tool.isJsonPrimitive() && TOOL.equals(tool.getAsString()))) {
      throw invalid(name, "'tool' is " + tool + ", not \"" + TOOL + "\"");
    }
    JsonElement entries = object.get("entries");
    if (entries == null || !entries.isJsonArray()) {
      throw invalid(name, "it has no 'entries' array");
    }
    List<Entry> parsed = new ArrayList<>();
    JsonArray array = entries.getAsJsonArray();
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isJsonObject()) {
        throw invalid(name, "entry " + (i + 1) + " is not a JSON object");
      }
      JsonObject entry = array.get(i).getAsJsonObject();
      String where = "entry " + (i + 1);
      parsed.add(new Entry(
          string(name, entry, "ruleId", where),
          string(name, entry, "fingerprint", where),
          string(name, entry, "file", where),
          line(name, entry, where),
          string(name, entry, "message", where)));
    }
    return new Baseline(parsed);
  }

  private static String string(String name, JsonObject entry, String field, String where)
      throws BaselineException {
    JsonElement value = entry.get(field);
    if (value == null || value.isJsonNull()) {
      throw invalid(name, where + " has no '" + field + "'");
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw invalid(name, where + " has a '" + field + "' that is not a string");
    }
    String text = value.getAsString();
    if ((field.equals("ruleId") || field.equals("fingerprint")) && text.isBlank()) {
      throw invalid(name, where + " has an empty '" + field + "'");
    }
    return text;
  }

  private static int line(String name, JsonObject entry, String where)
      throws BaselineException {
    JsonElement value = entry.get("line");
    if (value == null || value.isJsonNull()) {
      throw invalid(name, where + " has no 'line'");
    }
    if (!isNumber(value) || value.getAsDouble() != Math.floor(value.getAsDouble())
        || value.getAsDouble() < 0 || value.getAsDouble() > Integer.MAX_VALUE) {
      throw invalid(name, where + " has a 'line' that is not a line number: " + value);
    }
    return value.getAsInt();
  }

  private static boolean isNumber(JsonElement element) {
    return element.isJsonPrimitive() && ((JsonPrimitive) element).isNumber();
  }

  private static BaselineException invalid(String name, String what) {
    return new BaselineException("baseline file " + name + " is not a Bulwark baseline: " + what
        + "; " + REGENERATE + " (or restore the entry from version control)");
  }
}
