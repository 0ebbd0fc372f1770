package com.example.accounts;

import io.github.bulwark.runtime.InputValidator;
import java.util.ArrayList;
import java.util.List;

/** A batch of top-ups sent by the treasury desktop client. */
record PaymentBatch(String reference, List<Item> items) {

  private static final int MAX_ITEMS = 1_000;

  /** One top-up of the batch. */
  record Item(String accountId, long amountCents) {}

  /**
   * Parses the batch as CSV text: a {@code reference,<id>} line, then one
   * {@code <account uuid>,<amount in cents>} line per top-up; every field is validated.
   */
  static PaymentBatch parseCsv(String text) {
    String[] lines = text.strip().split("\r?\n");
    String[] header = lines[0].split(",", -1);
    if (header.length != 2 || !header[0].equals("reference")) {
      throw new BadRequest("the first line must be reference,<id>");
    }
    if (lines.length - 1 > MAX_ITEMS) {
      throw new BadRequest("at most " + MAX_ITEMS + " items per batch");
    }
    List<Item> items = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].split(",", -1);
      if (fields.length != 2) {
        throw new BadRequest("line " + (i + 1) + " must be <account id>,<amount in cents>");
      }
      items.add(new Item(InputValidator.uuid(fields[0].strip()).toString(),
          InputValidator.integer(fields[1].strip(), 1, 100_000)));
    }
    return new PaymentBatch(InputValidator.maxLength(header[1].strip(), 35), List.copyOf(items));
  }
}
