package com.example.accounts;

import io.github.bulwark.runtime.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Drops RFC 5322 messages into the outbox folder that the mail relay picks up. */
final class Mailer {

  private final Path outbox;

  Mailer(Path outbox) {
    this.outbox = outbox;
  }

  void send(String to, String subject, String text) {
    String message = "To: " + to + "\r\nSubject: " + subject
        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n";
    try {
      Files.writeString(outbox.resolve(Tokens.urlSafe(16) + ".eml"), message,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot queue mail", e);
    }
  }
}
