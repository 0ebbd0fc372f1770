package io.github.bulwark.rules.input;

import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.taint.SinkKind;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags SQL and JPQL text built from untrusted input: JDBC {@code Statement.execute*} and
 * {@code addBatch}, {@code prepareStatement}/{@code prepareCall}, Spring {@code JdbcTemplate}
 * and {@code NamedParameterJdbcTemplate}, JPA {@code createQuery}/{@code createNativeQuery},
 * Hibernate {@code createSQLQuery}. Values bound as parameters never reach the SQL text and are
 * not findings.
 */
@RuleInfo(
    id = "SqlInjection",
    family = Family.INPUT,
    title = "SQL built from untrusted input",
    cwe = {89},
    owasp = OwaspCategory.A03_INJECTION,
    severity = Severity.CRITICAL,
    description = "Request data concatenated into SQL lets an attacker change the query: read "
        + "other users' rows, bypass a login with ' OR '1'='1, or drop tables.",
    fix = "Use a PreparedStatement with ? placeholders and bind the value with setString/setInt; "
        + "for names that cannot be parameters (columns, sort order) use "
        + "InputValidator.identifier(value, allowed).",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class SqlInjection implements NodeRule<MethodCallExpr>, TaintSinks.CrossFile {

  /** Names only SQL APIs use: any receiver. */
  private static final Set<String> SQL_METHODS = Set.of(
      "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch", "prepareStatement",
      "prepareCall", "nativeSQL", "queryForObject", "queryForList", "queryForMap",
      "queryForRowSet", "queryForLong", "queryForInt", "queryForStream", "batchUpdate",
      "createQuery", "createNativeQuery", "createSQLQuery", "createStoredProcedureQuery",
      "createNativeMutationQuery", "createMutationQuery", "createSelectionQuery");
  /** Generic names that are SQL only on a database-looking receiver. */
  private static final Set<String> GENERIC_METHODS = Set.of("execute", "query", "update", "sql");
  /** Receiver names that hold a database handle: whole names, not fragments ("md" is not "db"). */
  private static final Pattern DATABASE_RECEIVER = Pattern.compile(
      "(?i)(this\\.)?([a-z]*_?)?(stmt|st|ps|pst|pstmt|statement|preparedstatement|conn|con|"
          + "connection|jdbc|jdbctemplate|template|namedparameterjdbctemplate|session|"
          + "entitymanager|em|db|database|datasource|ds|jdbcclient|sqlsession|querytemplate)\\d*"
          + "|.*(Statement|Connection|JdbcTemplate|Template|EntityManager|Session|JdbcClient)"
          + "(\\(\\))?");
  /** Declared receiver types that run SQL text. */
  private static final Pattern DATABASE_TYPE = Pattern.compile(
      "(Prepared|Callable)?Statement|Connection|(NamedParameter)?JdbcTemplate|JdbcOperations|"
          + "NamedParameterJdbcOperations|EntityManager|Session|StatelessSession|JdbcClient|"
          + "SqlSession|DSLContext");

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (call.getArguments().isEmpty()) {
      return;
    }
    boolean sql = SQL_METHODS.contains(name);
    if (!sql && GENERIC_METHODS.contains(name)) {
      String receiver = TaintSinks.receiver(call);
      String type = TaintSinks.receiverType(call, file);
      sql = type.isEmpty() ? DATABASE_RECEIVER.matcher(receiver).matches()
          : DATABASE_TYPE.matcher(type).matches();
    }
    if (!sql) {
      return;
    }
    // batchUpdate(String... sql) takes several statements; the others take the SQL first.
    List<Integer> indexes = name.equals("batchUpdate") ? List.of() : List.of(0);
    TaintSinks.checkArguments(call.getArguments(), indexes, SinkKind.SQL, file, findings,
        "the SQL text of " + name + "()");
  }
}
