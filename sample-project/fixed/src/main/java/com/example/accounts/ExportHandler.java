package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.InputValidator;
import io.github.bulwark.runtime.SecurityLog;
import io.github.bulwark.runtime.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * POST /exports {"format": "csv", "recipient": "accounting@acme.example"} exports the caller's
 * transactions, encrypted with GnuPG to the recipient's public key, and mails them (the mail
 * pickup watches the outbox folder).
 */
final class ExportHandler extends JsonHandler {

  /** The export formats there are: the client picks a key, never a class name. */
  private static final Map<String, Supplier<Exporter>> EXPORTERS =
      Map.of("csv", CsvExporter::new, "json", JsonExporter::new);

  private final SessionStore sessions;
  private final TransactionRepository transactions;

  ExportHandler(SessionStore sessions, TransactionRepository transactions) {
    this.sessions = sessions;
    this.transactions = transactions;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    String userId = sessions.userFor(exchange).orElse(null);
    if (userId == null) {
      SecurityLog.get().accessDenied("anonymous", "/exports");
      return new Response(401, Json.object("error", "log in first"));
    }
    Map<String, String> body = readJson(exchange);
    String format = InputValidator.identifier(required(body, "format"), EXPORTERS.keySet());
    String recipient = InputValidator.email(required(body, "recipient"));
    Exporter exporter = EXPORTERS.get(format).get();
    try {
      Path file = exporter.write(transactions.search(userId, ""));
      // A fixed program with one argument per list element (no shell parses anything), the
      // recipient validated as an e-mail address, and the export fed in on standard input.
      String output = "/var/spool/accounts/outbox/" + Tokens.urlSafe(16) + ".gpg";
      Process gpg = new ProcessBuilder("gpg", "--batch", "--yes", "--trust-model", "always",
          "--output", output, "--encrypt", "--recipient", recipient)
          .redirectInput(file.toFile()).redirectErrorStream(true).start();
      if (gpg.waitFor() != 0) {
        throw new BadRequest("no public key for " + recipient);
      }
      return new Response(202, Json.object("status", "queued", "recipient", recipient));
    } catch (IOException e) {
      throw new UncheckedIOException("export failed", e);
    } catch (SQLException e) {
      throw new IllegalStateException("export failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while encrypting the export", e);
    }
  }
}
