package com.example.accounts;

import java.time.Instant;

/** One booked movement on an account; negative amounts are debits. */
record Transaction(String id, Instant bookedAt, String merchant, long amountCents) {

  String toJson() {
    return Json.object("id", id, "bookedAt", bookedAt.toString(), "merchant", merchant,
        "amountCents", amountCents);
  }
}
