package io.github.bulwark.rules.secrets;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.rules.secrets.CredentialSinks.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags credentials written into the code: a string literal (or a constant folded from literals)
 * that is a well-known token format anywhere it appears, or that reaches a name saying "secret"
 * (variable, field, parameter, annotation member, getter, map or header key) with a value that
 * fits that name, or an API that takes a password or key (JDBC, Basic auth, key stores,
 * {@code SecretKeySpec}, JWT signing, the {@code Authorization} header). Classification of names
 * and values lives in {@link SecretPatterns}, shared with configuration-file rules. Test sources
 * ({@code src/test/}, {@code *Test}, {@code *Tests}, {@code *IT}) are skipped: their credentials
 * are fixtures.
 */
@RuleInfo(
    id = "HardcodedSecret",
    family = Family.SECRETS,
    title = "Credential written into the source code",
    cwe = {798, 259, 321},
    owasp = OwaspCategory.A07_IDENTIFICATION_AUTHENTICATION_FAILURES,
    severity = Severity.HIGH,
    description = "A password, token, API key or signing key in the source is readable by everyone "
        + "who can read the repository, its history, a build artifact or a decompiled jar, and it "
        + "cannot be rotated without a release. Leaked keys are harvested from public and private "
        + "repositories within minutes and used to log in, call paid APIs or forge tokens.",
    fix = "Read it at run time: Secrets.require(\"DB_PASSWORD\") resolves it from the "
        + "environment, a system property or a mounted secret file.",
    helper = "io.github.bulwark.runtime.Secrets")
public final class HardcodedSecret implements NodeRule<Expression> {

  /** Per-file memos: the outermost concatenation of a node, and a concatenation's first literal. */
  private static final Object OUTERMOST = new Object();
  private static final Object FIRST_LITERAL = new Object();

  private static final Pattern AUTH_SCHEME = Pattern.compile(
      "(?i)\\s*(Basic|Bearer|Token|Digest|ApiKey|Api-Key|SSWS|Key|OAuth)\\s+(.*)");

  @Override
  public Class<Expression> nodeType() {
    return Expression.class;
  }

  @Override
  public List<Class<? extends Expression>> nodeTypes() {
    return List.of(StringLiteralExpr.class, TextBlockLiteralExpr.class);
  }

  @Override
  public void check(Expression literal, FileContext file, Findings findings) {
    if (file.isTestCode()) {
      return; // credentials of local test services; no option to include them yet
    }
    Expression value = concatenation(literal, file);
    Optional<String> folded = file.constantString(value);
    if (folded.isEmpty()) {
      // Part of a concatenation with run-time values: only a token format speaks for itself.
      file.constantString(literal).flatMap(SecretPatterns::wellKnownToken).ifPresent(kind ->
          findings.report(literal, "hard-coded %s in the source code", kind));
      return;
    }
    if (value != literal
        && file.<Expression, Expression>memo(FIRST_LITERAL)
            .computeIfAbsent(value, HardcodedSecret::firstLiteral) != literal) {
      return; // judged once, from the concatenation's first literal
    }
    String text = folded.get();
    Optional<String> kind = SecretPatterns.wellKnownToken(text, file.config());
    if (kind.isPresent()) {
      findings.report(location(value), "hard-coded %s in the source code", kind.get());
      return;
    }
    Expression carrier = CredentialSinks.carrier(value);
    for (Sink sink : CredentialSinks.of(carrier, file)) {
      if (accepts(sink, text)) {
        findings.report(location(value), "%s", sink.message());
        return;
      }
    }
    // A constant with a bland name can still be a key: KEY = "..."; new SecretKeySpec(KEY...).
    Optional<VariableDeclarator> holder = carrier.getParentNode()
        .filter(VariableDeclarator.class::isInstance).map(VariableDeclarator.class::cast)
        .filter(v -> v.getInitializer().filter(i -> i == carrier).isPresent());
    if (holder.isEmpty() || !SecretPatterns.isPlausiblePassword(text)) {
      return;
    }
    for (Expression use : usesOf(holder.get(), file)) {
      for (Sink sink : CredentialSinks.of(CredentialSinks.carrier(use), file)) {
        if (!sink.name().equals(holder.get().getNameAsString()) && accepts(sink, text)) {
          findings.report(location(value), "%s through '%s'", sink.message(),
              holder.get().getNameAsString());
          return;
        }
      }
    }
  }

