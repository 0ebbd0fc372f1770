package com.example.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** An account's booked transactions, from the accounts database. */
final class TransactionRepository {

  private final Database database;

  TransactionRepository(Database database) {
    this.database = database;
  }

  /** The account's transactions whose merchant name contains {@code merchant}, newest first. */
  List<Transaction> search(String accountId, String merchant) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id, booked_at, merchant, amount_cents FROM transactions"
                + " WHERE account_id = ? AND merchant ILIKE ? ESCAPE '\\'"
                + " ORDER BY booked_at DESC LIMIT 500")) {
      statement.setString(1, accountId);
      statement.setString(2, "%" + merchant.replaceAll("[\\\\%_]", "\\\\$0") + "%");
      try (ResultSet rows = statement.executeQuery()) {
        List<Transaction> found = new ArrayList<>();
        while (rows.next()) {
          found.add(new Transaction(rows.getString("id"),
              rows.getTimestamp("booked_at").toInstant(), rows.getString("merchant"),
              rows.getLong("amount_cents")));
        }
        return found;
      }
    }
  }
}
