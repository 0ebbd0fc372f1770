package io.github.bulwark.rules.ratelimit;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import io.github.bulwark.core.analysis.ExpressionText;

/**
 * Recognises web entry points without types: Spring MVC handler methods, JAX-RS resource methods
 * and servlet {@code doPost}/{@code doGet}; their HTTP verb and path as the annotations write them;
 * and what their bodies do for authentication (check a password, issue a token or a session).
 * Shared by the rate-limit and second-factor rules.
 */
public final class Endpoints {

  private static final Set<String> SPRING_VERBS = Set.of(
      "GetMapping", "PostMapping", "PutMapping", "PatchMapping", "DeleteMapping", "RequestMapping");
  private static final Set<String> JAXRS_VERBS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> EXCHANGE_TYPES =
      Set.of("HttpExchange", "RoutingContext", "ServerRequest");
  private static final Set<String> SERVLET_METHODS = Set.of("doPost", "doGet", "doPut", "service");

  /** A call that checks a password (or hands credentials to a framework that does). */
  private static final Pattern PASSWORD_CHECK = Pattern.compile(
      "(?i)(checkpw|verifyPassword|checkPassword|validatePassword|passwordMatches|"
          + "isPasswordValid|validateCredentials|checkCredentials|verifyCredentials|"
          + "authenticateUser|authenticate|login)");
  /** {@code encoder.matches(raw, hash)} is a password check; other {@code matches} are not. */
  private static final Pattern MATCHES_RECEIVER = Pattern.compile("(?i).*(encoder|password|hasher|bcrypt|argon|scrypt|crypt).*");
  /** A call that hands out a credential: a token or a session. */
  private static final Pattern ISSUES_TOKEN = Pattern.compile(
      "(?i)(generate|create|issue|sign|mint|build|make|encode|new)(access|refresh|jwt|auth|"
          + "session|id)?(token|jwt)s?|generateAccessToken|createSession|issueSession");

  private Endpoints() {}

  /** The HTTP verb and path of an entry point, as far as the source tells them. */
  public record Route(String verb, String path, String kind) {

    /** True for a verb that reads without side effects (a login form page, not a login). */
    public boolean isGet() {
      return verb.equals("GET");
    }
  }

  /** The route of a handler method, or empty when the method is not an entry point. */
  public static Optional<Route> route(MethodDeclaration method) {
    Optional<TypeDeclaration<?>> type = enclosingType(method);
    String classPath = type.map(Endpoints::classPath).orElse("");
    for (AnnotationExpr annotation : method.getAnnotations()) {
      String name = annotation.getName().getIdentifier();
      if (SPRING_VERBS.contains(name)) {
        String verb = name.equals("RequestMapping")
            ? requestMappingVerb(annotation) : name.replace("Mapping", "").toUpperCase(Locale.ROOT);
        return Optional.of(new Route(verb, join(classPath, firstPath(annotation)), "spring"));
      }
    }
    boolean jaxrs = false;
    String verb = "ANY";
    String path = "";
    for (AnnotationExpr annotation : method.getAnnotations()) {
      String name = annotation.getName().getIdentifier();
      if (JAXRS_VERBS.contains(name)) {
        jaxrs = true;
        verb = name;
      } else if (name.equals("Path")) {
        jaxrs = true;
        path = firstPath(annotation);
      }
    }
    if (jaxrs) {
      return Optional.of(new Route(verb, join(classPath, path), "jaxrs"));
    }
    // Frameworks without annotations (JDK HttpServer, Vert.x, Javalin, WebFlux functional):
    // the exchange parameter marks a handler; its class name says what it handles.
    if (method.getParameters().stream()
        .anyMatch(p -> EXCHANGE_TYPES.contains(simpleName(p.getType().asString())))) {
      return Optional.of(new Route("ANY", classPath, "handler"));
    }
    if (SERVLET_METHODS.contains(method.getNameAsString()) && method.getParameters().size() == 2
        && type.map(Endpoints::isServlet).orElse(false)) {
      String servletVerb = switch (method.getNameAsString()) {
        case "doGet" -> "GET";
        case "service" -> "ANY";
        default -> method.getNameAsString().substring(2).toUpperCase(Locale.ROOT);
      };
      return Optional.of(new Route(servletVerb, classPath, "servlet"));
    }
    return Optional.empty();
  }

  /** The part after the last dot (a type as written has no line breaks for a regex to stop at). */
  private static String simpleName(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  private static String requestMappingVerb(AnnotationExpr annotation) {
    if (annotation instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        if (pair.getNameAsString().equals("method")) {
          String text = pair.getValue().toString();
          for (String verb : JAXRS_VERBS) {
            if (text.contains(verb)) {
              return verb;
            }
          }
        }
      }
    }
    return "ANY";
  }

  /** The path on a type: {@code @RequestMapping}, {@code @Path}, {@code @WebServlet} (or its name). */
  private static String classPath(TypeDeclaration<?> type) {
    for (AnnotationExpr annotation : type.getAnnotations()) {
      String name = annotation.getName().getIdentifier();
      if (name.equals("RequestMapping") || name.equals("Path") || name.equals("WebServlet")) {
        String path = firstPath(annotation);
        if (path.isEmpty() && name.equals("WebServlet")) {
          path = member(annotation, "name").map(Endpoints::literal).orElse("");
        }
        return path;
      }
    }
    return "";
  }

  private static boolean isServlet(TypeDeclaration<?> type) {
    if (type.getAnnotationByName("WebServlet").isPresent()) {
      return true;
    }
    return type instanceof ClassOrInterfaceDeclaration c && c.getExtendedTypes().stream()
        .anyMatch(t -> t.getNameAsString().endsWith("Servlet"));
  }

