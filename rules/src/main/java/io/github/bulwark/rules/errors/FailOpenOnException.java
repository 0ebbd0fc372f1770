package io.github.bulwark.rules.errors;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import io.github.bulwark.core.analysis.CallShapes;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags a catch in an authentication, authorization, signature, certificate, token or permission
 * check that lets the caller through: it returns {@code true} or a granted result, marks the
 * caller authenticated, continues a filter chain that the success path also continues, or
 * swallows the security exception and falls through to the success path.
 */
@RuleInfo(
    id = "FailOpenOnException",
    family = Family.ERRORS,
    title = "Security check fails open when an exception is thrown",
    cwe = {636, 755},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.HIGH,
    confidence = Confidence.MEDIUM,
    description = "When a check grants access on an exception, an attacker only has to make the "
        + "check throw: a malformed token, an unparseable signature, an expired or self-signed "
        + "certificate, an unreachable policy store. The error path becomes the way in.",
    fix = "Deny in the catch: return false or a denied decision, or rethrow; record the failure "
        + "with SecurityLog.failure(event, e) so that the rejected attempt is visible.",
    helper = "io.github.bulwark.runtime.SecurityLog")
public final class FailOpenOnException implements NodeRule<CatchClause> {

  /** Exceptions whose only meaning is "the security check said no". */
  private static final Pattern SECURITY_EXCEPTION = Pattern.compile(
      "(Security|GeneralSecurity|Certificate\\w*|CertPath\\w*|Signature\\w*|\\w*Jwt\\w*"
          + "|\\w*JWT\\w*|\\w*JOSE\\w*|TokenExpired|InvalidToken|InvalidKey|AccessDenied"
          + "|\\w*Authentication|\\w*Authorization\\w*|BadCredentials|Credentials?\\w*"
          + "|NotAuthorized|Unauthori[sz]ed|Forbidden|\\w*Login|SSLPeerUnverified"
          + "|\\w*Verification|Permission\\w*)Exception");
  /** Method, type and parameter names that make a piece of code a security check. */
  private static final Pattern SECURITY_NAME = Pattern.compile(
      "(?i).*(auth|verif|signature|signed|cert|trust|token|jwt|permission|permit|access|allow"
          + "|grant|role|admin|privilege|login|credential|password|otp|mfa|hmac|csrf|acl"
          + "|entitle|owner|principal|apikey|api_key|secur|session|vote|decide|decision).*");
  /** Calls whose exception means "not verified". */
  private static final Pattern SECURITY_CALL = Pattern.compile(
      "(?i)(verify\\w*|parseClaimsJw[st]|parseSigned\\w*|checkValidity|check(Server|Client)Trusted"
          + "|authenticate\\w*|authori[sz]e\\w*|checkPermission\\w*|hasPermission"
          + "|validateToken|isUserInRole|decodeJwt|initVerify|checkSignature)");
  /** Names of methods where {@code true} means "refuse": polarity is inverted there. */
  private static final Pattern NEGATIVE_NAME = Pattern.compile(
      "(?i).*(expired|revoked|blocked|black|denylist|locked|invalid|denied|forbidden|banned"
          + "|suspicious|tampered|compromised|disabled|reject|deny|block|fail).*");
  /** Void methods whose normal return means "passed": they must throw to refuse. */
  private static final Pattern THROWING_CHECK = Pattern.compile(
      "(?i)(check|verify|validate|authori[sz]e|authenticate|assert|ensure|require|enforce)\\w*");
  private static final Pattern GRANTED_CONSTANT = Pattern.compile(
      "(?i)(\\w*_)?(GRANTED|ALLOW|ALLOWED|PERMIT|PERMITTED|ACCEPT|ACCEPTED|AUTHORIZED"
          + "|AUTHENTICATED|SUCCESS|VALID|PASS|PASSED)");
  private static final Pattern GRANTED_CALL =
      Pattern.compile("granted|allow|allowed|permit|permitted|authenticated|success|valid|pass");
  private static final Pattern ALLOW_FLAG = Pattern.compile(
      "(?i)(is)?(valid|verified|authenticated|authori[sz]ed|allowed|permitted|granted|trusted"
          + "|access(Granted|Allowed)?|ok|success|passed|loggedIn)");
  private static final Pattern ESTABLISHES_IDENTITY = Pattern.compile(
      "setAuthentication|setAttribute|setUserPrincipal|login|setSecurityContext|authenticate\\w*");

  @Override
  public Class<CatchClause> nodeType() {
    return CatchClause.class;
  }

