package io.github.bulwark.rules.passwords;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Flags a raw password (see {@link PasswordValues}) written where it outlives the request:
 * into an INSERT or UPDATE through JDBC, JdbcTemplate, JPA/Hibernate or named parameters
 * ({@link SqlUses}); onto an entity or builder ({@code user.setPassword(raw)},
 * {@code .password(raw)}, {@code new User(name, raw)}) that the same method then saves, persists
 * or merges; into {@code Properties} that are stored, preferences, or files; and into a cookie.
 *
 * <p>Scope: a value that went through a hashing call on the way ({@code encoder.encode(raw)})
 * is not raw. An entity getter ({@code user.getPassword()}) written by a DAO counts as raw, as the
 * issue defines it: when the service hashed it earlier, the column name should say so. In-memory
 * holders (session attributes, maps, lists) are not persistence. Test code is skipped.
 */
@RuleInfo(
    id = "PlaintextPasswordStorage",
    family = Family.PASSWORDS,
    title = "Password stored in plain text",
    cwe = {256},
    owasp = OwaspCategory.A02_CRYPTOGRAPHIC_FAILURES,
    severity = Severity.HIGH,
    description = "A password kept as written is exposed to anyone who reads the database, a "
        + "backup, a log of the table, the file or the cookie; because people reuse passwords, "
        + "one leak opens their other accounts too.",
    fix = "Store only a slow, salted hash: user.setPassword(PasswordHasher.bcrypt().hash(raw)) "
        + "(before: user.setPassword(raw)), and check logins with hasher.verify(raw, stored).",
    helper = "io.github.bulwark.runtime.PasswordHasher")
public final class PlaintextPasswordStorage implements NodeRule<Node> {

