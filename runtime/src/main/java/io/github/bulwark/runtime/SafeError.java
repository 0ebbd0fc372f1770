package io.github.bulwark.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client-safe answer to a failed request: an HTTP status, a generic message that reveals
 * nothing about the failure, and an incident id that finds the full exception in the server log.
 * Made by {@link SafeErrors#respond(Throwable)}; immutable and thread-safe.
 *
 * <pre>{@code
 * @ExceptionHandler(Exception.class)
 * ResponseEntity<Map<String, Object>> handle(Exception e) {
 *   SafeError error = SafeErrors.respond(e);
 *   return ResponseEntity.status(error.status()).body(error.body());
 * }
 * }</pre>
 */
public final class SafeError {

  /** The media type of {@link #toJson()}. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private final int status;
  private final String message;
  private final String incidentId;

  SafeError(int status, String message, String incidentId) {
    this.status = status;
    this.message = message;
    this.incidentId = incidentId;
  }

  /** The HTTP status to answer with: 400, 401, 403 or 500. */
  public int status() {
    return status;
  }

  /**
   * The message for the client: fixed text for 401, 403 and 500, the {@link ValidationException}
   * message (written to be shown) for 400; never an exception's class, message or stack trace.
   */
  public String message() {
    return message;
  }

  /** The random, URL-safe id under which the full exception was logged. */
  public String incidentId() {
    return incidentId;
  }

  /**
   * The response body as an unmodifiable map, {@code error} then {@code incident}, for
   * frameworks that serialise bodies themselves (Spring's {@code ResponseEntity.body(...)}).
   */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("incident", incidentId);
    return Collections.unmodifiableMap(body);
  }

  /**
   * The response body as JSON, {@code {"error":"...","incident":"..."}}, escaped so that it is
   * also safe inside HTML: quotes, backslashes, control characters, {@code < > &} and U+2028/2029
   * are written as escapes.
   */
  public String toJson() {
    return "{\"error\":" + jsonString(message) + ",\"incident\":" + jsonString(incidentId) + "}";
  }

  /** Status and incident id only, e.g. {@code SafeError[status=500, incident=...]}. */
  @Override
  public String toString() {
    return "SafeError[status=" + status + ", incident=" + incidentId + "]";
  }

  static String jsonString(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          json.append("\\\"");
          break;
        case '\\':
          json.append("\\\\");
          break;
        case '\n':
          json.append("\\n");
          break;
        case '\r':
          json.append("\\r");
          break;
        case '\t':
          json.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == '\u2028'
              || c == '\u2029' || (c >= 0x7f && c <= 0x9f)) {
            json.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
      }
    }
    return json.append('"').toString();
  }
}
