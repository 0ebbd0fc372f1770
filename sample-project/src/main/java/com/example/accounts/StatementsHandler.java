package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * GET /statements?month=2024-05 downloads the caller's monthly PDF statement, rendered nightly
 * into {@code statements.dir/<user id>/<month>.pdf}.
 */
final class StatementsHandler implements HttpHandler {

  private final SessionStore sessions;
  private final Path statementsDir;

  StatementsHandler(SessionStore sessions, Path statementsDir) {
    this.sessions = sessions;
    this.statementsDir = statementsDir;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String userId = sessions.userFor(exchange).orElse(null);
    if (userId == null) {
      sendText(exchange, 401, "log in first");
      return;
    }
    String month = JsonHandler.query(exchange).getOrDefault("month", "");
    Path statement = Paths.get(statementsDir.toString(), userId, month + ".pdf");
    try {
      byte[] pdf = Files.readAllBytes(statement);
      exchange.getResponseHeaders().set("Content-Type", "application/pdf");
      exchange.getResponseHeaders().set("Content-Disposition",
          "attachment; filename=\"statement-" + month + ".pdf\"");
      exchange.sendResponseHeaders(200, pdf.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(pdf);
      }
    } catch (IOException e) {
      exchange.sendResponseHeaders(404, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(("no statement: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
