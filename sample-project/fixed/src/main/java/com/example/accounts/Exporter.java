package com.example.accounts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes transactions to a file in one export format (CsvExporter, JsonExporter). */
interface Exporter {

  /** Writes {@code transactions} to a new temporary file and returns it. */
  Path write(List<Transaction> transactions) throws IOException;
}
