package com.example.accounts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    String sql = "SELECT id, booked_at, merchant, amount_cents FROM transactions"
        + " WHERE account_id = '" + accountId + "' AND merchant ILIKE '%" + merchant + "%'"
        + " ORDER BY booked_at DESC LIMIT 500";
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<Transaction> found = new ArrayList<>();
      while (rows.next()) {
        found.add(new Transaction(rows.getString("id"), rows.getTimestamp("booked_at").toInstant(),
            rows.getString("merchant"), rows.getLong("amount_cents")));
      }
      return found;
    }
  }
}
