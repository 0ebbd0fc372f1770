package io.github.bulwark.rules.logging;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.CallShapes;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.project.MethodSummaries;
import io.github.bulwark.core.project.MethodSummary;
import io.github.bulwark.core.project.ProjectIndex;
import io.github.bulwark.core.project.ProjectQuestion;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.ProjectRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Flags security decisions that leave no log record: the statement that rejects a failed login,
 * password, token, signature or one-time-code check, a 401/403 response, a thrown
 * access-denied or bad-credentials exception, an account lock; and the state changes auditors
 * ask for (password and role changes, user deletion, API key creation and revocation, login,
 * logout), reported at the method name. A log call on the path, directly or in any project
 * method it calls (followed across files through the project index), clears the finding.
 */
@RuleInfo(
    id = "MissingSecurityLogging",
    family = Family.LOGGING,
    title = "Security decision without a log record",
    cwe = {778, 223},
    owasp = OwaspCategory.A09_SECURITY_LOGGING_MONITORING_FAILURES,
    severity = Severity.MEDIUM,
    confidence = Confidence.MEDIUM,
    description = "Brute-force and credential-stuffing attacks, token forgery and privilege "
        + "changes are only visible through the records they leave. Without a log line for each "
        + "failed login, denied access and sensitive change, an attack goes unnoticed and an "
        + "incident cannot be reconstructed.",
    fix = "Record the decision with the audit logger: SecurityLog.loginFailure(user, reason), "
        + "SecurityLog.accessDenied(user, resource), SecurityLog.event(\"password.changed\", "
        + "user).",
    helper = "io.github.bulwark.runtime.SecurityLog")
