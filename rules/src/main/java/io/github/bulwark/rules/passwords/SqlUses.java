package io.github.bulwark.rules.passwords;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import io.github.bulwark.core.analysis.FileContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a raw password lands in SQL, for the storage and comparison rules: WRITE when it fills an
 * INSERT value or an UPDATE ... SET, COMPARE when it fills a WHERE condition. Reads JDBC
 * {@code ps.setString(i, v)} against the statement's SQL, JdbcTemplate-style
 * {@code update(sql, args..)}/{@code query(sql, .., args..)}, named parameters
 * ({@code setParameter("pw", v)}, {@code addValue("pw", v)}) against the SQL strings of the
 * method, and SQL built by concatenation.
 */
final class SqlUses {

  /** What SQL does with a value. */
  enum Use { WRITE, COMPARE, NONE }

  /** A raw password found in SQL, and what the SQL does with it. */
  record Landing(Node at, Use use) {}

  private static final Set<String> JDBC_SETTERS = Set.of(
      "setString", "setObject", "setNString", "setBytes", "setCharacterStream", "setClob");
  private static final Set<String> TEMPLATE_CALLS = Set.of(
      "update", "batchUpdate", "query", "queryForObject", "queryForList", "queryForMap",
      "queryForRowSet", "queryForStream", "queryForLong", "queryForInt", "execute");
  private static final Set<String> STATEMENT_CALLS = Set.of(
      "executeUpdate", "executeQuery", "execute", "executeLargeUpdate", "addBatch",
      "prepareStatement", "prepareCall", "update", "query", "queryForObject", "queryForList",
      "queryForMap", "queryForRowSet", "createQuery", "createNativeQuery", "createSQLQuery",
      "batchUpdate");
  private static final Set<String> NAMED_SETTERS = Set.of("setParameter", "addValue", "bind",
      "setString");
  private static final Pattern SQL_START = Pattern.compile(
      "(?is)\\s*(insert|update|merge|replace|upsert|select|delete|with)\\b.*");

  private SqlUses() {}

  /** The raw password this call puts into SQL, and what the SQL does with it. */
  static Optional<Landing> landing(MethodCallExpr call, FileContext file) {
    String method = call.getNameAsString();
    if (JDBC_SETTERS.contains(method) && call.getArguments().size() >= 2) {
      Optional<Object> index = file.constantValue(call.getArgument(0));
      if (index.isPresent() && index.get() instanceof Long position
          && PasswordValues.isRawPassword(call.getArgument(1), file)) {
        Optional<String> sql = statementSql(call, file);
        if (sql.isPresent()) {
          return Optional.of(new Landing(call.getArgument(1),
              placeholderUse(sql.get(), position.intValue())));
        }
      }
    }
    if (NAMED_SETTERS.contains(method) && call.getArguments().size() >= 2
        && PasswordValues.isRawPassword(call.getArgument(1), file)) {
      Optional<String> name = file.constantString(call.getArgument(0));
      if (name.isPresent()) {
        Use use = namedUse(call, name.get(), file);
        if (use != Use.NONE) {
          return Optional.of(new Landing(call.getArgument(1), use));
        }
      }
    }
    if (call.getArguments().isEmpty()) {
      return Optional.empty();
    }
    if (TEMPLATE_CALLS.contains(method)) {
      Optional<String> sql = file.constantString(call.getArgument(0)).filter(SqlUses::isSql);
      if (sql.isPresent()) {
        List<Expression> values = boundValues(call);
        int placeholders = count(sql.get(), '?');
        int first = values.size() - placeholders;
        for (int i = Math.max(first, 0); i < values.size(); i++) {
          if (PasswordValues.isRawPassword(values.get(i), file)) {
            return Optional.of(new Landing(values.get(i), placeholderUse(sql.get(), i - first + 1)));
          }
        }
      }
    }
    if (STATEMENT_CALLS.contains(method)) {
      return concatenated(call.getArgument(0), file).map(use -> new Landing(call, use));
    }
    return Optional.empty();
  }

  private static boolean isSql(String text) {
    return SQL_START.matcher(text).matches();
  }

  /** The values after the SQL: varargs, or the elements of an {@code Object[]} argument. */
  private static List<Expression> boundValues(MethodCallExpr call) {
    List<Expression> values = new ArrayList<>();
    for (int i = 1; i < call.getArguments().size(); i++) {
      Expression argument = call.getArgument(i);
      if (argument instanceof ArrayCreationExpr array && array.getInitializer().isPresent()) {
        values.addAll(array.getInitializer().get().getValues());
      } else {
        values.add(argument);
      }
    }
    return values;
  }