  @Override
  public void check(CatchClause clause, FileContext file, Findings findings) {
    verdict(clause, file).ifPresent(message -> findings.report(clause, "%s", message));
  }

  /** True when the catch lets the caller through; other rules of the family defer to this one. */
  static boolean failsOpen(CatchClause clause, FileContext file) {
    return verdict(clause, file).isPresent();
  }

  private static Optional<String> verdict(CatchClause clause, FileContext file) {
    if (CatchBlocks.rethrows(clause)) {
      return Optional.empty();
    }
    Node body = CatchBlocks.enclosingBody(clause);
    Optional<CallableDeclaration<?>> method = clause.findAncestor(CallableDeclaration.class)
        .map(c -> (CallableDeclaration<?>) c);
    TryStmt tryStmt = (TryStmt) clause.getParentNode().orElseThrow();
    boolean securityException = CatchBlocks.caughtNames(clause).stream()
        .anyMatch(name -> SECURITY_EXCEPTION.matcher(name).matches()
            && !isFileSystemDenial(name, file));
    boolean securityMethod = method.map(FailOpenOnException::isSecurityMethod).orElse(false);
    boolean securityTry = tryStmt.getTryBlock().findAll(MethodCallExpr.class).stream()
        .anyMatch(call -> SECURITY_CALL.matcher(call.getNameAsString()).matches());
    if (!securityException && !securityMethod && !securityTry
        && !grantsExplicitly(clause.getBody())) {
      return Optional.empty();
    }
    boolean negative = method.map(m -> NEGATIVE_NAME.matcher(m.getNameAsString()).matches()
        || m.getNameAsString().matches("(not|isNot|hasNo|cannot)[A-Z]\\w*")).orElse(false);
    String context = method.map(m -> "'" + m.getNameAsString() + "'").orElse("this check");

    Optional<String> grant = grantInCatch(clause, tryStmt, body, negative);
    String caught = String.join(" | ", CatchBlocks.caughtNames(clause));
    if (grant.isPresent()) {
      return Optional.of(String.format("catch in %s %s: the check fails open on %s", context,
          grant.get(), caught));
    }
    if (!completesNormally(clause.getBody()) || deniesInCatch(clause, negative)) {
      return Optional.empty();
    }
    // What follows is about swallowing: a block that does more than log (collects the error,
    // sets state) or says why it ignores the exception has handled it.
    boolean swallowOnly = clause.getBody().getStatements().stream().allMatch(statement ->
        statement.isExpressionStmt() && statement.asExpressionStmt().getExpression()
            instanceof MethodCallExpr call
            && (CatchBlocks.isRecording(call) || CallShapes.isPrintCall(call)));
    if (CatchBlocks.intentional(clause)) {
      return Optional.empty(); // a stated reason: the fall-through is a decision, not a slip
    }
    Outcome after = afterTry(tryStmt, body, negative);
    boolean open = switch (after) {
      case GRANTED -> true;
      case DENIED, CHECKED -> false;
      case PROCEEDS -> swallowOnly && securityException
          && securityTry && !establishesIdentity(tryStmt);
      case ENDS -> swallowOnly && method.filter(m -> m instanceof MethodDeclaration d && d.getType().isVoidType()
              && body == m)
          .map(m -> THROWING_CHECK.matcher(m.getNameAsString()).matches()
              && (securityException || securityTry || securityMethod))
          .orElse(false);
    };
    if (!open) {
      return Optional.empty();
    }
    return Optional.of(String.format("catch in %s swallows %s and lets the caller through as if "
        + "the check had passed", context, caught));
  }

  private enum Outcome { GRANTED, DENIED, CHECKED, PROCEEDS, ENDS }

  private static boolean isSecurityMethod(CallableDeclaration<?> method) {
    if (SECURITY_NAME.matcher(method.getNameAsString()).matches()) {
      return true;
    }
    for (Parameter parameter : method.getParameters()) {
      if (SECURITY_NAME.matcher(parameter.getNameAsString()).matches()
          || SECURITY_NAME.matcher(parameter.getType().asString()).matches()) {
        return true;
      }
    }
    return method.findAncestor(TypeDeclaration.class)
        .map(type -> ((TypeDeclaration<?>) type).getNameAsString())
        .map(name -> name.matches(".*(TrustManager|Voter|AuthorizationManager|AuthenticationProvider"
            + "|PermissionEvaluator|Verifier|AuthFilter|AuthenticationFilter|JwtFilter"
            + "|TokenFilter|SecurityFilter|Authenticator|Authorizer).*"))
        .orElse(false);
  }

