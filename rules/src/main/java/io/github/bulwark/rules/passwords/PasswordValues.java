package io.github.bulwark.rules.passwords;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import io.github.bulwark.core.analysis.FileContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "is this a raw password?" for the password rules and for the crypto rules that must
 * leave raw-password comparisons to {@link PlaintextPasswordComparison}. A raw password is a
 * value named like one (a parameter, field, local or getter: {@code password}, {@code userPwd},
 * {@code getPassword()}, {@code form.password()}), a request or row value looked up by a password
 * field name ({@code request.getParameter("password")}, {@code rs.getString("pwd")}), or anything
 * that carries one along within the file: locals and their latest assignment before the use,
 * concatenation, {@code toCharArray()}/{@code getBytes()}/{@code trim()}, {@code new String(..)},
 * and small helpers of the same class whose return value comes from their arguments. A value that
 * went through a hashing call ({@code encoder.encode(..)}, {@code BCrypt.hashpw(..)},
 * {@code hash(..)}) is no longer raw, and neither is a name that says it holds a hash
 * ({@code passwordHash}, {@code encodedPassword}).
 *
 * <p>This is a per-file fact several rules share; the engine has no data-flow facts yet, so it
 * lives here until it moves into {@code FileContext}.
 */
public final class PasswordValues {

  private static final int MAX_DEPTH = 12;
  /** Helpers are followed two calls deep: each level costs four units of depth. */
  private static final int MAX_HELPER_DEPTH = 8;

  /** Whole words that name a password. */
  private static final Set<String> PASSWORD_WORDS = Set.of(
      "password", "passwd", "pwd", "pass", "passphrase", "passcode", "pword", "pw", "passwort",
      "passwords", "senha", "contrasena", "userpass", "pswd", "psw");
  /** Words saying a name holds a processed form of a password, wherever they stand. */
  private static final Set<String> HASHISH = Set.of(
      "hash", "hashed", "hashes", "digest", "digested", "encoded", "encoder", "encrypted",
      "encryption", "enc", "crypt", "crypted", "bcrypt", "scrypt", "argon2", "hasher", "salt",
      "salted", "cipher", "ciphertext", "obfuscated", "masked", "mask", "placeholder");
  /** First words of a name that checks or changes a password rather than holding one. */
  private static final Set<String> NOT_A_VALUE_VERBS = Set.of(
      "is", "has", "check", "verify", "validate", "should", "must", "needs", "set", "update",
      "change", "save", "store", "encode", "encrypt", "hash", "min", "max", "forgot", "reset",
      "show", "hide", "toggle", "on", "handle", "send", "expire", "clear", "remove", "delete",
      "matches", "compare", "with", "use", "uses", "requires", "can", "allow",
      "num", "count", "last", "persist", "write", "put", "apply", "do", "assert", "test");
  /** Words after the password word saying the name is about a password, not its value. */
  private static final Set<String> NOT_THE_VALUE = Set.of(
      "hash", "hashed", "hashes", "digest", "digested", "encoded", "encode", "encoder", "encrypted",
      "encrypt", "encryption", "enc", "crypt", "crypted", "bcrypt", "scrypt", "argon2", "hasher",
      "salt", "salted", "policy", "policies", "length", "len", "min", "max", "size", "strength",
      "pattern", "regex", "rule", "rules", "validator", "validation", "field", "fields", "label",
      "param", "parameter", "prompt", "hint", "expiry", "expires", "expired", "expiration",
      "age", "changed", "date", "time", "timestamp", "history", "attempts", "attempt", "count",
      "enabled", "required", "header", "column", "col", "key", "file", "path", "type", "mode",
      "id", "visible", "visibility", "toggle", "view", "layout", "error", "errors", "message",
      "msg", "token", "question", "valid", "invalid", "ok", "correct", "wrong", "mismatch",
      "matches", "match", "equal", "equals", "same", "needs", "must", "should", "is", "has",
      "check", "checker", "verify", "verifier", "manager", "service", "util", "utils", "helper",
      "generator", "provider", "config", "properties", "prop", "property", "spec", "reset",
      "forgot", "recovery", "url", "link", "endpoint", "name", "form", "dialog", "button",
      "callback", "handler", "listener", "mask", "masked", "placeholder", "storage", "store",
      "set", "update", "change", "save", "encoding", "algorithm", "alg", "iterations", "cost",
      "rounds", "work", "factor", "format", "version", "ref", "reference", "secret");
  /** First words of a method that hands a password out (rather than checks or stores one). */
  private static final Set<String> GETTER_VERBS = Set.of(
      "get", "read", "fetch", "load", "prompt", "ask", "retrieve", "generate", "gen", "random",
      "new", "decrypt", "decode", "plain", "raw", "current", "input", "find", "lookup", "resolve",
      "obtain", "require", "take", "create", "make", "build", "next");
  /** Calls that turn a password into a hash (or check one); what they return is not raw. */
  private static final Set<String> HASHING_WORDS = Set.of(
      "encode", "hash", "hashpw", "hashed", "digest", "crypt", "encrypt", "bcrypt", "scrypt",
      "argon2", "argon", "pbkdf2", "pbkdf", "derive", "hmac", "mac", "sign", "matches", "verify",
      "check", "checkpw", "md5", "sha1", "sha256", "sha512", "sha", "sha384", "hex", "protect",
      "seal", "cipher");
  /** Methods on a password that return the same secret in another shape. */
  private static final Set<String> CARRIERS = Set.of(
      "toCharArray", "getBytes", "trim", "strip", "toString", "intern", "clone", "getText",
      "get", "orElse", "orElseThrow", "orElseGet", "getValue", "value", "chars", "toLowerCase",
      "toUpperCase", "stripLeading", "stripTrailing", "array", "getPlaintext", "concat",
      "getPassword", "reveal", "getSecret", "asString");
  /** Static helpers that return their (first) argument in another shape. */
  private static final Set<String> STATIC_CARRIERS = Set.of(
      "valueOf", "copyValueOf", "wrap", "copyOf", "copyOfRange", "requireNonNull", "of",
      "ofNullable", "nullToEmpty", "defaultString", "trimToEmpty", "trimToNull", "strip",
      "trim", "defaultIfBlank", "defaultIfEmpty", "toCharArray", "getBytes");
  /** Lookups by key, as in a request, form, JSON body, map or result set. */
  private static final Set<String> LOOKUP_PREFIXES = Set.of(
      "get", "opt", "param", "read", "query", "form", "path", "first", "header", "value",
      "attribute", "require", "field", "text", "string");

