package io.github.bulwark.rules.secrets;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a string value goes, as far as one file shows it: into a variable, field, parameter,
 * annotation member or getter whose name may say "secret", or into an API that takes a
 * credential (a JDBC password, a Basic-auth password, a key store password, a JWT or HMAC key, an
 * {@code Authorization} header).
 */
final class CredentialSinks {

  /** How a destination judges the value that reaches it. */
  enum Mode {
    /** Judged against a name by {@link SecretPatterns#isSecretAssignment}. */
    NAME,
    /** An API parameter that takes a credential: any value that is not a placeholder. */
    CREDENTIAL,
    /** The value of an {@code Authorization} header: a scheme and a credential. */
    AUTHORIZATION
  }

  /** One destination of a value and the sentence a finding says about it. */
  record Sink(Mode mode, String name, String message) {
    static Sink named(String name, String message) {
      return new Sink(Mode.NAME, name, message);
    }

    static Sink holder(String name) {
      return named(name, "'" + name + "' holds a hard-coded credential");
    }

    static Sink credential(String message) {
      return new Sink(Mode.CREDENTIAL, "", message);
    }
  }

  /** Calls that take a password or key at a fixed position; -1 means the last argument. */
  private record Position(int arity, int index, String what) {}

  private static final Map<String, List<Position>> CREDENTIAL_METHODS = Map.ofEntries(
      Map.entry("getConnection", List.of(new Position(3, 2, "database password"),
          new Position(2, 1, "database password"))),
      Map.entry("login", List.of(new Position(2, 1, "password"))),
      Map.entry("basicAuthentication", List.of(new Position(2, 1, "Basic-auth password"))),
      Map.entry("basicAuth", List.of(new Position(2, 1, "Basic-auth password"))),
      Map.entry("setBasicAuth", List.of(new Position(2, 1, "Basic-auth password"),
          new Position(3, 1, "Basic-auth password"))),
      Map.entry("withBasicAuth", List.of(new Position(2, 1, "Basic-auth password"))),
      Map.entry("basic", List.of(new Position(2, 1, "Basic-auth password"))),
      Map.entry("preemptive", List.of(new Position(2, 1, "Basic-auth password"))),
      Map.entry("hmacShaKeyFor", List.of(new Position(1, 0, "JWT signing key"))),
      Map.entry("HMAC256", List.of(new Position(1, 0, "JWT signing key"))),
      Map.entry("HMAC384", List.of(new Position(1, 0, "JWT signing key"))),
      Map.entry("HMAC512", List.of(new Position(1, 0, "JWT signing key"))),
      Map.entry("signWith", List.of(new Position(1, 0, "JWT signing key"),
          new Position(2, -1, "JWT signing key"), new Position(2, 0, "JWT signing key"))),
      Map.entry("setSigningKey", List.of(new Position(1, 0, "JWT signing key"),
          new Position(2, -1, "JWT signing key"))),
      Map.entry("signingKey", List.of(new Position(1, 0, "JWT signing key"))));

  private static final Map<String, Position> CREDENTIAL_TYPES = Map.ofEntries(
      Map.entry("PasswordAuthentication", new Position(2, 1, "password")),
      Map.entry("UsernamePasswordCredentials", new Position(2, 1, "password")),
      Map.entry("UsernamePasswordAuthenticationToken", new Position(2, 1, "password")),
      Map.entry("BasicAuthenticationInterceptor", new Position(2, 1, "Basic-auth password")),
      Map.entry("BasicAuthRequestInterceptor", new Position(2, 1, "Basic-auth password")),
      Map.entry("HttpBasicAuthFilter", new Position(2, 1, "Basic-auth password")),
      Map.entry("NTCredentials", new Position(-1, 1, "password")),
      Map.entry("SimpleCredentials", new Position(2, 1, "password")),
      Map.entry("PasswordCredential", new Position(2, 1, "password")),
      Map.entry("DriverManagerDataSource", new Position(3, 2, "database password")),
      Map.entry("SimpleDriverDataSource", new Position(4, 3, "database password")),
      Map.entry("SecretKeySpec", new Position(-1, 0, "key")),
      Map.entry("PBEKeySpec", new Position(-1, 0, "password")),
      Map.entry("PasswordProtection", new Position(-1, 0, "key store password")),
      Map.entry("MACSigner", new Position(1, 0, "JWT signing key")),
      Map.entry("MACVerifier", new Position(1, 0, "JWT signing key")),
      Map.entry("HmacKey", new Position(1, 0, "JWT signing key")));

