package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.bulwark.runtime.SafeError;
import io.github.bulwark.runtime.SafeErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A handler that answers JSON, turning bad input into 400 and failures into a 500 with an
 * incident id; SafeErrors logs the full exception under that id through SecurityLog.
 */
abstract class JsonHandler implements HttpHandler {

  private static final int MAX_BODY_BYTES = 16 * 1024;

  /** A status and a JSON body. */
  record Response(int status, String body) {}

  abstract Response respond(HttpExchange exchange);

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    Response response;
    try {
      response = respond(exchange);
    } catch (BadRequest e) {
      response = new Response(400, Json.object("error", e.getMessage()));
    } catch (RuntimeException e) {
      SafeError error = SafeErrors.respond(e);
      response = new Response(error.status(), error.toJson());
    }
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> readJson(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new BadRequest("request body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return Json.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new BadRequest("could not read the request body: " + e.getMessage());
    }
  }

  /** The query string's parameters, decoded; a repeated name keeps its first value. */
  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> values = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.putIfAbsent(name, value);
    }
    return values;
  }

  static String required(Map<String, String> body, String name) {
    String value = body.get(name);
    if (value == null || value.isBlank()) {
      throw new BadRequest("'" + name + "' is required");
    }
    return value;
  }

  static Response methodNotAllowed() {
    return new Response(405, Json.object("error", "method not allowed"));
  }
}
