package com.example.accounts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Connections to the accounts database (PostgreSQL; the driver comes with the deployment). */
final class Database {

  private final String url;
  private final String user;
  private final String password;

  Database(AppConfig config) {
    this.url = config.get("db.url");
    this.user = config.get("db.user");
    this.password = config.get("db.password");
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }
}