  private PasswordValues() {}

  /** The lower-case words of an identifier or key: {@code userPassword_2} gives user, password. */
  public static List<String> words(String identifier) {
    List<String> words = new ArrayList<>();
    if (identifier == null) {
      return words;
    }
    // Hand-written (this runs for most names of every file): words are runs of ASCII letters,
    // split where a lower-case letter or a digit meets a capital and before the last capital of
    // a run of capitals followed by a lower-case letter (PASSWORDField: password, field).
    int length = identifier.length();
    int start = -1;
    for (int i = 0; i < length; i++) {
      char c = identifier.charAt(i);
      if (!isAsciiLetter(c)) {
        if (start >= 0) {
          words.add(identifier.substring(start, i).toLowerCase(Locale.ROOT));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      } else if (isUpper(c) && (isLower(identifier.charAt(i - 1))
          || isUpper(identifier.charAt(i - 1)) && i + 1 < length
              && isLower(identifier.charAt(i + 1)))) {
        words.add(identifier.substring(start, i).toLowerCase(Locale.ROOT));
        start = i;
      }
    }
    if (start >= 0) {
      words.add(identifier.substring(start).toLowerCase(Locale.ROOT));
    }
    return words;
  }

  private static boolean isAsciiLetter(char c) {
    return isLower(c) || isUpper(c);
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  /** True for a word or run-together name that says "password" ({@code newpassword}). */
  private static boolean isPasswordWord(String word) {
    return PASSWORD_WORDS.contains(word) || word.contains("password") || word.endsWith("passwd")
        || word.endsWith("pwd");
  }

  /**
   * True when a name holds a raw password: {@code password}, {@code dbPwd},
   * {@code keyStorePassword}; not {@code passwordHash}, {@code PASSWORD_PARAM},
   * {@code minPasswordLength} or {@code isPasswordValid}. English puts the head noun last, so a
   * word after the password word that names something else ({@code passwordField}) wins.
   */
  public static boolean isPasswordName(String name) {
    List<String> words = words(name);
    int last = -1;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (HASHISH.contains(word) || word.startsWith("hash") || word.endsWith("hash")) {
        return false;
      }
      if (isPasswordWord(word)) {
        last = i;
      }
    }
    if (last < 0 || NOT_A_VALUE_VERBS.contains(words.get(0))) {
      return false;
    }
    for (int i = last + 1; i < words.size(); i++) {
      if (NOT_THE_VALUE.contains(words.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** True when a name says it holds a password hash: {@code passwordHash}, {@code hashedPwd}. */
  public static boolean isPasswordHashName(String name) {
    List<String> words = words(name);
    boolean password = words.stream().anyMatch(PasswordValues::isPasswordWord);
    boolean hash = words.stream().anyMatch(w -> w.contains("hash") || w.equals("digest")
        || w.equals("encoded") || w.equals("hashed") || w.equals("crypted")
        || w.equals("bcrypt"));
    return password && hash;
  }

  /**
   * True for a method name that hands out a raw password: {@code getPassword}, {@code password},
   * {@code readPassword}, {@code getUserPwd}; not {@code checkPassword} or {@code getPasswordHash}.
   */
  public static boolean isPasswordGetter(String method) {
    List<String> words = words(method);
    if (words.isEmpty() || !isPasswordName(method)) {
      return false;
    }
    return isPasswordWord(words.get(0)) || GETTER_VERBS.contains(words.get(0));
  }

  /** True for a call whose name says it hashes, encrypts or checks a password. */
  public static boolean isHashingCall(MethodCallExpr call) {
    for (String word : words(call.getNameAsString())) {
      if (HASHING_WORDS.contains(word) || word.startsWith("hash") || word.endsWith("hash")) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code expression}'s value is, or carries, a raw password. */
  public static boolean isRawPassword(Expression expression, FileContext file) {
    return raw(expression, file, new HashMap<>(), 0);
  }

  /**
   * The raw password {@code expression} carries, when it is one: the expression itself or the
   * part of a concatenation that is.
   */
  public static boolean carriesRawPassword(Expression expression, FileContext file) {
    return isRawPassword(expression, file);
  }

  private static boolean raw(Expression expression, FileContext file,
      Map<Parameter, Expression> bindings, int depth) {
    if (expression == null || depth > MAX_DEPTH) {
      return false;
    }
    Expression e = expression;
    while (e instanceof EnclosedExpr || e instanceof CastExpr) {
      e = e instanceof EnclosedExpr enclosed ? enclosed.getInner() : ((CastExpr) e).getExpression();
    }
    if (e instanceof NameExpr name) {
      return rawName(name, file, bindings, depth);
    }
    if (e instanceof FieldAccessExpr access) {
      if (access.getScope() instanceof ThisExpr) {
        return rawField(access.getNameAsString(), access, file, bindings, depth);
      }
      return isPasswordName(access.getNameAsString())
          && !file.constantValue(access).isPresent();
    }
    if (e instanceof BinaryExpr binary) {
      return binary.getOperator() == BinaryExpr.Operator.PLUS
          && (raw(binary.getLeft(), file, bindings, depth + 1)
              || raw(binary.getRight(), file, bindings, depth + 1));
    }
    if (e instanceof ConditionalExpr conditional) {
      return raw(conditional.getThenExpr(), file, bindings, depth + 1)
          || raw(conditional.getElseExpr(), file, bindings, depth + 1);
    }
    if (e instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      return (type.equals("String") || type.equals("StringBuilder")
          || type.equals("StringBuffer") || type.equals("GuardedString"))
          && !creation.getArguments().isEmpty()
          && raw(creation.getArgument(0), file, bindings, depth + 1);
    }
    if (e instanceof MethodCallExpr call) {
      return rawCall(call, file, bindings, depth);
    }
    return false;
  }

  /** Types that can hold a password's characters; a PasswordService named passwords cannot. */
  private static final java.util.Set<String> TEXT_TYPES = java.util.Set.of(
      "String", "CharSequence", "char", "byte", "Object", "StringBuilder", "StringBuffer",
      "GuardedString", "Optional", "Secret", "SecretString", "Character");

  private static boolean rawName(NameExpr name, FileContext file,
      Map<Parameter, Expression> bindings, int depth) {
    String id = name.getNameAsString();
    Optional<String> type = file.declaredType(name)
        .map(t -> t.substring(t.lastIndexOf('.') + 1));
    if (type.isPresent() && !TEXT_TYPES.contains(type.get())) {
      return false;
    }
    if (file.constantValue(name).isPresent() && !isPasswordName(id)) {
      return false;
    }
    Optional<AssignExpr> latest = latestAssignment(name);
    if (latest.isPresent()) {
      return rawValue(latest.get().getValue(), id, file, bindings, depth);
    }
    Optional<Node> declaration = file.declarationOf(name);
    if (declaration.isEmpty()) {
      return isPasswordName(id);
    }
    if (declaration.get() instanceof Parameter parameter) {
      Expression bound = bindings.get(parameter);
      if (bound != null) {
        return raw(bound, file, bindings, depth + 1);
      }
      return isPasswordName(id) || requestParameterNamesPassword(parameter);
    }
    VariableDeclarator variable = (VariableDeclarator) declaration.get();
    boolean field = variable.getParentNode()
        .filter(p -> p instanceof com.github.javaparser.ast.body.FieldDeclaration).isPresent();
    if (field) {
      return rawField(id, name, file, bindings, depth);
    }
    return variable.getInitializer()
        .map(init -> rawValue(init, id, file, bindings, depth))
        .orElse(isPasswordName(id));
  }

  private static boolean rawField(String id, Node use, FileContext file,
      Map<Parameter, Expression> bindings, int depth) {
    return isPasswordName(id);
  }

  /** A value assigned to a variable named {@code id}: raw when it carries a password, or when the
   * name says password and the value is not visibly a hash. */
  private static boolean rawValue(Expression value, String id, FileContext file,
      Map<Parameter, Expression> bindings, int depth) {
    if (looksHashed(value)) {
      return false;
    }
    if (raw(value, file, bindings, depth + 1)) {
      return true;
    }
    Expression e = FileContext.unwrap(value);
    if (e.isNullLiteralExpr() || e.isArrayCreationExpr() || e.isLiteralExpr()
        && e.asLiteralExpr().isStringLiteralExpr() && e.asStringLiteralExpr().getValue().isEmpty()) {
      return false;
    }
    return isPasswordName(id);
  }

  /** True when the value visibly went through a hashing or checking call. */
  static boolean looksHashed(Expression value) {
    Expression e = FileContext.unwrap(value);
    if (e instanceof MethodCallExpr call && isHashingCall(call)) {
      return true;
    }
    return e.findAll(MethodCallExpr.class).stream().anyMatch(PasswordValues::isHashingCall);
  }

  private static boolean rawCall(MethodCallExpr call, FileContext file,
      Map<Parameter, Expression> bindings, int depth) {
    String method = call.getNameAsString();
    if (isHashingCall(call)) {
      return false;
    }
    Optional<Expression> scope = call.getScope();
    boolean staticLike = scope.map(s -> s instanceof NameExpr n
        && !n.getNameAsString().isEmpty() && Character.isUpperCase(n.getNameAsString().charAt(0)))
        .orElse(false);
    if (STATIC_CARRIERS.contains(method) && staticLike && !call.getArguments().isEmpty()) {
      return raw(call.getArgument(0), file, bindings, depth + 1);
    }
    if (isPasswordGetter(method) && call.getArguments().size() <= 1) {
      return true;
    }
    if (!call.getArguments().isEmpty() && isLookup(method)) {
      Optional<String> key = file.constantString(call.getArgument(0));
      if (key.isPresent()) {
        return isPasswordName(key.get());
      }
    }
    if (CARRIERS.contains(method) && scope.isPresent() && !staticLike) {
      return raw(scope.get(), file, bindings, depth + 1);
    }
    if ((scope.isEmpty() || scope.get() instanceof ThisExpr) && depth < MAX_HELPER_DEPTH
        && !call.getArguments().isEmpty()) {
      return rawHelper(call, file, bindings, depth + 4);
    }
    return false;
  }

  private static boolean isLookup(String method) {
    List<String> words = words(method);
    return !words.isEmpty() && LOOKUP_PREFIXES.contains(words.get(0));
  }

  /** A private helper of the same class whose returned value comes from a raw argument. */
  private static boolean rawHelper(MethodCallExpr call, FileContext file,
      Map<Parameter, Expression> bindings, int depth) {
    Optional<TypeDeclaration<?>> type = call.findAncestor(TypeDeclaration.class)
        .map(t -> (TypeDeclaration<?>) t);
    if (type.isEmpty()) {
      return false;
    }
    for (MethodDeclaration helper : type.get().getMethodsByName(call.getNameAsString())) {
      if (helper.getParameters().size() != call.getArguments().size()
          || helper.getBody().isEmpty() || helper.getType().isVoidType()) {
        continue;
      }
      Map<Parameter, Expression> bound = new HashMap<>(bindings);
      for (int i = 0; i < helper.getParameters().size(); i++) {
        bound.put(helper.getParameter(i), call.getArgument(i));
      }
      for (ReturnStmt ret : helper.getBody().get().findAll(ReturnStmt.class)) {
        if (ret.findAncestor(LambdaExpr.class).filter(l -> helper.isAncestorOf(l)).isPresent()) {
          continue;
        }
        if (ret.getExpression().isPresent()
            && !looksHashed(ret.getExpression().get())
            && raw(ret.getExpression().get(), file, bound, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code @RequestParam("password") String p}, {@code @FormParam("pwd")}, and the like. */
  private static boolean requestParameterNamesPassword(Parameter parameter) {
    for (AnnotationExpr annotation : parameter.getAnnotations()) {
      String value = null;
      if (annotation instanceof SingleMemberAnnotationExpr single
          && single.getMemberValue().isStringLiteralExpr()) {
        value = single.getMemberValue().asStringLiteralExpr().asString();
      } else if (annotation instanceof NormalAnnotationExpr normal) {
        for (MemberValuePair pair : normal.getPairs()) {
          if ((pair.getNameAsString().equals("value") || pair.getNameAsString().equals("name"))
              && pair.getValue().isStringLiteralExpr()) {
            value = pair.getValue().asStringLiteralExpr().asString();
          }
        }
      }
      if (value != null && isPasswordName(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The last assignment {@code name = ..} in the enclosing method that ends before the use, so
   * {@code password = encoder.encode(password); user.setPassword(password);} reads the hash.
   */
  public static Optional<AssignExpr> latestAssignment(NameExpr name) {
    Optional<Node> body = name.findAncestor(CallableDeclaration.class).map(c -> (Node) c)
        .or(() -> name.findAncestor(LambdaExpr.class).map(l -> (Node) l));
    if (body.isEmpty() || name.getBegin().isEmpty()) {
      return Optional.empty();
    }
    AssignExpr latest = null;
    for (AssignExpr assign : body.get().findAll(AssignExpr.class)) {
      if (assign.getOperator() != AssignExpr.Operator.ASSIGN
          || !(assign.getTarget() instanceof NameExpr target)
          || !target.getNameAsString().equals(name.getNameAsString())
          || assign.getEnd().isEmpty()
          || !assign.getEnd().get().isBefore(name.getBegin().get())) {
        continue;
      }
      if (latest == null || latest.getBegin().get().isBefore(assign.getBegin().get())) {
        latest = assign;
      }
    }
    return Optional.ofNullable(latest);
  }
}