  /** {@code java.nio.file.AccessDeniedException} is a file-system error, not a refusal. */
  private static boolean isFileSystemDenial(String name, FileContext file) {
    return name.equals("AccessDeniedException")
        && file.types().resolve(name).equals("java.nio.file.AccessDeniedException");
  }

  /** A catch that hands out an authorization decision or an authenticated token needs no context. */
  private static boolean grantsExplicitly(BlockStmt block) {
    return block.findAll(ObjectCreationExpr.class).stream().anyMatch(creation ->
        isGranted(creation, false))
        || block.findAll(MethodCallExpr.class).stream()
            .anyMatch(call -> call.getNameAsString().equals("setAuthentication"));
  }

  /** What in the catch block itself lets the caller through, if anything. */
  private static Optional<String> grantInCatch(CatchClause clause, TryStmt tryStmt, Node body,
      boolean negative) {
    // Only unconditional grants: "if (userConfirms()) return true;" is someone's decision.
    for (Statement statement : clause.getBody().getStatements()) {
      if (!(statement instanceof ReturnStmt ret)) {
        continue;
      }
      if (ret.getExpression().isPresent()
          && isGranted(ret.getExpression().get(), negative)) {
        return Optional.of("returns " + ret.getExpression().get());
      }
    }
    for (AssignExpr assign : clause.getBody().findAll(AssignExpr.class)) {
      if (CatchBlocks.sameBody(assign, body) && assign.getOperator() == AssignExpr.Operator.ASSIGN
          && ALLOW_FLAG.matcher(targetName(assign.getTarget())).matches()
          && assign.getValue() instanceof BooleanLiteralExpr literal && literal.getValue()) {
        return Optional.of("sets " + assign.getTarget() + " = true");
      }
    }
    for (MethodCallExpr call : clause.getBody().findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      if (name.equals("setAuthenticated") && call.getArguments().size() == 1
          && call.getArgument(0) instanceof BooleanLiteralExpr literal && literal.getValue()) {
        return Optional.of("marks the caller authenticated");
      }
      if (name.equals("setAuthentication")) {
        return Optional.of("installs an authentication");
      }
      if (name.equals("doFilter") && tryStmt.getTryBlock().findAll(MethodCallExpr.class).stream()
          .anyMatch(c -> c.getNameAsString().equals("doFilter"))) {
        return Optional.of("continues the filter chain just as the success path does");
      }
    }
    return Optional.empty();
  }

  private static String targetName(Expression target) {
    if (target instanceof NameExpr name) {
      return name.getNameAsString();
    }
    if (target instanceof FieldAccessExpr access) {
      return access.getNameAsString();
    }
    return "";
  }

  /** True for {@code true}, {@code Boolean.TRUE}, granted decisions and authenticated tokens. */
  static boolean isGranted(Expression expression, boolean negative) {
    Expression e = FileContext.unwrap(expression);
    if (e instanceof BooleanLiteralExpr literal) {
      return literal.getValue() != negative;
    }
    if (e instanceof FieldAccessExpr access) {
      String name = access.getNameAsString();
      if (name.equals("TRUE") || name.equals("FALSE")) {
        return name.equals("TRUE") != negative;
      }
      return !negative && GRANTED_CONSTANT.matcher(name).matches();
    }
    if (negative) {
      return false;
    }
    if (e instanceof NameExpr name) {
      return GRANTED_CONSTANT.matcher(name.getNameAsString()).matches()
          && name.getNameAsString().equals(name.getNameAsString().toUpperCase());
    }
    if (e instanceof MethodCallExpr call) {
      return GRANTED_CALL.matcher(call.getNameAsString()).matches() && call.getScope().isPresent();
    }
    if (e instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      NodeList<Expression> args = creation.getArguments();
      if (type.equals("AuthorizationDecision") && args.size() == 1) {
        return isGranted(args.get(0), false);
      }
      // The three-argument tokens are the authenticated ones (principal, credentials, authorities).
      return type.endsWith("AuthenticationToken") && args.size() == 3;
    }
    return false;
  }

  /** True when the block can end normally: its last statement neither returns nor jumps. */
  private static boolean completesNormally(BlockStmt block) {
    List<Statement> statements = block.getStatements();
    if (statements.isEmpty()) {
      return true;
    }
    Statement last = statements.get(statements.size() - 1);
    return !(last instanceof ReturnStmt || last instanceof ThrowStmt
        || last instanceof ContinueStmt || last instanceof BreakStmt);
  }

