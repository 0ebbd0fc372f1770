package com.example.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Transactions as CSV, for spreadsheets and accounting tools. */
public final class CsvExporter implements Exporter {

  @Override
  public Path write(List<Transaction> transactions) throws IOException {
    StringBuilder csv = new StringBuilder("id,booked_at,merchant,amount_cents\n");
    for (Transaction t : transactions) {
      csv.append(t.id()).append(',').append(t.bookedAt()).append(",\"")
          .append(t.merchant().replace("\"", "\"\"")).append("\",").append(t.amountCents())
          .append('\n');
    }
    Path file = Files.createTempFile("transactions-", ".csv");
    return Files.writeString(file, csv, StandardCharsets.UTF_8);
  }
}
