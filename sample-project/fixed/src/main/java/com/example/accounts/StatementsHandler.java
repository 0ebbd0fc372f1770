package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.bulwark.runtime.InputValidator;
import io.github.bulwark.runtime.SecurityLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

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
      SecurityLog.get().accessDenied("anonymous", "/statements");
      sendText(exchange, 401, "log in first");
      return;
    }
    YearMonth month;
    try {
      month = YearMonth.parse(JsonHandler.query(exchange).getOrDefault("month", ""));
    } catch (DateTimeParseException e) {
      sendText(exchange, 400, "month must look like 2024-05");
      return;
    }
    // Resolved inside the statements folder: a name with .. or a symlink out is refused.
    Path statement = InputValidator.resolveWithin(statementsDir,
        InputValidator.uuid(userId) + "/" + month + ".pdf");
    byte[] pdf;
    try {
      pdf = Files.readAllBytes(statement);
    } catch (NoSuchFileException e) {
      sendText(exchange, 404, "no statement for " + month);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/pdf");
    exchange.getResponseHeaders().set("Content-Disposition",
        "attachment; filename=\"statement-" + month + ".pdf\"");
    exchange.sendResponseHeaders(200, pdf.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(pdf);
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