  /** The first path an annotation names ({@code value}, {@code path} or {@code urlPatterns}). */
  static String firstPath(AnnotationExpr annotation) {
    if (annotation instanceof SingleMemberAnnotationExpr single) {
      return literal(single.getMemberValue());
    }
    for (String key : List.of("value", "path", "urlPatterns")) {
      Optional<Expression> value = member(annotation, key);
      if (value.isPresent()) {
        return literal(value.get());
      }
    }
    return "";
  }

  private static Optional<Expression> member(AnnotationExpr annotation, String key) {
    if (annotation instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        if (pair.getNameAsString().equals(key)) {
          return Optional.of(pair.getValue());
        }
      }
    }
    return Optional.empty();
  }

  private static String literal(Expression expression) {
    if (expression instanceof ArrayInitializerExpr array) {
      NodeList<Expression> values = array.getValues();
      return values.isEmpty() ? "" : literal(values.get(0));
    }
    if (expression.isStringLiteralExpr()) {
      return expression.asStringLiteralExpr().getValue();
    }
    // A constant (LOGIN_PATH, Paths.LOGIN): its name says as much as its value here.
    if (expression instanceof NameExpr name) {
      return name.getNameAsString();
    }
    if (expression instanceof FieldAccessExpr access) {
      return access.getNameAsString();
    }
    return expression.toString();
  }

  private static String join(String prefix, String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    if (path.isEmpty()) {
      return prefix;
    }
    return prefix.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
  }

  public static Optional<TypeDeclaration<?>> enclosingType(Node node) {
    return node.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
  }

  /** True when the method's body checks a password. */
  public static boolean checksPassword(MethodDeclaration method) {
    for (MethodCallExpr call : method.findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      if ((name.equals("matches") || name.equals("verify") || name.equals("check"))
          && call.getArguments().size() == 2 && call.getScope()
          .map(s -> MATCHES_RECEIVER.matcher(ExpressionText.of(s)).matches()).orElse(false)) {
        return true;
      }
      if (PASSWORD_CHECK.matcher(name).matches() && !call.getArguments().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** True when the method's body hands out a token or starts a session. */
  public static boolean issuesCredential(MethodDeclaration method) {
    for (MethodCallExpr call : method.findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      if (ISSUES_TOKEN.matcher(name).matches()) {
        return true;
      }
      String receiver = call.getScope().map(ExpressionText::of).orElse("");
      if (name.equals("builder") && receiver.endsWith("Jwts") || name.equals("create")
          && receiver.equals("JWT") || name.equals("setAuthentication")
          || name.equals("getSession") && !call.getArguments().toString().contains("false")
          || name.equals("setAttribute") && receiver.toLowerCase(Locale.ROOT).contains("session")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The lower-case words of an identifier or path: {@code verify2faCode} gives verify, 2fa, code.
   * Words are runs of ASCII letters and digits, split where a lower-case letter meets a capital
   * or a digit, where a digit meets a capital, and before the last capital of a run of capitals
   * followed by a lower-case letter ({@code HTTPServer}: http, server). Hand-written: rules split
   * most names of every file, and a chain of regex replacements per name cost several percent of
   * a scan.
   */
  public static List<String> words(String identifier) {
    List<String> words = new ArrayList<>();
    if (identifier == null) {
      return words;
    }
    int length = identifier.length();
    int start = -1;
    for (int i = 0; i < length; i++) {
      char c = identifier.charAt(i);
      if (!isAsciiLetterOrDigit(c)) {
        if (start >= 0) {
          words.add(identifier.substring(start, i).toLowerCase(Locale.ROOT));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      } else if (startsWord(identifier, i)) {
        words.add(identifier.substring(start, i).toLowerCase(Locale.ROOT));
        start = i;
      }
    }
    if (start >= 0) {
      words.add(identifier.substring(start).toLowerCase(Locale.ROOT));
    }
    // "2 fa" from "2FA" / "2Fa": keep the unit whole.
    List<String> merged = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (i + 1 < words.size() && words.get(i + 1).equals("fa") && isDigits(word)) {
        merged.add(word + "fa");
        i++;
      } else {
        merged.add(word);
      }
    }
    return merged;
  }

  /** True when a word starts at {@code i}, inside a run of letters and digits. */
  private static boolean startsWord(String text, int i) {
    char previous = text.charAt(i - 1);
    char c = text.charAt(i);
    if (isLower(previous) && (isUpper(c) || isDigit(c)) || isDigit(previous) && isUpper(c)) {
      return true;
    }
    return isUpper(previous) && isUpper(c) && i + 1 < text.length()
        && isLower(text.charAt(i + 1));
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isLower(c) || isUpper(c) || isDigit(c);
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDigits(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (!isDigit(word.charAt(i))) {
        return false;
      }
    }
    return !word.isEmpty();
  }

  /** Words joined without separators, for run-together names ({@code apikey}, {@code twofactor}). */
  public static String squashed(String identifier) {
    return String.join("", words(identifier));
  }

  /** True for a path in a test source tree (methods the project index holds from tests). */
  public static boolean isTestPath(String relativePath) {
    String path = "/" + relativePath.replace('\\', '/');
    String name = path.substring(path.lastIndexOf('/') + 1);
    return path.contains("/src/test/") || path.contains("/test/") || path.contains("/tests/")
        || name.endsWith("Test.java") || name.endsWith("Tests.java") || name.endsWith("IT.java");
  }
}
