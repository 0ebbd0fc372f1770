package fixtures.input;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import com.example.dto.SearchRequest;

/** SQL injection through Spring JdbcTemplate, JPA and a DAO, Java 17 style. */
@RestController
class OrderController {

  private final JdbcTemplate jdbcTemplate;
  private final NamedParameterJdbcTemplate named;

  @PersistenceContext
  private EntityManager em;

  @Value("${orders.table:orders}")
  private String ordersTable;

  OrderController(JdbcTemplate jdbcTemplate, NamedParameterJdbcTemplate named) {
    this.jdbcTemplate = jdbcTemplate;
    this.named = named;
  }

  @GetMapping("/orders")
  List<Map<String, Object>> byCustomer(@RequestParam String customer) {
    return jdbcTemplate.queryForList("SELECT * FROM orders WHERE customer = '" + customer + "'"); // expect: SqlInjection
  }

  @GetMapping("/orders/safe")
  List<Map<String, Object>> byCustomerSafe(@RequestParam String customer) {
    return jdbcTemplate.queryForList("SELECT * FROM orders WHERE customer = ?", customer); // ok: bound parameter
  }

  @GetMapping("/orders/{id}")
  Map<String, Object> byId(@PathVariable String id) {
    jdbcTemplate.update("UPDATE orders SET seen = true WHERE id = " + id); // expect: SqlInjection
    return jdbcTemplate.queryForMap("SELECT * FROM " + ordersTable + " WHERE id = ?", id); // ok: configured table, bound id
  }

  @GetMapping("/orders/escaped")
  List<Map<String, Object>> escaped(@RequestParam String customer) {
    String html = HtmlUtils.htmlEscape(customer);
    return jdbcTemplate.queryForList("SELECT * FROM orders WHERE customer = '" + html + "'"); // expect: SqlInjection
  }

  @GetMapping("/orders/sorted")
  List<Map<String, Object>> sorted(@RequestParam String sort, @RequestHeader("X-Tenant") String tenant) {
    if (!sort.matches("[a-z_]{1,20}")) {
      throw new IllegalArgumentException("bad sort column");
    }
    jdbcTemplate.execute("SET search_path TO " + tenant); // expect: SqlInjection
    return jdbcTemplate.queryForList("SELECT * FROM orders ORDER BY " + sort); // ok: allow-listed column name
  }

  @PostMapping("/orders/search")
  List<Order> search(@RequestBody SearchRequest request) {
    String jpql = """
        SELECT o FROM Order o WHERE o.category = '%s'
        """.formatted(request.getCategory());
    em.createQuery(jpql, Order.class).getResultList(); // expect: SqlInjection
    TypedQuery<Order> query = em.createQuery(
        "SELECT o FROM Order o WHERE o.category = :status", Order.class); // ok: named parameter
    query.setParameter("status", request.getCategory());
    em.createNativeQuery("DELETE FROM orders WHERE note = '" + request.getNote() + "'").executeUpdate(); // expect: SqlInjection
    var params = new MapSqlParameterSource("status", request.getCategory());
    named.query("SELECT * FROM orders WHERE category = :status", params, (rs, n) -> new Order()); // ok: named parameter
    return query.getResultList();
  }

  @GetMapping("/orders/page")
  List<Map<String, Object>> page(@RequestParam("limit") String limit) {
    int n = Integer.parseInt(limit);
    return jdbcTemplate.queryForList("SELECT * FROM orders LIMIT " + n); // ok: a number
  }

  static class Order {}
}

/** A hand-written DAO called from a servlet in the same file. */
class CustomerDao {
  private final java.sql.Connection conn;

  CustomerDao(java.sql.Connection conn) {
    this.conn = conn;
  }

  java.sql.ResultSet findByName(String name) throws java.sql.SQLException {
    java.sql.Statement st = conn.createStatement();
    return st.executeQuery("SELECT * FROM customers WHERE name = '" + name + "'"); // expect: SqlInjection
  }

  java.sql.ResultSet findByNameSafe(String name) throws java.sql.SQLException {
    java.sql.PreparedStatement ps = conn.prepareStatement("SELECT * FROM customers WHERE name = ?"); // ok: bound parameter
    ps.setString(1, name);
    return ps.executeQuery();
  }

  java.sql.ResultSet findAll(String table) throws java.sql.SQLException {
    return conn.createStatement().executeQuery("SELECT * FROM " + table); // ok: only ever called with a constant
  }
}

@jakarta.servlet.annotation.WebServlet("/customers")
class CustomerServlet extends jakarta.servlet.http.HttpServlet {
  private CustomerDao dao;

  @Override
  protected void doGet(jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
    try {
      dao.findByName(request.getParameter("name"));
      dao.findByNameSafe(request.getParameter("name"));
      dao.findAll("customers");
    } catch (java.sql.SQLException e) {
      response.sendError(500);
    }
  }
}
