package com.example.accounts;

import java.io.Serializable;
import java.util.List;

/** A batch of top-ups sent by the treasury desktop client. */
record PaymentBatch(String reference, List<Item> items) implements Serializable {

  /** One top-up of the batch. */
  record Item(String accountId, long amountCents) implements Serializable {}
}
