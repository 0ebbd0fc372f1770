package com.example.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The last passwords of each user, so a reset cannot bring an old one back. */
final class PasswordHistory {

  private static final int REMEMBERED = 5;

  private final Database database;

  PasswordHistory(Database database) {
    this.database = database;
  }

  boolean usedBefore(String userId, String newPassword) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(
            "SELECT password FROM password_history WHERE user_id = ?"
                + " ORDER BY changed_at DESC LIMIT " + REMEMBERED)) {
      select.setString(1, userId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String previousPassword = rows.getString("password");
          if (previousPassword.equals(newPassword)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  void record(String userId, String newPassword) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO password_history (user_id, password, changed_at) VALUES (?, ?, now())")) {
      insert.setString(1, userId);
      insert.setString(2, newPassword);
      insert.executeUpdate();
    }
  }
}
