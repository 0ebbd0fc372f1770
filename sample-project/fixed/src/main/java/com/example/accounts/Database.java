package com.example.accounts;

import io.github.bulwark.runtime.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Connections to the accounts database (PostgreSQL; the driver comes with the deployment). The
 * password is read at run time from DB_PASSWORD (environment, system property or
 * /run/secrets/DB_PASSWORD), never from the source or application.properties.
 */
final class Database {

  private final String url;
  private final String user;
  private final String password;

  Database(AppConfig config) {
    this.url = config.get("db.url");
    this.user = config.get("db.user");
    this.password = Secrets.require("DB_PASSWORD").reveal();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }
}