  /** Key store calls that take a {@code char[]} password anywhere after their first argument. */
  private static final Set<String> KEY_STORE_METHODS =
      Set.of("load", "store", "getKey", "setKeyEntry", "init", "getEntry", "getInstance");

  /** Calls that put a key and its value: maps, properties, query and form parameters, headers. */
  private static final Set<String> PAIR_METHODS = Set.of(
      "put", "putIfAbsent", "setProperty", "set", "add", "param", "queryParam", "formParam",
      "addParameter", "setParameter", "parameter", "option", "property", "withProperty",
      "addProperty", "header", "setHeader", "addHeader", "defaultHeader", "setRequestProperty",
      "addRequestProperty", "append", "field", "addFormDataPart", "with", "addQueryParam",
      "setQueryParam", "queryParameter", "addHeaderValue");
  /** Lookups with a fallback: {@code env.getProperty("jwt.secret", "fallback")}. */
  private static final Set<String> DEFAULT_METHODS =
      Set.of("getProperty", "getOrDefault", "getString", "getValue", "getenv");
  /** Calls that list keys and values alternately: {@code Map.of("user", u, "password", p)}. */
  private static final Set<String> PAIR_LIST_METHODS = Set.of("of", "entry", "ofEntries");

  /** Calls whose result still is the string they get: the value flows through them. */
  private static final Set<String> PASS_THROUGH_ON_SCOPE = Set.of(
      "toCharArray", "getBytes", "trim", "strip", "intern", "toString");
  private static final Set<String> PASS_THROUGH_ON_ARGUMENT = Set.of(
      "decode", "decodeBase64", "parseBase64Binary", "parseHexBinary", "decodeHex", "encode",
      "valueOf", "copyValueOf", "wrap");

  private CredentialSinks() {}

  /**
   * The outermost expression that still carries {@code value}'s content: through parentheses,
   * casts, conditional branches, array initialisers, {@code toCharArray()}, {@code getBytes()}
   * and decoders.
   */
  static Expression carrier(Expression value) {
    Expression current = value;
    while (current.getParentNode().isPresent()) {
      Node parent = current.getParentNode().get();
      if (parent instanceof EnclosedExpr || parent instanceof CastExpr
          || parent instanceof ArrayInitializerExpr || parent instanceof ArrayCreationExpr
          || (parent instanceof ConditionalExpr conditional
              && conditional.getCondition() != current)) {
        current = (Expression) parent;
      } else if (parent instanceof MethodCallExpr call
          && ((call.getScope().orElse(null) == current
                  && PASS_THROUGH_ON_SCOPE.contains(call.getNameAsString()))
              || (call.getArguments().contains(current)
                  && PASS_THROUGH_ON_ARGUMENT.contains(call.getNameAsString())))) {
        current = call;
      } else {
        return current;
      }
    }
    return current;
  }

