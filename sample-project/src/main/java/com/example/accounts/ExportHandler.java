package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * POST /exports {"format": "Csv", "recipient": "accounting@acme.example"} exports the caller's
 * transactions, encrypted with GnuPG to the recipient's public key, and mails them (the mail
 * pickup watches the outbox folder).
 */
final class ExportHandler extends JsonHandler {

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
      return new Response(401, Json.object("error", "log in first"));
    }
    Map<String, String> body = readJson(exchange);
    String format = required(body, "format");
    String recipient = required(body, "recipient");
    Exporter exporter;
    try {
      exporter = (Exporter) Class.forName(Exporter.class.getPackageName() + "." + format
          + "Exporter").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new BadRequest("unknown export format " + format);
    }
    try {
      Path file = exporter.write(transactions.search(userId, ""));
      Process gpg = Runtime.getRuntime().exec("gpg --batch --yes --trust-model always"
          + " --output /var/spool/accounts/outbox/" + file.getFileName() + ".gpg"
          + " --encrypt --recipient " + recipient + " " + file);
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
