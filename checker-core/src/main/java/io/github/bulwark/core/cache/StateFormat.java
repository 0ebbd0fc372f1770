package io.github.bulwark.core.cache;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two small files beside the per-file results, read strictly like them: the file index
 * (per path: size, modification time, content hash, whether it may read untrusted input) and
 * the snapshot of the last scan's whole result with the digest of the project it was made from.
 */
final class StateFormat {

  static final String INDEX_FORMAT = "bulwark-file-index";
  static final String SNAPSHOT_FORMAT = "bulwark-scan-snapshot";

  /** A file index as read: the states by path and when they were taken. */
  record Index(Map<String, FileState> files, long checkedAt) {
    static final Index EMPTY = new Index(Map.of(), 0);
  }

  /** A snapshot as read, with the digest of the project it describes. */
  record Stored(String projectDigest, Snapshot snapshot) {}

  private StateFormat() {}

  static void writeIndex(Writer out, String key, SourceStates states) throws IOException {
    JsonWriter json = writer(out);
    json.beginObject();
    header(json, INDEX_FORMAT, key);
    json.name("checkedAt").value(states.checkedAt());
    json.name("files").beginArray();
    for (FileState file : states.files()) {
      json.beginArray().value(file.path()).value(file.size()).value(file.modified())
          .value(file.sha256()).value(file.mayHaveSources()).endArray();
    }
    json.endArray();
    json.endObject();
    json.flush();
  }

  static Index readIndex(JsonReader json, String key)
      throws IOException, CacheFormat.CacheFormatException {
    json.beginObject();
    checkHeader(json, INDEX_FORMAT, key);
    expectName(json, "checkedAt");
    long checkedAt = json.nextLong();
    expectName(json, "files");
    Map<String, FileState> files = new HashMap<>();
    json.beginArray();
    while (json.hasNext()) {
      json.beginArray();
      String path = json.nextString();
      long size = json.nextLong();
      long modified = json.nextLong();
      String sha256 = json.nextString();
      boolean sources = json.nextBoolean();
      json.endArray();
      try {
        files.put(path, new FileState(path, size, modified, sha256, sources));
      } catch (IllegalArgumentException e) {
        throw new CacheFormat.CacheFormatException(e.getMessage());
      }
    }
    json.endArray();
    end(json);
    return new Index(files, checkedAt);
  }

  static void writeSnapshot(Writer out, ScanKey key, String projectDigest, Snapshot snapshot)
      throws IOException {
    JsonWriter json = writer(out);
    json.beginObject();
    header(json, SNAPSHOT_FORMAT, key.digest());
    json.name("project").value(projectDigest);
    json.name("analysed").value(snapshot.analysed());
    json.name("lines").value(snapshot.lines());
    CacheFormat.writeFindingsAndDiagnostics(json, snapshot.findings(), snapshot.diagnostics(),
        "");
    json.name("decisions").beginArray();
    for (Map.Entry<String, List<Optional<String>>> file : snapshot.decisions().entrySet()) {
      json.beginArray().value(file.getKey()).beginArray();
      for (Optional<String> decided : file.getValue()) {
        if (decided.isPresent()) {
          json.value(decided.get());
        } else {
          json.nullValue();
        }
      }
      json.endArray().endArray();
    }
    json.endArray();
    json.endObject();
    json.flush();
  }

  static Stored readSnapshot(JsonReader json, ScanKey key)
      throws IOException, CacheFormat.CacheFormatException {
    json.beginObject();
    checkHeader(json, SNAPSHOT_FORMAT, key.digest());
    expectName(json, "project");
    String project = json.nextString();
    expectName(json, "analysed");
    int analysed = json.nextInt();
    expectName(json, "lines");
    long lines = json.nextLong();
    List<Finding> findings = CacheFormat.readFindings(json, "");
    List<Diagnostic> diagnostics = CacheFormat.readDiagnostics(json, "");
    Map<String, List<Optional<String>>> decisions = new HashMap<>();
    expectName(json, "decisions");
    json.beginArray();
    while (json.hasNext()) {
      json.beginArray();
      String file = json.nextString();
      List<Optional<String>> decided = new ArrayList<>();
      json.beginArray();
      while (json.hasNext()) {
        if (json.peek() == JsonToken.NULL) {
          json.nextNull();
          decided.add(Optional.empty());
        } else {
          decided.add(Optional.of(json.nextString()));
        }
      }
      json.endArray();
      json.endArray();
      decisions.put(file, decided);
    }
    json.endArray();
    end(json);
    if (analysed < 0 || lines < 0) {
      throw new CacheFormat.CacheFormatException("negative counts in the snapshot");
    }
    return new Stored(project,
        new Snapshot(findings, diagnostics, analysed, lines, decisions));
  }

  private static JsonWriter writer(Writer out) {
    JsonWriter json = new JsonWriter(out);
    json.setStrictness(com.google.gson.Strictness.STRICT);
    json.setHtmlSafe(false);
    return json;
  }

  private static void header(JsonWriter json, String format, String key) throws IOException {
    json.name("format").value(format);
    json.name("schema").value(CacheFormat.SCHEMA);
    json.name("key").value(key);
  }

  private static void checkHeader(JsonReader json, String format, String key)
      throws IOException, CacheFormat.CacheFormatException {
    expectName(json, "format");
    String found = json.nextString();
    if (!format.equals(found)) {
      throw new CacheFormat.CacheFormatException("not a " + format + " (format '" + found + "')");
    }
    expectName(json, "schema");
    int schema = json.nextInt();
    if (schema != CacheFormat.SCHEMA) {
      throw new CacheFormat.CacheFormatException("schema " + schema + ", this Bulwark reads "
          + CacheFormat.SCHEMA);
    }
    expectName(json, "key");
    if (!json.nextString().equals(key)) {
      throw new CacheFormat.CacheFormatException("written for another key");
    }
  }

  private static void end(JsonReader json) throws IOException, CacheFormat.CacheFormatException {
    json.endObject();
    if (json.peek() != JsonToken.END_DOCUMENT) {
      throw new CacheFormat.CacheFormatException("content after the object");
    }
  }

  private static void expectName(JsonReader json, String name)
      throws IOException, CacheFormat.CacheFormatException {
    String found = json.nextName();
    if (!found.equals(name)) {
      throw new CacheFormat.CacheFormatException("expected field '" + name + "', found '"
          + found + "'");
    }
  }
}