  /** Where {@code carrier} ends up, in the order a finding should name them. */
  static List<Sink> of(Expression carrier, FileContext file) {
    List<Sink> sinks = new ArrayList<>();
    Node parent = carrier.getParentNode().orElse(null);
    if (parent instanceof VariableDeclarator variable && variable.getInitializer()
        .filter(i -> i == carrier).isPresent()) {
      sinks.add(Sink.holder(variable.getNameAsString()));
    } else if (parent instanceof AssignExpr assign && assign.getValue() == carrier) {
      nameOf(assign.getTarget()).ifPresent(name -> sinks.add(Sink.holder(name)));
    } else if (parent instanceof MemberValuePair pair) {
      annotationMember(pair, file).ifPresent(sinks::add);
    } else if (parent instanceof SingleMemberAnnotationExpr annotation
        && isValueInjection(annotation.getNameAsString())) {
      annotatedName(annotation).ifPresent(name -> sinks.add(Sink.holder(name)));
    } else if (parent instanceof AnnotationMemberDeclaration member) {
      sinks.add(Sink.named(member.getNameAsString(),
          member.getNameAsString() + "() defaults to a hard-coded credential"));
    } else if (parent instanceof ReturnStmt) {
      carrier.findAncestor(MethodDeclaration.class).ifPresent(method -> {
        String property = propertyName(method.getNameAsString());
        sinks.add(Sink.named(property,
            method.getNameAsString() + "() returns a hard-coded credential"));
      });
    } else if (parent instanceof MethodCallExpr call) {
      callSinks(call, carrier, file, sinks);
    } else if (parent instanceof ObjectCreationExpr creation) {
      creationSinks(creation, carrier, file, sinks);
    } else if (parent instanceof EnumConstantDeclaration constant) {
      int index = constant.getArguments().indexOf(carrier);
      constant.findAncestor(EnumDeclaration.class).ifPresent(type ->
          parameterSink(type.getConstructors(), constant.getArguments().size(), index,
              type.getNameAsString()).ifPresent(sinks::add));
    }
    return sinks;
  }

