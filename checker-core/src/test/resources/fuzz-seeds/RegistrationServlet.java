package fixtures.passwords;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.mindrot.jbcrypt.BCrypt;

public class RegistrationServlet extends HttpServlet {

  private static final String INSERT_USER =
      "INSERT INTO users (username, email, password) VALUES (?, ?, ?)";
  private static final String PASSWORD_PARAM = "password";

  private Connection connection;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String username = request.getParameter("username");
    String email = request.getParameter("email");
    String password = request.getParameter(PASSWORD_PARAM);
    String confirm = request.getParameter("confirmPassword");
    if (!password.equals(confirm)) { // ok: checks the confirmation field, nothing stored
      response.sendError(400);
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement(INSERT_USER)) {
      ps.setString(1, username); // ok: not a password
      ps.setString(2, email);
      ps.setString(3, password); // expect: PlaintextPasswordStorage
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  void registerHashed(HttpServletRequest request) throws SQLException {
    String pw = request.getParameter("pwd");
    String hashed = BCrypt.hashpw(pw, BCrypt.gensalt(12)); // ok: bcrypt with cost 12
    PreparedStatement ps = connection.prepareStatement(INSERT_USER);
    ps.setString(1, request.getParameter("username"));
    ps.setString(2, request.getParameter("email"));
    ps.setString(3, hashed); // ok: stores the bcrypt hash
    ps.executeUpdate();
  }

  boolean login(HttpServletRequest request) throws SQLException {
    String user = request.getParameter("username");
    String pass = request.getParameter("pass");
    PreparedStatement ps = connection.prepareStatement(
        "SELECT id FROM users WHERE username = ? AND password = ?");
    ps.setString(1, user); // ok: the user name
    ps.setString(2, pass); // expect: PlaintextPasswordComparison
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  boolean loginConcatenated(String username, String password) throws SQLException {
    Statement st = connection.createStatement();
    ResultSet rs = st.executeQuery("SELECT * FROM accounts WHERE name = '" + username // expect: PlaintextPasswordComparison
        + "' AND pwd = '" + password + "'");
    return rs.next();
  }

  void changePassword(String username, String newPassword) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(
        "UPDATE users SET password = ? WHERE username = ?");
    ps.setString(1, newPassword); // expect: PlaintextPasswordStorage
    ps.setString(2, username);
    ps.executeUpdate();
  }

  void touchLogin(String username) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(
        "UPDATE users SET last_login = CURRENT_TIMESTAMP WHERE username = ?");
    ps.setString(1, username); // ok: no password involved
    ps.executeUpdate();
  }

  boolean checkLegacy(HttpServletRequest request, ResultSet rs) throws SQLException {
    String stored = rs.getString("password");
    String supplied = request.getParameter("password");
    return supplied.equals(stored); // expect: PlaintextPasswordComparison
  }

  boolean checkHashed(HttpServletRequest request, ResultSet rs) throws SQLException {
    String storedHash = rs.getString("password_hash");
    return BCrypt.checkpw(request.getParameter("password"), storedHash); // ok: bcrypt verify
  }

  boolean keystorePasswords(char[] storePass, char[] keyPass) {
    return java.util.Arrays.equals(storePass, keyPass); // ok: two passwords the user typed, nothing read from storage
  }

  boolean reuse(char[] entered, char[] oldPasswd) {
    return java.util.Arrays.equals(entered, oldPasswd); // ok: new and old password from the same form
  }

  boolean policy(String username, String password) {
    return !password.equalsIgnoreCase(username); // ok: a policy check against the user name
  }
}