  /** True when the catch records the refusal: sets an allow flag to false, or a 401/403. */
  private static boolean deniesInCatch(CatchClause clause, boolean negative) {
    for (AssignExpr assign : clause.getBody().findAll(AssignExpr.class)) {
      if (targetName(assign.getTarget()).isEmpty()) {
        continue;
      }
      if (assign.getValue() instanceof BooleanLiteralExpr literal
          && (literal.getValue() == negative || !literal.getValue())
          || assign.getValue().isNullLiteralExpr()) {
        return true; // "verified = false", "signerCert = null": the result is cleared
      }
    }
    return clause.getBody().findAll(MethodCallExpr.class).stream().anyMatch(call ->
        call.getNameAsString().matches("sendError|setStatus|abortWith|reject\\w*|deny\\w*"
            + "|unsuccessfulAuthentication|commence|clearContext"));
  }

  /** Where control goes once a catch that completes normally is left. */
  private static Outcome afterTry(TryStmt tryStmt, Node body, boolean negative) {
    Set<String> decided = assignedIn(tryStmt);
    Node current = tryStmt;
    while (current.getParentNode().isPresent()) {
      Node parent = current.getParentNode().get();
      if (parent == body) {
        return Outcome.ENDS;
      }
      if (parent instanceof BlockStmt block) {
        List<Statement> statements = block.getStatements();
        int index = statements.indexOf(current);
        for (Statement next : statements.subList(index + 1, statements.size())) {
          Optional<Outcome> outcome = outcomeOf(next, decided, negative);
          if (outcome.isPresent()) {
            return outcome.get();
          }
        }
      } else if (parent instanceof ForStmt || parent instanceof ForEachStmt
          || parent instanceof WhileStmt || parent instanceof DoStmt) {
        // The loop tries the next candidate (another key, another issuer); what follows the loop
        // decides.
        current = parent;
        continue;
      } else if (parent instanceof IfStmt || parent instanceof CatchClause
          || parent instanceof TryStmt || parent instanceof LambdaExpr
          || parent instanceof CallableDeclaration<?>) {
        if (parent instanceof LambdaExpr || parent instanceof CallableDeclaration<?>) {
          return Outcome.ENDS;
        }
      }
      current = parent;
    }
    return Outcome.ENDS;
  }

  private static Optional<Outcome> outcomeOf(Statement next, Set<String> decided,
      boolean negative) {
    if (next instanceof ReturnStmt ret) {
      return Optional.of(ret.getExpression().map(e -> isGranted(e, negative)).orElse(false)
          ? Outcome.GRANTED : mentions(next, decided) ? Outcome.CHECKED : Outcome.DENIED);
    }
    if (next instanceof ThrowStmt) {
      return Optional.of(Outcome.DENIED);
    }
    if (mentions(next, decided) && (next instanceof IfStmt || next.isExpressionStmt()
        && !next.findAll(MethodCallExpr.class).isEmpty())) {
      // The result computed in the try is looked at: a failure left it unset, so it is denied.
      return Optional.of(Outcome.CHECKED);
    }
    if (!(next instanceof ExpressionStmt) && (!next.findAll(ThrowStmt.class).isEmpty()
        || next.findAll(ReturnStmt.class).stream().anyMatch(r -> r.getExpression()
            .filter(e -> !isGranted(e, negative)).isPresent()))) {
      return Optional.of(Outcome.CHECKED); // further checks that can still refuse
    }
    if (next instanceof ExpressionStmt && !next.findAll(MethodCallExpr.class).isEmpty()) {
      return Optional.of(Outcome.PROCEEDS); // the work the check guarded goes ahead
    }
    return Optional.empty(); // a further check (an if) or a declaration: keep looking
  }

  /** Names the try block assigns or declares: results that later code may check. */
  private static Set<String> assignedIn(TryStmt tryStmt) {
    Set<String> names = new HashSet<>();
    for (AssignExpr assign : tryStmt.getTryBlock().findAll(AssignExpr.class)) {
      String name = targetName(assign.getTarget());
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    for (VariableDeclarator variable : tryStmt.getTryBlock().findAll(VariableDeclarator.class)) {
      names.add(variable.getNameAsString());
    }
    return names;
  }

  private static boolean mentions(Node node, Set<String> names) {
    return node.findAll(NameExpr.class).stream().anyMatch(n -> names.contains(n.getNameAsString()))
        || node.findAll(FieldAccessExpr.class).stream()
            .anyMatch(f -> names.contains(f.getNameAsString()));
  }

  private static boolean establishesIdentity(TryStmt tryStmt) {
    return tryStmt.getTryBlock().findAll(MethodCallExpr.class).stream()
        .anyMatch(call -> ESTABLISHES_IDENTITY.matcher(call.getNameAsString()).matches());
  }
}