  private static boolean accepts(Sink sink, String value) {
    switch (sink.mode()) {
      case NAME:
        return SecretPatterns.isSecretAssignment(sink.name(), value);
      case CREDENTIAL:
        return !SecretPatterns.isPlaceholder(value);
      case AUTHORIZATION:
        Matcher scheme = AUTH_SCHEME.matcher(value);
        if (!scheme.matches()) {
          return value.length() >= 8 && SecretPatterns.looksLikeRealSecret(value);
        }
        String credential = scheme.group(2).strip();
        if (scheme.group(1).toLowerCase(Locale.ROOT).equals("basic")
            && SecretPatterns.isBasicCredentials(credential)) {
          return true;
        }
        return credential.length() >= 8 && SecretPatterns.isPlausiblePassword(credential);
      default:
        return false;
    }
  }

  /**
   * Where a finding points: the value, or for a text block that initialises a variable, the
   * variable's name (a text block's opening line cannot carry anything after its quotes).
   */
  private static Node location(Expression value) {
    if (value instanceof TextBlockLiteralExpr && value.getParentNode().isPresent()
        && value.getParentNode().get() instanceof VariableDeclarator variable) {
      return variable.getName();
    }
    return value;
  }

  /** The string concatenation (in parentheses or not) a literal is part of, or the literal. */
  private static Expression concatenation(Expression literal, FileContext file) {
    // Each literal of a long concatenation climbs the same chain: remember where every node on
    // the way ends, so a file's concatenations cost their size, not its square.
    Map<Node, Expression> outermost = file.memo(OUTERMOST);
    List<Node> climbed = new ArrayList<>();
    Expression current = literal;
    while (current.getParentNode().isPresent()) {
      Node parent = current.getParentNode().get();
      Expression known = outermost.get(parent);
      if (known != null) {
        current = known;
        break;
      }
      if (parent instanceof EnclosedExpr enclosed) {
        climbed.add(current);
        current = enclosed;
      } else if (parent instanceof BinaryExpr binary
          && binary.getOperator() == BinaryExpr.Operator.PLUS) {
        climbed.add(current);
        current = binary;
      } else {
        break;
      }
    }
    for (Node node : climbed) {
      outermost.put(node, current);
    }
    // Drop parentheses that wrap nothing but the literal itself.
    return current instanceof EnclosedExpr && !current.findFirst(BinaryExpr.class).isPresent()
        ? literal : current;
  }

  /** The first literal of a concatenation in source order (the walk stops there). */
  private static Expression firstLiteral(Expression concatenation) {
    return concatenation.findFirst(Node.TreeTraversal.PREORDER, node ->
        node instanceof StringLiteralExpr || node instanceof TextBlockLiteralExpr
            ? Optional.of((Expression) node) : Optional.<Expression>empty()).orElse(null);
  }

  /** Reads of a variable in this file: its name, {@code this.name} or {@code Type.name}. */
  private static List<Expression> usesOf(VariableDeclarator variable, FileContext file) {
    String name = variable.getNameAsString();
    List<Expression> uses = new ArrayList<>();
    for (NameExpr use : file.namesSpelled(name)) {
      if (file.declarationOf(use).filter(d -> d == variable).isPresent()) {
        uses.add(use);
      }
    }
    Optional<String> owner = variable.findAncestor(TypeDeclaration.class)
        .map(TypeDeclaration::getNameAsString);
    for (FieldAccessExpr use : file.fieldAccessesNamed(name)) {
      Expression scope = use.getScope();
      if (scope instanceof ThisExpr
          || owner.filter(o -> ExpressionText.of(scope).equals(o)).isPresent()) {
        uses.add(use);
      }
    }
    return uses;
  }
}
