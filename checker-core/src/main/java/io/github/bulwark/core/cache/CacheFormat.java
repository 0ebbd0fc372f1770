package io.github.bulwark.core.cache;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.model.Suppression;
import io.github.bulwark.core.project.DeferredFinding;
import io.github.bulwark.core.project.MethodSummary;
import io.github.bulwark.core.project.ProjectQuestion;
import io.github.bulwark.core.project.TaintedCall;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cache file, as plain JSON read and written with Gson's streaming API (never Java
 * serialization): a header naming the format, schema, Bulwark version and scan key, then one
 * entry per file. Reading is strict: an unknown or missing field, a wrong type or a value a model
 * record refuses is a {@link CacheFormatException}, so a damaged file is discarded, never
 * half-trusted.
 */
final class CacheFormat {

  static final String FORMAT = "bulwark-result-cache";

  /**
   * The engine's cross-file facts (method summaries, tainted calls) are records that grow as the
   * analysis learns more; Gson writes them by their components, and {@link #shape()} puts those
   * components into the scan key, so a cache written before a component was added is never read.
   */
  private static final class Facts {
    /** Built on first use: a scan answered by the snapshot never reads or writes facts. */
    static final Gson GSON = new GsonBuilder()
        .disableHtmlEscaping()
        .setStrictness(Strictness.STRICT)
        .serializeNulls()
        .create();
  }
  static final int SCHEMA = 4;

  /** One file's cached results. */
  record Entry(String path, String sha256, CachedFile results) {}

  /** What a cache file says about itself. */
  record Header(String version, String key) {}

  /** A cache file that is not what it should be. */
  static final class CacheFormatException extends Exception {
    CacheFormatException(String message) {
      super(message);
    }
  }

  private CacheFormat() {}

