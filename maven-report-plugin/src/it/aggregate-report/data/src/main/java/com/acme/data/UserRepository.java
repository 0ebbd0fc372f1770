package com.acme.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Looks users up by name. */
public class UserRepository {

  private final Connection connection;

  public UserRepository(Connection connection) {
    this.connection = connection;
  }

  public ResultSet findByName(String name) throws SQLException {
    String sql = "SELECT * FROM users WHERE name = '" + name + "'";
    return connection.createStatement().executeQuery(sql);
  }
}