public final class MissingSecurityLogging implements NodeRule<Node>, ProjectRule {

  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "warning",
      "error", "fatal", "severe", "fine", "finer", "finest", "config", "log", "logp", "atError",
      "atWarn", "atInfo", "atDebug", "atTrace");
  private static final Pattern RECORDING_CALL = Pattern.compile("(audit|log)([A-Z]\\w*)?");
  private static final Pattern RECORDING_RECEIVER =
      Pattern.compile("(?i).*(securitylog|audit).*");
  private static final Pattern SECURITY_EVENT = Pattern.compile("new \\w*(Audit|Security"
      + "|Authentication|Authorization|Login|Logout|Password|Role|Account|ApiKey|Access)\\w*Event");

  /** A project method that writes a log or audit record. */
  static final Predicate<MethodSummary> LOGS = method -> {
    for (String called : method.calledNames()) {
      // A plain-text test rejects most calls (get, put, append) before the patterns run.
      if (mayRecord(called) && writesRecord(called)) {
        return true;
      }
    }
    return false;
  };

  /**
   * A called name ({@code receiver.method} or {@code new Type}) that writes a log or audit
   * record. This runs for every call of every project method: each regex only runs where a
   * plain-text test says it can match, and nothing is copied or lower-cased before that.
   */
  private static boolean writesRecord(String called) {
    int dot = called.lastIndexOf('.');
    if (dot > 6 && called.startsWith("System.")) {
      return false; // the receiver starts with "System.": console output
    }
    String name = dot < 0 ? called : called.substring(dot + 1);
    if (LEVELS.contains(name)
        && called.substring(0, Math.max(dot, 0)).toLowerCase(Locale.ROOT).contains("log")) {
      return true;
    }
    // The receiver regex is ASCII case-insensitive: it needs one of its words in any case.
    if (dot > 0 && (containsIgnoringCase(called, dot, "securitylog")
        || containsIgnoringCase(called, dot, "audit"))
        && RECORDING_RECEIVER.matcher(called.substring(0, dot)).matches()) {
      return true;
    }
    return (name.startsWith("audit") || name.startsWith("log"))
            && RECORDING_CALL.matcher(name).matches()
        || called.startsWith("new ") && called.endsWith("Event")
            && SECURITY_EVENT.matcher(called).matches();
  }

  /** True when {@code text} before {@code end} contains {@code word} (lower case) in any case. */
  private static boolean containsIgnoringCase(String text, int end, String word) {
    char first = word.charAt(0);
    for (int i = 0; i + word.length() <= end; i++) {
      if ((text.charAt(i) | 0x20) == first
          && text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** Project-wide handlers that log authentication failures and denials for every thrower. */
  private static final Pattern FAILURE_HANDLER_NAME = Pattern.compile(
      "(?i)(on\\w*(Failure|Denied|BadCredentials|Failed)\\w*|commence|handle\\w*(Denied"
          + "|Failure|Auth\\w*|Security|Forbidden|Unauthori[sz]ed)\\w*)");
  /** Type names of failure handlers, matched anywhere in the declaring type's name. */
  private static final List<String> FAILURE_HANDLER_TYPES = List.of("AccessDeniedHandler",
      "AuthenticationEntryPoint", "FailureHandler", "AuthenticationEvent", "SecurityEvent",
      "AuthFailure");
  /**
   * A failure handler that logs, asked of every project method: plain prefix tests say whether
   * the name pattern can match before it runs.
   */
  private static final Predicate<MethodSummary> FAILURE_HANDLER_LOGS = method ->
      (mayNameFailureHandler(method.name())
              && FAILURE_HANDLER_NAME.matcher(method.name()).matches()
          || namesFailureHandlerType(method.type()))
          && LOGS.test(method);

  private static boolean namesFailureHandlerType(String type) {
    for (String handler : FAILURE_HANDLER_TYPES) {
      if (type.contains(handler)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@link #FAILURE_HANDLER_NAME} can match: on..., commence or handle..., any case. */
  private static boolean mayNameFailureHandler(String name) {
    return name.regionMatches(true, 0, "on", 0, 2) || name.regionMatches(true, 0, "handle", 0, 6)
        || name.equalsIgnoreCase("commence");
  }

  /**
   * Whether {@link #LOGS} can hold for this called name: it says "log" or "audit" in any case,
   * or names an event class.
   */
  static boolean mayRecord(String called) {
    // The JDK's own (long compiled) string methods rather than a loop of ours: this runs once
    // per scan over every call of the project, mostly before the JIT has compiled our code.
    String lower = called.toLowerCase(Locale.ROOT); // the same string when already lower case
    return called.endsWith("Event") || lower.contains("log") || lower.contains("audit");
  }

  private static final Pattern AUTH_EXCEPTION = Pattern.compile("(AccessDenied|BadCredentials"
      + "|\\w*Authentication\\w*|InsufficientAuthentication|Locked|CredentialsExpired"
      + "|NotAuthorized|Unauthori[sz]ed\\w*|Forbidden\\w*|InvalidToken|InvalidCredentials"
      + "|InvalidSignature|InvalidPassword|WrongPassword|InvalidOtp|InvalidCode|PermissionDenied"
      + "|AccountLocked|Disabled|AccountExpired|\\w*Login\\w*)Exception");
  private static final Pattern DENIAL_CONSTANT = Pattern.compile(
      "(SC_|HTTP_)?(UNAUTHORIZED|FORBIDDEN)");
  private static final Pattern LOCK_CALL = Pattern.compile("lock(Account|User)?|lockOut\\w*");
  /** Calls that check a secret or a permission; negated, they are a failed check. */
  private static final Pattern CHECK_CALL = Pattern.compile("(?i)(checkpw|verify\\w*"
      + "|check(Password|Credentials|Token|Signature|Otp|Totp|Code|Pin|Permission|Access)\\w*"
      + "|validate(Token|Signature|Otp|Totp|Code|Credentials|Password|ApiKey|Session|Jwt)\\w*"
      + "|is(Access|Refresh|Reset|Auth|Jwt|Api)?(Token|Signature|Otp|Totp|Code|Password"
      + "|Credentials|Key|Session|Pin)Valid|isValid(Token|Signature|Otp|Totp|Code|Password"
      + "|Credentials|ApiKey|Key|Session|Jwt|Pin)|authenticate\\w*"
      + "|authori[sz]e\\w*|isAuthenticated|isAuthori[sz]ed|hasRole|hasAnyRole|hasAuthority"
      + "|hasAnyAuthority|hasPermission|isPermitted|isUserInRole|isAdmin|isOwner\\w*"
      + "|canAccess\\w*|isAllowed\\w*"
      + "|isAccountNon\\w*|isCredentialsNonExpired|passwordMatches|matchesPassword)");
  /** Calls that compare values; a failed check when they compare a secret. */
  private static final Pattern COMPARE_CALL = Pattern.compile(
      "matches|equals|isEqual|constantTimeEquals|slowEquals|secureEquals|timingSafeEquals"
          + "|isValid|validate|check");
  private static final Pattern SECRET_TEXT = Pattern.compile("(?i).*(password|passwd|pwd|hash"
      + "|token|jwt|otp|totp|code|pin|signature|sig|hmac|mac|secret|apikey|api_key|credential"
      + "|encoder|bcrypt|hasher|role|permission|authorit).*");
  /** Checks whose positive answer is the refusal. */
  private static final Pattern REFUSAL_CALL = Pattern.compile("(?i)is\\w*(Expired|Locked|Revoked"
      + "|Blocked|Blacklisted|Banned|Disabled|Suspended)|hasExpired");
  private static final Pattern CHECK_FLAG = Pattern.compile("(?i)(is)?(\\w*(Valid|Verified"
      + "|Matches|Match|Correct)|authenticated|authori[sz]ed|verified|granted|permitted"
      + "|allowed|hasAccess|canAccess)");

  /** The sensitive changes auditors ask for, by method name. */
  private static final Pattern STATE_CHANGE = Pattern.compile("(?i)((change|update|reset|set"
      + "|modify)(User|Account)?Password\\w*|(change|update|assign|grant|revoke|remove|add|set"
      + "|modify|promote|demote)(User|Account)?Roles?\\w*|(promote|demote)(User|Account|To)\\w*"
      + "|(grant|revoke)(Access|Permissions?"
      + "|Privileges?|Authorit(y|ies)|Admin)\\w*|(delete|remove|deactivate|disable)(User"
      + "|Account)\\w*|(create|generate|issue|revoke|delete|rotate|regenerate)Api(Key|Token)s?"
      + "\\w*|login|logout|logIn|logOut|signIn|signOut|(lock|unlock)(User|Account)\\w*)");
  private static final Pattern SERVICE_TYPE = Pattern.compile(
      ".*(Service|Controller|Resource|Endpoint|Servlet|Manager|Handler|Facade|UseCase|Api"
          + "|Action|Command)");
  private static final Pattern DATA_TYPE = Pattern.compile(
      ".*(Repository|Dao|DAO|Entity|Dto|DTO|Request|Response|Builder|Mapper|Model|Form|Record"
          + "|Details)");
  private static final Set<String> SERVICE_ANNOTATIONS = Set.of("Service", "RestController",
      "Controller", "Component", "Path", "WebServlet", "Transactional");
  private static final Set<String> DATA_ANNOTATIONS = Set.of("Entity", "Embeddable", "Document",
      "MappedSuperclass", "Repository", "Table", "Generated");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodDeclaration.class, ThrowStmt.class, ReturnStmt.class,
        MethodCallExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (file.isTestCode() || generated(node)) {
      return;
    }
    if (node instanceof MethodDeclaration method) {
      checkStateChange(method, file, findings);
      return;
    }
    Optional<String> decision = rejection(node, file);
    if (decision.isEmpty()) {
      return;
    }
    Statement statement = node instanceof Statement s ? s
        : node.findAncestor(Statement.class).orElse(null);
    Optional<MethodDeclaration> method = node.findAncestor(MethodDeclaration.class);
    if (statement == null || method.isEmpty() || responseFactory(method.get(), statement)
        || !firstRejectionOfBranch(statement, file)) {
      return;
    }
    MethodSummary path = pathSummary(statement, file, method.get());
    boolean thrown = node instanceof ThrowStmt;
    String message = decision.get() + " leaves no log record: log it on this path "
        + "(SecurityLog) so that failed and refused attempts can be seen";
    findings.reportDeferred(node, ProjectQuestion.about(path).with("message", message)
        .with("thrown", Boolean.toString(thrown)));
  }

  /**
   * Clears a refusal whose path logs (or, when it throws, a failure handler somewhere logs
   * what is thrown), and a state change that logs anywhere it calls.
   */
  @Override
  public Optional<String> decide(ProjectQuestion question, ProjectIndex index) {
    boolean thrown = Boolean.parseBoolean(question.text("thrown"));
    if (index.reaches(question.method(), LOGS).isPresent()
        || thrown && index.any(FAILURE_HANDLER_LOGS).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(question.text("message"));
  }

  // ---- security decisions: the statement that refuses ----

  /** What the node refuses, when it is the rejecting statement of a security decision. */
  private static Optional<String> rejection(Node node, FileContext file) {
    if (node instanceof ThrowStmt thrown) {
      if (thrown.getExpression() instanceof ObjectCreationExpr creation) {
        String type = creation.getType().getNameAsString();
        if (AUTH_EXCEPTION.matcher(type).matches() && !isFileSystemDenial(type, file)
            && !type.equals("UsernameNotFoundException")
            && !type.endsWith("AuthenticationServiceException")) {
          return Optional.of("throwing " + type);
        }
        if (creation.getArguments().stream().anyMatch(MissingSecurityLogging::isDenialStatus)) {
          return Optional.of("the 401/403 refusal");
        }
      }
      return failedCheckBranch(node, file) ? Optional.of("refusing after a failed check")
          : Optional.empty();
    }
    if (node instanceof ReturnStmt ret) {
      Optional<Expression> value = ret.getExpression();
      if (value.isPresent() && isDenialResponse(value.get())) {
        return Optional.of("the 401/403 response");
      }
      if (value.isPresent() && value.get() instanceof BooleanLiteralExpr literal
          && literal.getValue()) {
        return Optional.empty();
      }
      return failedCheckBranch(node, file) ? Optional.of("refusing after a failed check")
          : Optional.empty();
    }
    if (node instanceof MethodCallExpr call && call.getParentNode()
        .filter(ExpressionStmt.class::isInstance).isPresent()) {
      String name = call.getNameAsString();
      if ((name.equals("sendError") || name.equals("setStatus") || name.equals("abortWith"))
          && !call.getArguments().isEmpty() && isDenialStatus(call.getArgument(0))) {
        return Optional.of("the 401/403 response");
      }
      if (name.equals("abortWith") && call.getArguments().size() == 1
          && isDenialResponse(call.getArgument(0))) {
        return Optional.of("the 401/403 response");
      }
      if (isLock(call)) {
        return Optional.of("locking the account");
      }
    }
    return Optional.empty();
  }

  private static boolean isLock(MethodCallExpr call) {
    String name = call.getNameAsString();
    List<Expression> args = call.getArguments();
    boolean flag = args.size() == 1 && args.get(0) instanceof BooleanLiteralExpr literal;
    if ((name.equals("setLocked") || name.equals("setAccountLocked")) && flag) {
      return ((BooleanLiteralExpr) args.get(0)).getValue();
    }
    if (name.equals("setAccountNonLocked") && flag) {
      return !((BooleanLiteralExpr) args.get(0)).getValue();
    }
    // lockAccount(..), user.lock(), attempts.lock(username): something names the account
    return LOCK_CALL.matcher(name).matches() && (!name.equals("lock")
        || call.toString().toLowerCase(Locale.ROOT).matches("(?s).*(user|account|member|login).*"));
  }

  private static boolean isFileSystemDenial(String type, FileContext file) {
    return type.equals("AccessDeniedException")
        && file.types().resolve(type).equals("java.nio.file.AccessDeniedException");
  }

  /** {@code 401}, {@code 403}, {@code HttpStatus.UNAUTHORIZED}, {@code SC_FORBIDDEN}. */
  private static boolean isDenialStatus(Expression expression) {
    Expression e = FileContext.unwrap(expression);
    if (e instanceof IntegerLiteralExpr literal) {
      return literal.getValue().equals("401") || literal.getValue().equals("403");
    }
    if (e instanceof FieldAccessExpr access) {
      return DENIAL_CONSTANT.matcher(access.getNameAsString()).matches();
    }
    if (e instanceof NameExpr name) {
      return DENIAL_CONSTANT.matcher(name.getNameAsString()).matches();
    }
    if (e instanceof MethodCallExpr call && call.getNameAsString().matches("valueOf|of|status")) {
      return call.getArguments().stream().anyMatch(MissingSecurityLogging::isDenialStatus);
    }
    return false;
  }

  /** A response built with a 401/403 status: ResponseEntity, JAX-RS Response, a status helper. */
  private static boolean isDenialResponse(Expression expression) {
    // One walk for both kinds, with compiled patterns: this runs for every return statement.
    return FileContext.unwrap(expression).stream().anyMatch(node ->
        node instanceof MethodCallExpr call && isDenialCall(call)
            || node instanceof ObjectCreationExpr creation && isDenialCreation(creation));
  }

  private static final Pattern STATUS_CALL = Pattern.compile("status|ok|withStatus");
  private static final Pattern DENIAL_CALL = Pattern.compile("(?i)unauthori[sz]ed|forbidden");
  private static final Pattern RESPONSE_RECEIVER =
      Pattern.compile(".*(ResponseEntity|Response|HttpResponse|Results)");
  private static final Pattern DENIAL_TYPE = Pattern.compile("ResponseEntity"
      + "|ResponseStatusException|WebApplicationException|HttpClientErrorException");

  /** {@code ResponseEntity.status(403)}, {@code Response.forbidden()}. */
  private static boolean isDenialCall(MethodCallExpr call) {
    String name = call.getNameAsString();
    if (STATUS_CALL.matcher(name).matches()
        && call.getArguments().stream().anyMatch(MissingSecurityLogging::isDenialStatus)) {
      return true;
    }
    return DENIAL_CALL.matcher(name).matches() && call.getScope()
        .map(ExpressionText::of)
        .map(s -> RESPONSE_RECEIVER.matcher(s).matches())
        .orElse(false);
  }

  /** {@code new ResponseStatusException(HttpStatus.FORBIDDEN)}. */
  private static boolean isDenialCreation(ObjectCreationExpr creation) {
    return DENIAL_TYPE.matcher(creation.getType().getNameAsString()).matches()
        && creation.getArguments().stream().anyMatch(MissingSecurityLogging::isDenialStatus);
  }

  /**
   * True when the node sits in the branch taken after a failed security check: the then-branch
   * of {@code if (!encoder.matches(..))}, {@code if (user == null || !valid)},
   * {@code if (token.isExpired())}, or the else-branch of {@code if (encoder.matches(..))}.
   */
  private static boolean failedCheckBranch(Node node, FileContext file) {
    Node child = node;
    for (Node parent = node.getParentNode().orElse(null); parent != null;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof LambdaExpr || parent instanceof CallableDeclaration<?>) {
        return false;
      }
      if (parent instanceof IfStmt ifStmt) {
        if (ifStmt.getThenStmt() == child) {
          return isFailedCheck(ifStmt.getCondition(), file);
        }
        if (ifStmt.getElseStmt().orElse(null) == child) {
          return isCheck(ifStmt.getCondition(), file);
        }
        return false;
      }
    }
    return false;
  }

  private static boolean isFailedCheck(Expression condition, FileContext file) {
    Expression e = FileContext.unwrap(condition);
    if (e instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      return isCheck(unary.getExpression(), file);
    }
    if (e instanceof BinaryExpr binary) {
      switch (binary.getOperator()) {
        case OR:
        case AND:
          return isFailedCheck(binary.getLeft(), file) || isFailedCheck(binary.getRight(), file);
        case EQUALS:
          return isFalse(binary.getRight()) && isCheck(binary.getLeft(), file)
              || isFalse(binary.getLeft()) && isCheck(binary.getRight(), file);
        default:
          return false;
      }
    }
    return e instanceof MethodCallExpr call
        && REFUSAL_CALL.matcher(call.getNameAsString()).matches();
  }

  private static boolean isFalse(Expression e) {
    return e instanceof BooleanLiteralExpr literal && !literal.getValue();
  }

  /** A call or flag that answers "did the secret or permission check pass?". */
  private static boolean isCheck(Expression expression, FileContext file) {
    Expression e = FileContext.unwrap(expression);
    if (e instanceof MethodCallExpr call) {
      String name = call.getNameAsString();
      if (CHECK_CALL.matcher(name).matches()) {
        return true;
      }
      if (name.matches("can(Edit|View|Delete|Modify|Read|Write|Manage|Update)\\w*")) {
        return !call.getArguments().isEmpty(); // canEdit(user, doc), not file.canRead()
      }
      // encoder.matches(raw, hash) and stored.equals(given); not pattern.matches() or a
      // "confirm password" comparison, which validate input rather than decide anything
      int minimum = name.equals("matches") ? 2 : 1;
      return COMPARE_CALL.matcher(name).matches() && call.getArguments().size() >= minimum
          && SECRET_TEXT.matcher(call.toString()).matches()
          && !call.toString().toLowerCase(Locale.ROOT).matches("(?s).*(confirm|repeat|retype).*");
    }
    if (e instanceof NameExpr flag) {
      Optional<Expression> init = file.initializerOf(flag);
      if (init.isPresent() && !(init.get() instanceof BooleanLiteralExpr)) {
        return isCheck(init.get(), file);
      }
      return CHECK_FLAG.matcher(flag.getNameAsString()).matches()
          && SECRET_TEXT.matcher(flag.getNameAsString()).matches()
          || flag.getNameAsString().matches("(?i)authenticated|authori[sz]ed|verified|granted"
              + "|permitted|allowed|hasAccess|canAccess");
    }
    if (e instanceof BinaryExpr binary && (binary.getOperator() == BinaryExpr.Operator.AND
        || binary.getOperator() == BinaryExpr.Operator.OR)) {
      return isCheck(binary.getLeft(), file) || isCheck(binary.getRight(), file);
    }
    return false;
  }

  /**
   * Only the first refusal of a branch is reported: {@code response.setStatus(401); return;}
   * is one decision.
   */
  private static boolean firstRejectionOfBranch(Statement statement, FileContext file) {
    if (!(statement.getParentNode().orElse(null) instanceof BlockStmt block)) {
      return true;
    }
    for (Statement earlier : block.getStatements()) {
      if (earlier == statement) {
        return true;
      }
      for (Node candidate : earlierCandidates(earlier)) {
        if (rejection(candidate, file).isPresent()) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<Node> earlierCandidates(Statement statement) {
    List<Node> candidates = new ArrayList<>();
    if (statement instanceof ReturnStmt || statement instanceof ThrowStmt) {
      candidates.add(statement);
    } else if (statement instanceof ExpressionStmt expression
        && expression.getExpression() instanceof MethodCallExpr call) {
      candidates.add(call);
    }
    return candidates;
  }

  /** {@code private ResponseEntity<?> forbidden() { return ResponseEntity.status(403)...; }} */
  private static boolean responseFactory(MethodDeclaration method, Statement statement) {
    boolean sole = method.getBody().map(b -> b.getStatements().size() == 1
        && b.getStatement(0) == statement).orElse(false);
    return sole && (!method.isPublic() || method.getNameAsString()
        .matches("(?i)(unauthori[sz]ed|forbidden|denied|deny|reject|refuse)\\w*"));
  }

  /**
   * The calls made on the way to {@code statement} from the decision that led to it: the check
   * itself (a helper that checks may log), what runs before the statement inside the branch
   * (not the inside of branches that were not taken), and the statement itself. The decision is
   * the nearest enclosing security check, else the nearest {@code if} or {@code catch}; outside
   * any, the path starts at the top of the method.
   */
  private static MethodSummary pathSummary(Statement statement, FileContext file,
      MethodDeclaration method) {
    List<Node> onPath = new ArrayList<>();
    onPath.add(statement);
    boolean checkAbove = false;
    for (Node up = statement; up != null && !(up instanceof CallableDeclaration<?>)
        && !(up instanceof LambdaExpr); up = up.getParentNode().orElse(null)) {
      if (up instanceof IfStmt ifStmt && (isFailedCheck(ifStmt.getCondition(), file)
          || isCheck(ifStmt.getCondition(), file))) {
        checkAbove = true;
      }
    }
    Node child = statement;
    for (Node parent = statement.getParentNode().orElse(null); parent != null
        && !(parent instanceof CallableDeclaration<?>) && !(parent instanceof LambdaExpr);
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof BlockStmt block) {
        for (Statement earlier : block.getStatements()) {
          if (earlier == child) {
            break;
          }
          collectStraightLine(earlier, onPath);
        }
      } else if (parent instanceof IfStmt ifStmt) {
        onPath.add(ifStmt.getCondition());
        if (!checkAbove || isFailedCheck(ifStmt.getCondition(), file)
            || isCheck(ifStmt.getCondition(), file)) {
          break; // the decision: what ran before it did not record its outcome
        }
      } else if (parent instanceof CatchClause) {
        break;
      } else if (parent instanceof WhileStmt loop) {
        onPath.add(loop.getCondition());
      }
    }
    Set<String> calls = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Node node : onPath) {
      for (MethodCallExpr call : node.findAll(MethodCallExpr.class)) {
        calls.add(call.getNameAsString() + "/" + call.getArguments().size());
        names.add(call.getNameAsString());
        call.getScope().ifPresent(scope -> names.add(scope + "." + call.getNameAsString()));
      }
      for (ObjectCreationExpr creation : node.findAll(ObjectCreationExpr.class)) {
        names.add("new " + creation.getType().getNameAsString());
      }
    }
    String type = method.findAncestor(TypeDeclaration.class)
        .map(t -> ((TypeDeclaration<?>) t).getNameAsString()).orElse("");
    return new MethodSummary(file.file().relativePath(), type,
        method.getNameAsString() + "#path", method.getParameters().size(), calls, names,
        Set.of(), Set.of());
  }

  /** Adds the parts of a statement that always run: not the bodies of its branches or loops. */
  private static void collectStraightLine(Statement statement, List<Node> onPath) {
    if (statement instanceof IfStmt ifStmt) {
      onPath.add(ifStmt.getCondition());
    } else if (statement instanceof WhileStmt || statement instanceof ForStmt
        || statement instanceof ForEachStmt || statement instanceof DoStmt
        || statement instanceof SwitchStmt) {
      return;
    } else if (statement instanceof TryStmt tryStmt) {
      tryStmt.getResources().forEach(onPath::add);
      tryStmt.getTryBlock().getStatements().forEach(s -> collectStraightLine(s, onPath));
      tryStmt.getFinallyBlock().ifPresent(onPath::add);
    } else if (statement instanceof BlockStmt block) {
      block.getStatements().forEach(s -> collectStraightLine(s, onPath));
    } else {
      onPath.add(statement);
    }
  }

  // ---- state changes auditors ask for ----

  private static void checkStateChange(MethodDeclaration method, FileContext file,
      Findings findings) {
    String name = method.getNameAsString();
    if (method.getBody().isEmpty() || !STATE_CHANGE.matcher(name).matches()) {
      return;
    }
    Optional<TypeDeclaration<?>> owner = method.findAncestor(TypeDeclaration.class)
        .map(t -> (TypeDeclaration<?>) t);
    if (owner.isEmpty() || owner.get() instanceof RecordDeclaration
        || owner.get() instanceof ClassOrInterfaceDeclaration type && type.isInterface()) {
      return;
    }
    TypeDeclaration<?> type = owner.get();
    boolean service = SERVICE_TYPE.matcher(type.getNameAsString()).matches()
        || type.getAnnotations().stream()
            .anyMatch(a -> SERVICE_ANNOTATIONS.contains(a.getName().getIdentifier()));
    boolean data = DATA_TYPE.matcher(type.getNameAsString()).matches()
        || type.getAnnotations().stream()
            .anyMatch(a -> DATA_ANNOTATIONS.contains(a.getName().getIdentifier()));
    if (data || name.toLowerCase(Locale.ROOT).startsWith("set") && !service) {
      return; // entity setters and repository methods: the service above them logs
    }
    boolean doesWork = method.getBody().get().findAll(MethodCallExpr.class).stream()
        .anyMatch(call -> !CallShapes.isLoggingCall(call));
    boolean showsForm = name.toLowerCase(Locale.ROOT).matches("log(in|out)|signin|signout")
        && method.isAnnotationPresent("GetMapping");
    if (!doesWork || showsForm) {
      return;
    }
    MethodSummary summary = MethodSummaries.of(file.file().relativePath(), method);
    String message = String.format("'%s' changes security state but neither it nor anything it "
        + "calls writes a log record: record the change with SecurityLog", name);
    findings.reportDeferred(method.getName(), ProjectQuestion.about(summary)
        .with("message", message).with("thrown", "false"));
  }

  private static boolean generated(Node node) {
    return node.findAncestor(TypeDeclaration.class)
        .map(t -> ((TypeDeclaration<?>) t).isAnnotationPresent("Generated"))
        .orElse(false);
  }
}