  /** First words of calls that write an entity to its store. */
  private static final Set<String> PERSIST_VERBS = Set.of(
      "save", "persist", "merge", "insert", "update", "store", "upsert", "create", "register");
  private static final Set<String> FILE_WRITES = Set.of(
      "write", "writeString", "writeLines", "writeStringToFile", "writeUTF", "print",
      "println", "append", "writeObject", "printf", "format");
  private static final Set<String> COOKIE_TYPES = Set.of("Cookie", "NewCookie", "HttpCookie");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ObjectCreationExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return;
    }
    if (node instanceof ObjectCreationExpr creation) {
      checkCreation(creation, file, findings);
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    Optional<SqlUses.Landing> landing = SqlUses.landing(call, file);
    if (landing.isPresent()) {
      if (landing.get().use() == SqlUses.Use.WRITE) {
        findings.report(landing.get().at(), "a raw password is written to the database by %s",
            call.getNameAsString());
      }
      return;
    }
    String method = call.getNameAsString();
    boolean builderStep = PasswordValues.isPasswordName(method)
        && call.getScope().filter(MethodCallExpr.class::isInstance).isPresent();
    if (call.getArguments().size() == 1 && (isPasswordSetter(method) || builderStep)
        && PasswordValues.isRawPassword(call.getArgument(0), file)) {
      checkEntity(call, file, findings);
    } else if (method.startsWith("put") && call.getArguments().size() == 2 && isPreferences(call)
        && PasswordValues.isRawPassword(call.getArgument(1), file)) {
      findings.report(call, "a raw password is saved in preferences");
    } else if ((method.equals("setProperty") || method.equals("put"))
        && call.getArguments().size() == 2
        && PasswordValues.isRawPassword(call.getArgument(1), file)) {
      checkProperties(call, findings);
    } else if (FILE_WRITES.contains(method) && writesFile(call, file)
        && call.getArguments().stream().anyMatch(a -> PasswordValues.isRawPassword(a, file))) {
      findings.report(call, "a raw password is written to a file");
    } else if (method.equals("from") && call.getArguments().size() == 2
        && call.getScope().map(s -> ExpressionText.of(s).endsWith("ResponseCookie")).orElse(false)
        && PasswordValues.isRawPassword(call.getArgument(1), file)) {
      findings.report(call, "a raw password is stored in a cookie");
    }
  }

  /** {@code setPassword}, {@code setUserPwd}: not {@code setPasswordHash}. */
  private static boolean isPasswordSetter(String method) {
    return method.length() > 3 && method.startsWith("set")
        && PasswordValues.isPasswordName(method.substring(3));
  }

  private static void checkCreation(ObjectCreationExpr creation, FileContext file,
      Findings findings) {
    String type = creation.getType().getNameAsString();
    if (COOKIE_TYPES.contains(type) && creation.getArguments().size() >= 2) {
      if (PasswordValues.isRawPassword(creation.getArgument(1), file)) {
        findings.report(creation, "a raw password is stored in a cookie");
      }
      return;
    }
    // The name test first: it is cheap, and most constructed types are no account records.
    if (isEntityName(type)
        && creation.getArguments().stream().anyMatch(a -> PasswordValues.isRawPassword(a, file))
        && persisted(creation, file)) {
      findings.report(creation, "a new %s holding a raw password is saved", type);
    }
  }

  /** Types that are records of an account rather than credentials being checked. */
  private static boolean isEntityName(String type) {
    String lower = type.toLowerCase(Locale.ROOT);
    return !(lower.contains("token") || lower.contains("credential") || lower.contains("spec")
        || lower.contains("authentication") || lower.contains("request")
        || lower.contains("exception") || lower.contains("string") || lower.contains("builder")
        || lower.contains("callback") || lower.contains("auth") || lower.contains("connection")
        || lower.contains("datasource") || lower.contains("properties"));
  }

  /** The entity a setter or builder step writes to is saved in the same method. */
  private static void checkEntity(MethodCallExpr setter, FileContext file, Findings findings) {
    Expression target = setter.getScope().orElse(null);
    if (target == null) {
      return;
    }
    if (persisted(target, file)) {
      findings.report(setter.getArgument(0),
          "a raw password is set on an entity that is then saved");
    }
  }

  /**
   * True when {@code value} (an entity variable, a {@code new} expression or a builder chain)
   * reaches a save/persist/merge call in the enclosing method.
   */
  private static boolean persisted(Expression value, FileContext file) {
    Expression e = FileContext.unwrap(value);
    // Builder chains: User.builder().password(raw).build() -> the end of the chain.
    Node top = e;
    while (top.getParentNode().isPresent()
        && top.getParentNode().get() instanceof MethodCallExpr next
        && next.getScope().isPresent() && next.getScope().get() == top) {
      top = next;
    }
    if (top != e || e instanceof ObjectCreationExpr) {
      Node holder = top.getParentNode().orElse(null);
      if (holder instanceof MethodCallExpr call && isPersistCall(call)) {
        return true;
      }
      if (holder instanceof VariableDeclarator variable) {
        return savedVariable(variable.getNameAsString(), top);
      }
      if (holder instanceof AssignExpr assign && assign.getTarget() instanceof NameExpr name) {
        return savedVariable(name.getNameAsString(), top);
      }
      if (holder instanceof com.github.javaparser.ast.stmt.ReturnStmt) {
        return false;
      }
      if (!(e instanceof NameExpr)) {
        return false;
      }
    }
    if (e instanceof NameExpr name) {
      return savedVariable(name.getNameAsString(), e);
    }
    return false;
  }

  private static boolean savedVariable(String variable, Node near) {
    Node body = near.findAncestor(CallableDeclaration.class).map(c -> (Node) c)
        .or(() -> near.findAncestor(LambdaExpr.class).map(l -> (Node) l))
        .orElse(null);
    if (body == null) {
      return false;
    }
    return body.findAll(MethodCallExpr.class).stream()
        .filter(PlaintextPasswordStorage::isPersistCall)
        .anyMatch(call -> call.getArguments().stream().anyMatch(a -> mentions(a, variable)));
  }

  private static boolean mentions(Expression argument, String variable) {
    Expression e = FileContext.unwrap(argument);
    if (e instanceof NameExpr name) {
      return name.getNameAsString().equals(variable);
    }
    return e instanceof MethodCallExpr call && (call.getNameAsString().equals("of")
        || call.getNameAsString().equals("asList") || call.getNameAsString().equals("singletonList"))
        && call.getArguments().stream().anyMatch(a -> mentions(a, variable));
  }

  private static boolean isPersistCall(MethodCallExpr call) {
    if (call.getScope().isEmpty()) {
      return false;
    }
    List<String> words = PasswordValues.words(call.getNameAsString());
    return !words.isEmpty() && PERSIST_VERBS.contains(words.get(0));
  }

  /** {@code props.setProperty("db.password", raw)} on Properties the method stores. */
  private static void checkProperties(MethodCallExpr call, Findings findings) {
    if (call.getScope().isEmpty() || !(call.getScope().get() instanceof NameExpr props)) {
      return;
    }
    String name = props.getNameAsString();
    Node body = call.findAncestor(CallableDeclaration.class).map(c -> (Node) c).orElse(null);
    if (body == null) {
      return;
    }
    boolean stored = body.findAll(MethodCallExpr.class).stream()
        .anyMatch(c -> (c.getNameAsString().equals("store")
            || c.getNameAsString().equals("storeToXML") || c.getNameAsString().equals("save"))
            && c.getScope().map(s -> ExpressionText.of(s).equals(name)).orElse(false));
    if (stored) {
      findings.report(call, "a raw password is put in properties that are written to disk");
    }
  }

  private static boolean isPreferences(MethodCallExpr call) {
    String scope = call.getScope().map(ExpressionText::of).orElse("").toLowerCase(Locale.ROOT);
    return scope.contains("pref") || scope.contains("editor()") || scope.endsWith("editor");
  }

  /** A writer or stream opened on a file (FileWriter, FileOutputStream, Files.newXxx). */
  private static boolean writesFile(MethodCallExpr call, FileContext file) {
    String scope = call.getScope().map(ExpressionText::of).orElse("");
    if (scope.equals("Files") || scope.equals("FileUtils")) {
      return true;
    }
    if (call.getScope().isEmpty() || !(call.getScope().get() instanceof NameExpr writer)) {
      return false;
    }
    Optional<String> type = file.declaredType(writer);
    if (type.isPresent() && (type.get().contains("FileWriter")
        || type.get().contains("FileOutputStream") || type.get().contains("RandomAccessFile"))) {
      return true;
    }
    Optional<Expression> opened = PasswordValues.latestAssignment(writer).map(AssignExpr::getValue)
        .or(() -> file.initializerOf(writer));
    return opened.map(init -> {
      String text = init.toString();
      return text.contains("FileWriter") || text.contains("FileOutputStream")
          || text.contains("Files.new") || text.contains("RandomAccessFile");
    }).orElse(false);
  }
}
