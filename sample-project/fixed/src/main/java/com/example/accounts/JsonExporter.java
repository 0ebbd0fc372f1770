package com.example.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Transactions as a JSON array, for scripts. */
public final class JsonExporter implements Exporter {

  @Override
  public Path write(List<Transaction> transactions) throws IOException {
    String json = transactions.stream().map(Transaction::toJson)
        .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    Path file = Files.createTempFile("transactions-", ".json");
    return Files.writeString(file, json, StandardCharsets.UTF_8);
  }
}