  private static void callSinks(
      MethodCallExpr call, Expression carrier, FileContext file, List<Sink> sinks) {
    String method = call.getNameAsString();
    NodeList<Expression> arguments = call.getArguments();
    int index = indexOf(arguments, carrier);
    if (index < 0) {
      // "s3cr3t".equals(password)
      if (isEquality(method) && arguments.size() == 1) {
        nameOf(arguments.get(0)).ifPresent(name -> sinks.add(comparison(name)));
      }
      return;
    }
    if (isEquality(method)) {
      Optional<Expression> other = arguments.size() == 1 ? call.getScope()
          : arguments.size() == 2 ? Optional.of(arguments.get(1 - index)) : Optional.empty();
      other.flatMap(CredentialSinks::nameOf).ifPresent(name -> sinks.add(comparison(name)));
      return;
    }
    for (Position position : CREDENTIAL_METHODS.getOrDefault(method, List.of())) {
      if (position.arity() == arguments.size() && at(position, arguments) == index
          && (!method.equals("basic") && !method.equals("login") || call.getScope().isPresent())) {
        sinks.add(Sink.credential(
            "a hard-coded " + position.what() + " is passed to " + method + "()"));
        return;
      }
    }
    if (KEY_STORE_METHODS.contains(method) && index > 0 && isCharArray(carrier, file)) {
      sinks.add(Sink.credential("a hard-coded key store password is passed to " + method + "()"));
      return;
    }
    if (arguments.size() == 1) {
      Optional<String> property = writtenProperty(method);
      if (property.isPresent()) {
        sinks.add(Sink.named(property.get(), method + "() gets a hard-coded credential"));
        return;
      }
    }
    if (DEFAULT_METHODS.contains(method) && arguments.size() == 2 && index == 1) {
      file.constantString(arguments.get(0)).ifPresent(key -> sinks.add(Sink.named(key,
          "the fallback of '" + key + "' is a hard-coded credential")));
      return;
    }
    pairKey(call, index, file).ifPresent(key -> {
      if (isAuthorizationHeader(key)) {
        sinks.add(new Sink(Mode.AUTHORIZATION, key,
            "the " + key + " header carries a hard-coded credential"));
      } else {
        sinks.add(Sink.named(key, "'" + key + "' is set to a hard-coded credential"));
      }
    });
    if (sinks.isEmpty() && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr)) {
      parameterSink(file.methodsNamed(method), arguments.size(), index, method)
          .ifPresent(sinks::add);
    }
  }

  private static void creationSinks(
      ObjectCreationExpr creation, Expression carrier, FileContext file, List<Sink> sinks) {
    String type = creation.getType().getNameAsString();
    int index = indexOf(creation.getArguments(), carrier);
    if (index < 0) {
      return;
    }
    Position position = CREDENTIAL_TYPES.get(type);
    if (position != null && (position.arity() < 0 || position.arity() == creation.getArguments().size())
        && at(position, creation.getArguments()) == index) {
      sinks.add(Sink.credential(
          "a hard-coded " + position.what() + " is passed to new " + type + "()"));
      return;
    }
    for (TypeDeclaration<?> declared : file.typesNamed(type)) {
      List<CallableDeclaration<?>> constructors = new ArrayList<>(declared.getConstructors());
      if (declared instanceof RecordDeclaration record) {
        if (record.getParameters().size() == creation.getArguments().size()) {
          Parameter component = record.getParameter(index);
          sinks.add(parameter(component.getNameAsString(), type));
          return;
        }
      }
      parameterSink(constructors, creation.getArguments().size(), index, type)
          .ifPresent(sinks::add);
    }
  }

  /** A parameter name of a same-file method or constructor with this arity, when all agree. */
  private static Optional<Sink> parameterSink(
      List<? extends CallableDeclaration<?>> callables, int arity, int index, String owner) {
    String found = null;
    for (CallableDeclaration<?> callable : callables) {
      NodeList<Parameter> parameters = callable.getParameters();
      if (parameters.size() != arity || parameters.stream().anyMatch(Parameter::isVarArgs)) {
        continue;
      }
      String name = parameters.get(index).getNameAsString();
      if (found != null && !found.equals(name)) {
        return Optional.empty();
      }
      found = name;
    }
    String name = found;
    return Optional.ofNullable(name).map(n -> parameter(n, owner));
  }

  /** The key of a key/value call: the constant before the value, when there is one. */
  private static Optional<String> pairKey(MethodCallExpr call, int index, FileContext file) {
    String method = call.getNameAsString();
    NodeList<Expression> arguments = call.getArguments();
    boolean pair = PAIR_METHODS.contains(method) && arguments.size() == 2 && index == 1;
    boolean listed = PAIR_LIST_METHODS.contains(method) && index % 2 == 1;
    if (!pair && !listed) {
      return Optional.empty();
    }
    Expression key = arguments.get(index - 1);
    Optional<String> constant = file.constantString(key);
    if (constant.isPresent()) {
      return constant;
    }
    // HttpHeaders.AUTHORIZATION and friends, declared in a library the file cannot fold.
    String written = key instanceof FieldAccessExpr access ? access.getNameAsString()
        : key instanceof NameExpr name ? name.getNameAsString() : "";
    return written.equals("AUTHORIZATION") || written.equals("PROXY_AUTHORIZATION")
        ? Optional.of("Authorization") : Optional.empty();
  }

  static boolean isAuthorizationHeader(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.equals("authorization") || k.equals("proxy-authorization");
  }

  private static Optional<Sink> annotationMember(MemberValuePair pair, FileContext file) {
    String member = pair.getNameAsString();
    Optional<Node> annotation = pair.getParentNode();
    if ((member.equals("defaultValue") || member.equals("value"))
        && annotation.isPresent() && annotation.get() instanceof NormalAnnotationExpr normal) {
      // @ConfigProperty(name = "db.password", defaultValue = "s3cr3t")
      for (MemberValuePair sibling : normal.getPairs()) {
        if (sibling != pair && (sibling.getNameAsString().equals("name")
            || sibling.getNameAsString().equals("key"))) {
          Optional<String> key = file.constantString(sibling.getValue());
          if (key.isPresent() && member.equals("defaultValue")) {
            return Optional.of(Sink.named(key.get(),
                "the default of '" + key.get() + "' is a hard-coded credential"));
          }
        }
      }
      if (member.equals("value") && isValueInjection(normal.getNameAsString())) {
        return annotatedName(normal).map(Sink::holder);
      }
      return Optional.empty();
    }
    return Optional.of(Sink.named(member, "'" + member + "' is set to a hard-coded credential"));
  }

  /**
   * Annotations whose value is what the annotated element holds: Spring's {@code @Value}. Others
   * ({@code @SuppressWarnings}, {@code @Named}, {@code @JsonProperty}) say something about it.
   */
  private static boolean isValueInjection(String annotation) {
    return annotation.equals("Value")
        || annotation.equals("org.springframework.beans.factory.annotation.Value");
  }

  /** The field, parameter or method an annotation sits on. */
  private static Optional<String> annotatedName(Node annotation) {
    Node owner = annotation.getParentNode().orElse(null);
    if (owner instanceof FieldDeclaration field && field.getVariables().size() == 1) {
      return Optional.of(field.getVariable(0).getNameAsString());
    }
    if (owner instanceof Parameter parameter) {
      return Optional.of(parameter.getNameAsString());
    }
    if (owner instanceof MethodDeclaration method) {
      return Optional.of(propertyName(method.getNameAsString()));
    }
    return Optional.empty();
  }

  /** The name an expression reads: {@code password}, {@code this.password}, {@code getPassword()}. */
  static Optional<String> nameOf(Expression expression) {
    Expression e = FileContext.unwrap(expression);
    if (e instanceof NameExpr name) {
      return Optional.of(name.getNameAsString());
    }
    if (e instanceof FieldAccessExpr access) {
      return Optional.of(access.getNameAsString());
    }
    if (e instanceof MethodCallExpr call && call.getArguments().isEmpty()) {
      return Optional.of(propertyName(call.getNameAsString()));
    }
    return Optional.empty();
  }

  /**
   * The secret a one-argument call writes: a setter ({@code setPassword}), a wither
   * ({@code withApiKey}) or a builder step named after it ({@code password}, {@code clientSecret}).
   * Lookups ({@code getPassword(alias)}, {@code vault.secret(path)}) do not write anything.
   */
  private static Optional<String> writtenProperty(String method) {
    for (String prefix : List.of("set", "with")) {
      if (method.length() > prefix.length() && method.startsWith(prefix)
          && Character.isUpperCase(method.charAt(prefix.length()))) {
        String property = method.substring(prefix.length());
        return SecretPatterns.isSecretName(property) ? Optional.of(property) : Optional.empty();
      }
    }
    List<String> words = SecretPatterns.words(method);
    boolean bare = !words.isEmpty() && Set.of("password", "passwd", "passphrase", "apikey",
        "secret", "token", "key", "credentials").contains(words.get(words.size() - 1))
        && !Set.of("get", "find", "read", "load", "fetch", "resolve", "lookup", "require",
            "check", "validate", "verify", "encode", "hash", "decode", "is", "has", "reset",
            "generate", "create", "new", "parse", "revoke", "refresh", "rotate", "secret")
            .contains(words.get(0));
    return bare && SecretPatterns.isSecretName(method) ? Optional.of(method) : Optional.empty();
  }

  /** {@code getPassword} → {@code Password}; {@code withApiKey} → {@code ApiKey}. */
  static String propertyName(String method) {
    for (String prefix : List.of("get", "set", "with", "is")) {
      if (method.length() > prefix.length() && method.startsWith(prefix)
          && Character.isUpperCase(method.charAt(prefix.length()))) {
        return method.substring(prefix.length());
      }
    }
    return method;
  }

  private static boolean isEquality(String method) {
    return method.equals("equals") || method.equals("equalsIgnoreCase")
        || method.equals("contentEquals");
  }

  /** {@code "..".toCharArray()}, or a name initialised with one. */
  private static boolean isCharArray(Expression carrier, FileContext file) {
    Expression e = carrier instanceof NameExpr name
        ? file.initializerOf(name).orElse(carrier) : carrier;
    return e instanceof MethodCallExpr call && call.getNameAsString().equals("toCharArray");
  }

  private static Sink comparison(String name) {
    return Sink.named(name, "'" + name + "' is compared with a hard-coded credential");
  }

  private static Sink parameter(String name, String owner) {
    return Sink.named(name,
        "a hard-coded credential is passed as '" + name + "' of " + owner);
  }

  private static int at(Position position, NodeList<Expression> arguments) {
    return position.index() < 0 ? arguments.size() - 1 : position.index();
  }

  private static int indexOf(NodeList<Expression> arguments, Expression carrier) {
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i) == carrier) {
        return i;
      }
    }
    return -1;
  }
}
