package com.example.accounts;

import java.util.LinkedHashMap;
import java.util.Map;

/** Just enough JSON for this API: flat objects whose values are strings or numbers. */
final class Json {

  private Json() {}

  /** Renders {@code key, value, key, value...} as a JSON object; numbers stay unquoted. */
  static String object(Object... keysAndValues) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(String.valueOf(keysAndValues[i]))).append(':');
      Object value = keysAndValues[i + 1];
      out.append(value instanceof Number ? value.toString() : quote(String.valueOf(value)));
    }
    return out.append('}').toString();
  }

  /** Parses a flat object; anything else is a {@link BadRequest}. */
  static Map<String, String> parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    String body = text.strip();
    if (!body.startsWith("{") || !body.endsWith("}")) {
      throw new BadRequest("expected a JSON object");
    }
    int[] position = {1};
    while (true) {
      skipSpaces(body, position);
      if (body.charAt(position[0]) == '}') {
        return values;
      }
      String key = readString(body, position);
      skipSpaces(body, position);
      expect(body, position, ':');
      skipSpaces(body, position);
      String value = body.charAt(position[0]) == '"' ? readString(body, position)
          : readBare(body, position);
      values.put(key, value);
      skipSpaces(body, position);
      if (body.charAt(position[0]) == ',') {
        position[0]++;
      }
    }
  }

  private static String readString(String body, int[] position) {
    expect(body, position, '"');
    StringBuilder out = new StringBuilder();
    while (position[0] < body.length()) {
      char c = body.charAt(position[0]++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && position[0] < body.length()) {
        c = body.charAt(position[0]++);
      }
      out.append(c);
    }
    throw new BadRequest("unterminated string");
  }

  private static String readBare(String body, int[] position) {
    int start = position[0];
    while (position[0] < body.length() - 1 && ",} \t\r\n".indexOf(body.charAt(position[0])) < 0) {
      position[0]++;
    }
    return body.substring(start, position[0]);
  }

  private static void expect(String body, int[] position, char wanted) {
    if (position[0] >= body.length() || body.charAt(position[0]) != wanted) {
      throw new BadRequest("malformed JSON near character " + position[0]);
    }
    position[0]++;
  }

  private static void skipSpaces(String body, int[] position) {
    while (position[0] < body.length() - 1 && Character.isWhitespace(body.charAt(position[0]))) {
      position[0]++;
    }
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