  /** The SQL a {@code PreparedStatement} was prepared from, or the lambda's enclosing call. */
  private static Optional<String> statementSql(MethodCallExpr setter, FileContext file) {
    Optional<Expression> scope = setter.getScope();
    if (scope.isEmpty() || !(scope.get() instanceof NameExpr statement)) {
      return Optional.empty();
    }
    Optional<Node> declaration = file.declarationOf(statement);
    if (declaration.isPresent() && declaration.get() instanceof Parameter parameter) {
      // jdbc.update(SQL, ps -> ps.setString(1, v)) or an anonymous PreparedStatementSetter
      Optional<MethodCallExpr> outer = parameter.findAncestor(LambdaExpr.class)
          .flatMap(l -> l.findAncestor(MethodCallExpr.class))
          .or(() -> parameter.findAncestor(CallableDeclaration.class)
              .flatMap(c -> c.findAncestor(MethodCallExpr.class)));
      return outer.filter(c -> !c.getArguments().isEmpty())
          .flatMap(c -> file.constantString(c.getArgument(0))).filter(SqlUses::isSql);
    }
    Optional<AssignExpr> latest = PasswordValues.latestAssignment(statement);
    Optional<Expression> prepared = latest.map(AssignExpr::getValue)
        .or(() -> declaration.filter(VariableDeclarator.class::isInstance)
            .flatMap(d -> ((VariableDeclarator) d).getInitializer()));
    return prepared.filter(MethodCallExpr.class::isInstance).map(MethodCallExpr.class::cast)
        .filter(c -> c.getNameAsString().startsWith("prepare") && !c.getArguments().isEmpty())
        .flatMap(c -> file.constantString(c.getArgument(0))).filter(SqlUses::isSql);
  }

  /** What the SQL does with its {@code position}-th (1-based) {@code ?}. */
  static Use placeholderUse(String sql, int position) {
    int at = -1;
    for (int seen = 0; seen < position; seen++) {
      at = sql.indexOf('?', at + 1);
      if (at < 0) {
        return Use.NONE;
      }
    }
    return useAt(sql, at);
  }

  /** WRITE for a value in INSERT or UPDATE ... SET; COMPARE after WHERE (or in a SELECT). */
  static Use useAt(String sql, int offset) {
    String lower = sql.toLowerCase(Locale.ROOT);
    String head = lower.stripLeading();
    String before = lower.substring(0, Math.min(offset, lower.length()));
    if (before.matches("(?s).*\\b(where|having|on)\\b.*")) {
      return Use.COMPARE;
    }
    if (head.startsWith("insert") || head.startsWith("update") || head.startsWith("merge")
        || head.startsWith("replace") || head.startsWith("upsert")) {
      return Use.WRITE;
    }
    return Use.NONE;
  }

  /** For {@code :name} parameters: found in a constant SQL string of the method or class. */
  private static Use namedUse(MethodCallExpr call, String name, FileContext file) {
    Pattern parameter = Pattern.compile("[:@]" + Pattern.quote(name) + "\\b");
    Node scope = call.findAncestor(CallableDeclaration.class).map(c -> (Node) c)
        .orElse(call.findRootNode());
    List<Node> places = new ArrayList<>(List.of(scope));
    call.findAncestor(TypeDeclaration.class).ifPresent(places::add);
    for (Node place : places) {
      for (StringLiteralExpr literal : place.findAll(StringLiteralExpr.class)) {
        String text = literal.getParentNode().filter(BinaryExpr.class::isInstance)
            .flatMap(p -> topConcatenation((BinaryExpr) p, file)).orElse(literal.asString());
        Matcher matcher = parameter.matcher(text);
        if (isSql(text) && matcher.find()) {
          return useAt(text, matcher.start());
        }
      }
    }
    return Use.NONE;
  }

  private static Optional<String> topConcatenation(BinaryExpr binary, FileContext file) {
    Node top = binary;
    while (top.getParentNode().isPresent() && top.getParentNode().get() instanceof BinaryExpr) {
      top = top.getParentNode().get();
    }
    return file.constantString((Expression) top);
  }

  /** SQL built by concatenation with a raw password among the parts. */
  private static Optional<Use> concatenated(Expression sql, FileContext file) {
    Expression e = FileContext.unwrap(sql);
    if (e instanceof NameExpr name) {
      Optional<Expression> init = PasswordValues.latestAssignment(name)
          .map(AssignExpr::getValue).or(() -> file.initializerOf(name));
      if (init.isEmpty()) {
        return Optional.empty();
      }
      e = FileContext.unwrap(init.get());
    }
    if (!(e instanceof BinaryExpr binary) || binary.getOperator() != BinaryExpr.Operator.PLUS) {
      return Optional.empty();
    }
    List<Expression> parts = new ArrayList<>();
    Deque<Expression> work = new ArrayDeque<>();
    work.push(binary);
    while (!work.isEmpty()) {
      Expression part = FileContext.unwrap(work.pop());
      if (part instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS
          && file.constantValue(b).isEmpty()) {
        work.push(b.getRight());
        work.push(b.getLeft());
      } else {
        parts.add(part);
      }
    }
    StringBuilder text = new StringBuilder();
    for (Expression part : parts) {
      Optional<String> constant = file.constantValue(part).map(String::valueOf);
      if (constant.isPresent()) {
        text.append(constant.get());
      } else if (PasswordValues.isRawPassword(part, file)) {
        String soFar = text.toString();
        return isSql(soFar) ? Optional.of(useAt(soFar, soFar.length())) : Optional.empty();
      } else {
        text.append('?');
      }
    }
    return Optional.empty();
  }

  private static int count(String text, char c) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
