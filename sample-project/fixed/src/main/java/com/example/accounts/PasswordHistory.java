package com.example.accounts;

import io.github.bulwark.runtime.PasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The last password hashes of each user, so a reset cannot bring an old password back. Only
 * bcrypt hashes are stored; a new password is checked against each with PasswordHasher.verify.
 */
final class PasswordHistory {

  private static final int REMEMBERED = 5;

  private final Database database;
  private final PasswordHasher hasher;

  PasswordHistory(Database database, PasswordHasher hasher) {
    this.database = database;
    this.hasher = hasher;
  }

  boolean usedBefore(String userId, char[] newPassword) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(
            "SELECT password_hash FROM password_history WHERE user_id = ?"
                + " ORDER BY changed_at DESC LIMIT " + REMEMBERED)) {
      select.setString(1, userId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          if (hasher.verify(newPassword, rows.getString("password_hash"))) {
            return true;
          }
        }
      }
      return false;
    }
  }

  void record(String userId, String passwordHash) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO password_history (user_id, password_hash, changed_at)"
                + " VALUES (?, ?, now())")) {
      insert.setString(1, userId);
      insert.setString(2, passwordHash);
      insert.executeUpdate();
    }
  }
}