  /**
   * The shape of everything the cache stores, as text: each cached type with its components or
   * fields and their generic types. Part of the scan key.
   */
  static String shape() {
    StringBuilder text = new StringBuilder("schema ").append(SCHEMA);
    for (Class<?> type : List.of(CachedFile.class, Finding.class, Finding.Step.class,
        SourceRange.class, Suppression.class, Diagnostic.class, MethodSummary.class,
        TaintedCall.class, io.github.bulwark.core.taint.Taint.class,
        io.github.bulwark.core.project.DeferredFinding.class,
        io.github.bulwark.core.project.ProjectQuestion.class, FileState.class,
        io.github.bulwark.core.taint.FlowStep.class)) {
      text.append('|').append(type.getName());
      for (java.lang.reflect.Field field : type.getDeclaredFields()) {
        if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
          text.append(' ').append(field.getGenericType().getTypeName()).append(' ')
              .append(field.getName());
        }
      }
    }
    return text.toString();
  }

  static void write(Writer out, ScanKey key, Iterable<Entry> entries) throws IOException {
    JsonWriter json = new JsonWriter(out);
    json.setStrictness(com.google.gson.Strictness.STRICT);
    json.setHtmlSafe(false);
    json.beginObject();
    json.name("format").value(FORMAT);
    json.name("schema").value(SCHEMA);
    json.name("bulwarkVersion").value(key.version());
    json.name("key").value(key.digest());
    // The names method summaries hold repeat across thousands of methods (get/1, toString/0):
    // written once in a table and referred to by index, the file is a third of the size and
    // reads faster, and every repeat shares one String once read.
    Strings strings = new Strings();
    for (Entry entry : entries) {
      entry.results().methods().forEach(method -> strings.addAll(method, entry.path()));
      entry.results().deferred().forEach(pending -> pending.question().methods()
          .forEach(method -> strings.addAll(method, entry.path())));
    }
    json.name("strings").beginArray();
    for (String text : strings.table) {
      json.value(text);
    }
    json.endArray();
    json.name("files").beginArray();
    for (Entry entry : entries) {
      writeEntry(json, entry, strings);
    }
    json.endArray();
    json.endObject();
    json.flush();
  }

  /** The string table of one cache file, in first-use order. */
  private static final class Strings {
    final List<String> table = new ArrayList<>();
    final Map<String, Integer> index = new HashMap<>();

    int of(String text) {
      return index.computeIfAbsent(text, t -> {
        table.add(t);
        return table.size() - 1;
      });
    }

    void addAll(MethodSummary method, String path) {
      of(method.file().equals(path) ? "" : method.file());
      of(method.type());
      of(method.name());
      for (java.util.Set<String> texts : List.of(method.calls(), method.calledNames(),
          method.annotations(), method.literals(), method.supertypes(),
          method.parameterFlows())) {
        texts.forEach(this::of);
      }
    }
  }

  private static void writeEntry(JsonWriter json, Entry entry, Strings strings)
      throws IOException {
    CachedFile file = entry.results();
    json.beginObject();
    json.name("path").value(entry.path());
    json.name("sha256").value(entry.sha256());
    json.name("analysed").value(file.analysed());
    json.name("lines").value(file.lines());
    writeFindingsAndDiagnostics(json, file.findings(), file.diagnostics(), entry.path());
    json.name("methods").beginArray();
    for (MethodSummary method : file.methods()) {
      writeMethod(json, method, entry.path(), strings);
    }
    json.endArray();
    json.name("taintedCalls").beginArray();
    for (TaintedCall call : file.taintedCalls()) {
      Facts.GSON.toJson(call, TaintedCall.class, json);
    }
    json.endArray();
    json.name("properties").beginObject();
    for (Map.Entry<String, String> property : file.properties().entrySet()) {
      json.name(property.getKey()).value(property.getValue());
    }
    json.endObject();
    json.name("deferred").beginArray();
    for (DeferredFinding pending : file.deferred()) {
      json.beginObject();
      json.name("finding");
      writeFinding(json, pending.template(), entry.path());
      json.name("question");
      writeQuestion(json, pending.question(), entry.path(), strings);
      json.endObject();
    }
    json.endArray();
    json.endObject();
  }

  /**
   * A method summary as one array, by hand rather than by reflection: tens of thousands of them
   * make up most of a cache file, and a scan after a one-file edit reads and writes them all.
   * Its file is written only when it is not the entry's own ({@code path}).
   */
  private static void writeMethod(JsonWriter json, MethodSummary method, String path,
      Strings strings) throws IOException {
    json.beginArray();
    json.value(strings.of(method.file().equals(path) ? "" : method.file()));
    json.value(strings.of(method.type())).value(strings.of(method.name())).value(method.arity());
    for (java.util.Set<String> texts : List.of(method.calls(), method.calledNames(),
        method.annotations(), method.literals(), method.supertypes(), method.parameterFlows())) {
      json.beginArray();
      for (String text : texts) {
        json.value(strings.of(text));
      }
      json.endArray();
    }
    json.endArray();
  }

  private static MethodSummary readMethod(JsonReader json, String path, List<String> strings)
      throws IOException, CacheFormatException {
    json.beginArray();
    String file = string(json, strings, path);
    String type = string(json, strings, path);
    String name = string(json, strings, path);
    int arity = json.nextInt();
    List<java.util.Set<String>> sets = new ArrayList<>(6);
    List<String> texts = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        texts.clear();
        json.beginArray();
        while (json.hasNext()) {
          texts.add(string(json, strings, path));
        }
        json.endArray();
        // Built immutable once (the summary keeps such a set as it is); most are empty. A
        // repeated element, which a set never writes, is a damaged file.
        sets.add(texts.isEmpty() ? java.util.Set.of()
            : java.util.Set.of(texts.toArray(new String[0])));
      }
    } catch (IllegalArgumentException e) {
      throw refused(path, e);
    }
    json.endArray();
    try {
      return new MethodSummary(file.isEmpty() ? path : file, type, name, arity, sets.get(0),
          sets.get(1), sets.get(2), sets.get(3), sets.get(4), sets.get(5));
    } catch (RuntimeException e) {
      throw refused(path, e);
    }
  }

  /** A string of the table, by its index; an index outside it is a damaged file. */
  private static String string(JsonReader json, List<String> strings, String path)
      throws IOException, CacheFormatException {
    int index = json.nextInt();
    if (index < 0 || index >= strings.size()) {
      throw new CacheFormatException("string " + index + " outside the table, in " + path);
    }
    return strings.get(index);
  }

  private static void writeQuestion(JsonWriter json, ProjectQuestion question, String path,
      Strings strings) throws IOException {
    json.beginObject();
    json.name("facts").beginObject();
    for (Map.Entry<String, List<String>> fact : question.facts().entrySet()) {
      json.name(fact.getKey()).beginArray();
      for (String value : fact.getValue()) {
        json.value(value);
      }
      json.endArray();
    }
    json.endObject();
    json.name("methods").beginArray();
    for (MethodSummary method : question.methods()) {
      writeMethod(json, method, path, strings);
    }
    json.endArray();
    json.endObject();
  }

  private static ProjectQuestion readQuestion(JsonReader json, String path,
      List<String> strings) throws IOException, CacheFormatException {
    json.beginObject();
    expectName(json, "facts");
    Map<String, List<String>> facts = new HashMap<>();
    json.beginObject();
    while (json.hasNext()) {
      String name = json.nextName();
      List<String> values = new ArrayList<>();
      json.beginArray();
      while (json.hasNext()) {
        values.add(json.nextString());
      }
      json.endArray();
      if (facts.put(name, values) != null) {
        throw new CacheFormatException("fact '" + name + "' twice in a question of " + path);
      }
    }
    json.endObject();
    expectName(json, "methods");
    List<MethodSummary> methods = new ArrayList<>();
    json.beginArray();
    while (json.hasNext()) {
      methods.add(readMethod(json, path, strings));
    }
    json.endArray();
    json.endObject();
    return new ProjectQuestion(facts, methods);
  }

  /** One finding; its file is written only when it is not the entry's own ({@code path}). */
  static void writeFinding(JsonWriter json, Finding finding, String path) throws IOException {
    json.beginObject();
    json.name("rule").value(finding.ruleId());
    json.name("severity").value(finding.severity().name());
    json.name("confidence").value(finding.confidence().name());
    if (!finding.file().equals(path)) {
      json.name("file").value(finding.file());
    }
    json.name("range");
    writeRange(json, finding.range());
    json.name("message").value(finding.message());
    json.name("fix").value(finding.fix());
    json.name("fingerprint").value(finding.fingerprint());
    if (!finding.flow().isEmpty()) {
      json.name("flow").beginArray();
      for (Finding.Step step : finding.flow()) {
        json.beginObject();
        json.name("range");
        writeRange(json, step.range());
        json.name("message").value(step.message());
        json.endObject();
      }
      json.endArray();
    }
    if (finding.suppression() != null) {
      Suppression suppression = finding.suppression();
      json.name("suppression").beginObject();
      json.name("kind").value(suppression.kind().name());
      json.name("justification").value(suppression.justification());
      json.name("range");
      writeRange(json, suppression.range());
      json.name("text").value(suppression.text());
      json.endObject();
    }
    json.endObject();
  }

  static void writeDiagnostic(JsonWriter json, Diagnostic diagnostic, String path)
      throws IOException {
    json.beginObject();
    json.name("kind").value(diagnostic.kind().name());
    if (!diagnostic.file().equals(path)) {
      json.name("file").value(diagnostic.file());
    }
    json.name("line").value(diagnostic.line());
    json.name("column").value(diagnostic.column());
    json.name("message").value(diagnostic.message());
    json.endObject();
  }

  private static void writeRange(JsonWriter json, SourceRange range) throws IOException {
    json.beginArray().value(range.startLine()).value(range.startColumn()).value(range.endLine())
        .value(range.endColumn()).endArray();
  }

  /** Reads the header only, then stops: enough to decide whether the rest is worth reading. */
  static Header readHeader(JsonReader json) throws IOException, CacheFormatException {
    json.beginObject();
    String format = stringField(json, "format");
    if (!FORMAT.equals(format)) {
      throw new CacheFormatException("not a Bulwark result cache (format '" + format + "')");
    }
    expectName(json, "schema");
    int schema = json.nextInt();
    if (schema != SCHEMA) {
      throw new CacheFormatException("cache schema " + schema + ", this Bulwark reads " + SCHEMA);
    }
    String version = stringField(json, "bulwarkVersion");
    String key = stringField(json, "key");
    return new Header(version, key);
  }

  /** Reads the entries after {@link #readHeader}; any deviation from the schema is refused. */
  static Map<String, Entry> readEntries(JsonReader json) throws IOException, CacheFormatException {
    expectName(json, "strings");
    List<String> strings = new ArrayList<>();
    json.beginArray();
    while (json.hasNext()) {
      strings.add(json.nextString());
    }
    json.endArray();
    expectName(json, "files");
    Map<String, Entry> entries = new HashMap<>();
    json.beginArray();
    while (json.hasNext()) {
      Entry entry = readEntry(json, strings);
      if (entries.put(entry.path(), entry) != null) {
        throw new CacheFormatException("two entries for " + entry.path());
      }
    }
    json.endArray();
    json.endObject();
    if (json.peek() != JsonToken.END_DOCUMENT) {
      throw new CacheFormatException("content after the cache object");
    }
    return entries;
  }

  /**
   * The {@code findings} and {@code diagnostics} fields, as a file's entry and the snapshot of a
   * whole scan both hold them; {@code path} is the file the names are relative to (empty for
   * the snapshot).
   */
  static void writeFindingsAndDiagnostics(JsonWriter json, List<Finding> findings,
      List<Diagnostic> diagnostics, String path) throws IOException {
    json.name("findings").beginArray();
    for (Finding finding : findings) {
      writeFinding(json, finding, path);
    }
    json.endArray();
    json.name("diagnostics").beginArray();
    for (Diagnostic diagnostic : diagnostics) {
      writeDiagnostic(json, diagnostic, path);
    }
    json.endArray();
  }

  /** The {@code findings} field written by {@link #writeFindingsAndDiagnostics}. */
  static List<Finding> readFindings(JsonReader json, String path)
      throws IOException, CacheFormatException {
    List<Finding> findings = new ArrayList<>();
    expectName(json, "findings");
    json.beginArray();
    while (json.hasNext()) {
      findings.add(readFinding(json, path));
    }
    json.endArray();
    return findings;
  }

  /** The {@code diagnostics} field written by {@link #writeFindingsAndDiagnostics}. */
  static List<Diagnostic> readDiagnostics(JsonReader json, String path)
      throws IOException, CacheFormatException {
    List<Diagnostic> diagnostics = new ArrayList<>();
    expectName(json, "diagnostics");
    json.beginArray();
    while (json.hasNext()) {
      diagnostics.add(readDiagnostic(json, path));
    }
    json.endArray();
    return diagnostics;
  }

  private static Entry readEntry(JsonReader json, List<String> strings)
      throws IOException, CacheFormatException {
    json.beginObject();
    String path = stringField(json, "path");
    String sha256 = stringField(json, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new CacheFormatException("bad content hash for " + path);
    }
    expectName(json, "analysed");
    boolean analysed = json.nextBoolean();
    expectName(json, "lines");
    long lines = json.nextLong();
    List<Finding> findings = readFindings(json, path);
    List<Diagnostic> diagnostics = readDiagnostics(json, path);
    List<MethodSummary> methods = new ArrayList<>();
    List<TaintedCall> taintedCalls = new ArrayList<>();
    try {
      expectName(json, "methods");
      json.beginArray();
      while (json.hasNext()) {
        methods.add(readMethod(json, path, strings));
      }
      json.endArray();
      expectName(json, "taintedCalls");
      json.beginArray();
      while (json.hasNext()) {
        taintedCalls.add(Objects.requireNonNull(Facts.GSON.fromJson(json, TaintedCall.class)));
      }
      json.endArray();
    } catch (JsonParseException | NullPointerException | IllegalArgumentException e) {
      throw refused(path, e);
    }
    Map<String, String> properties = new HashMap<>();
    expectName(json, "properties");
    json.beginObject();
    while (json.hasNext()) {
      String name = json.nextName();
      properties.put(name, json.nextString());
    }
    json.endObject();
    List<DeferredFinding> deferred = new ArrayList<>();
    expectName(json, "deferred");
    json.beginArray();
    while (json.hasNext()) {
      json.beginObject();
      expectName(json, "finding");
      Finding template = readFinding(json, path);
      expectName(json, "question");
      try {
        deferred.add(new DeferredFinding(template, readQuestion(json, path, strings)));
      } catch (NullPointerException | IllegalArgumentException e) {
        throw refused(path, e);
      }
      json.endObject();
    }
    json.endArray();
    json.endObject();
    try {
      return new Entry(path, sha256,
          new CachedFile(findings, diagnostics, analysed, lines, methods, properties,
              taintedCalls, deferred));
    } catch (RuntimeException e) {
      throw refused(path, e);
    }
  }

  static Finding readFinding(JsonReader json, String path)
      throws IOException, CacheFormatException {
    json.beginObject();
    String rule = stringField(json, "rule");
    String severity = stringField(json, "severity");
    String confidence = stringField(json, "confidence");
    String name = json.nextName();
    String file = path;
    if (name.equals("file")) {
      file = json.nextString();
      name = json.nextName();
    }
    expect(name, "range");
    SourceRange range = readRange(json, path);
    String message = stringField(json, "message");
    String fix = stringField(json, "fix");
    String fingerprint = stringField(json, "fingerprint");
    List<Finding.Step> flow = new ArrayList<>();
    Suppression suppression = null;
    while (json.hasNext()) {
      name = json.nextName();
      if (name.equals("flow") && flow.isEmpty() && suppression == null) {
        json.beginArray();
        while (json.hasNext()) {
          json.beginObject();
          expectName(json, "range");
          SourceRange at = readRange(json, path);
          String said = stringField(json, "message");
          json.endObject();
          flow.add(new Finding.Step(at, said));
        }
        json.endArray();
      } else if (name.equals("suppression") && suppression == null) {
        json.beginObject();
        String kind = stringField(json, "kind");
        String justification = stringField(json, "justification");
        expectName(json, "range");
        SourceRange at = readRange(json, path);
        String text = stringField(json, "text");
        json.endObject();
        try {
          suppression = new Suppression(Suppression.Kind.valueOf(kind), justification, at, text);
        } catch (RuntimeException e) {
          throw refused(path, e);
        }
      } else {
        throw new CacheFormatException("unexpected field '" + name + "' in a finding of " + path);
      }
    }
    json.endObject();
    try {
      return new Finding(rule, Severity.valueOf(severity), Confidence.valueOf(confidence), file,
          range, message, fix, fingerprint, flow, suppression);
    } catch (RuntimeException e) {
      throw refused(path, e);
    }
  }

  static Diagnostic readDiagnostic(JsonReader json, String path)
      throws IOException, CacheFormatException {
    json.beginObject();
    String kind = stringField(json, "kind");
    String name = json.nextName();
    String file = path;
    if (name.equals("file")) {
      file = json.nextString();
      name = json.nextName();
    }
    expect(name, "line");
    int line = json.nextInt();
    expectName(json, "column");
    int column = json.nextInt();
    String message = stringField(json, "message");
    json.endObject();
    try {
      return new Diagnostic(Diagnostic.Kind.valueOf(kind), file, line, column, message);
    } catch (RuntimeException e) {
      throw refused(path, e);
    }
  }

  private static SourceRange readRange(JsonReader json, String path)
      throws IOException, CacheFormatException {
    json.beginArray();
    int startLine = json.nextInt();
    int startColumn = json.nextInt();
    int endLine = json.nextInt();
    int endColumn = json.nextInt();
    json.endArray();
    try {
      return new SourceRange(startLine, startColumn, endLine, endColumn);
    } catch (RuntimeException e) {
      throw refused(path, e);
    }
  }

  private static String stringField(JsonReader json, String name)
      throws IOException, CacheFormatException {
    expectName(json, name);
    return json.nextString();
  }

  private static void expectName(JsonReader json, String name)
      throws IOException, CacheFormatException {
    expect(json.nextName(), name);
  }

  private static void expect(String found, String name) throws CacheFormatException {
    if (!found.equals(name)) {
      throw new CacheFormatException("expected field '" + name + "', found '" + found + "'");
    }
  }

  private static CacheFormatException refused(String path, Exception e) {
    return new CacheFormatException("invalid entry for " + path + ": " + e.getMessage());
  }
}
