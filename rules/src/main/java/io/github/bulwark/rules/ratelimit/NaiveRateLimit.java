package io.github.bulwark.rules.ratelimit;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import io.github.bulwark.core.analysis.ExpressionText;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Confidence;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags hand-written rate limiters that do not limit: in a limiter class (named like one) or a
 * request-facing class (a filter, interceptor, controller or servlet),
 * <ul>
 *   <li>a check-then-act on shared state without a lock ({@code if (count < LIMIT) count++;},
 *       {@code if (now - last > GAP) last = now;}, {@code counter.get()} then
 *       {@code incrementAndGet()}) outside {@code synchronized}: concurrent requests all pass;
 *   <li>one timestamp or counter for every client (no per-key map) in a request-facing class, a
 *       Spring bean, or a limiter whose check takes a client key it then ignores;
 *   <li>a per-client map of attempts or buckets that only grows: entries are put but never
 *       removed, and no expiring cache holds them.
 * </ul>
 * A plain limiter object holding one client's state (a caller keeps one per key) is fine, as are
 * atomic updates ({@code incrementAndGet() > LIMIT}, {@code compareAndSet}) and maps pruned by a
 * scheduled task or an expiring cache. Test code is skipped.
 */
@RuleInfo(
    id = "NaiveRateLimit",
    family = Family.RATELIMIT,
    title = "Hand-written rate limiter that is global, racy or unbounded",
    cwe = {770, 799},
    owasp = OwaspCategory.A04_INSECURE_DESIGN,
    severity = Severity.MEDIUM,
    confidence = Confidence.MEDIUM,
    description = "A limiter with one counter for everyone lets one attacker lock every user out "
        + "(or spread guesses over the shared budget); an unsynchronised check-then-act lets a "
        + "burst of parallel requests through; a map of attempts that is never pruned grows "
        + "with every spoofed IP until the server runs out of memory.",
    fix = "Use a per-key, bounded, thread-safe limiter: before `if (count < LIMIT) { count++; }` "
        + "after `RateLimiter limiter = RateLimiter.perKey().capacity(5).refillEvery("
        + "Duration.ofMinutes(1)).build(); if (!limiter.tryAcquire(clientKey).allowed()) ...`.",
    helper = "io.github.bulwark.runtime.RateLimiter")
public final class NaiveRateLimit implements NodeRule<ClassOrInterfaceDeclaration> {

  private static final Pattern LIMITER_CLASS = Pattern.compile(
      "(?i).*(ratelimit|limiter|throttl|bucket|quota|bruteforce|loginattempt|attemptservice|"
          + "requestcounter|floodprotect|antiflood).*");
  private static final Set<String> STATE_WORDS = Set.of(
      "last", "count", "counter", "counts", "requests", "hits", "calls", "attempts", "tokens",
      "permits", "window", "timestamp", "used", "available", "remaining", "current");
  /** Words of configuration, not state: a limit is compared against, never counted. */
  private static final Set<String> CONFIG_WORDS = Set.of(
      "max", "min", "limit", "capacity", "size", "rate", "interval", "period", "duration",
      "timeout", "threshold", "per", "refill", "allowed", "default", "lock", "mutex", "ms",
      "initial", "burst");
  private static final Set<String> MAP_WORDS = Set.of(
      "attempts", "attempt", "buckets", "bucket", "limiters", "limiter", "requests", "hits",
      "counts", "counters", "counter", "windows", "timestamps", "last", "calls", "clients",
      "throttle", "rate", "ips", "blocked", "failures", "failed", "usage");
  private static final Set<String> SCALAR_TYPES = Set.of(
      "long", "int", "Long", "Integer", "double", "AtomicInteger", "AtomicLong", "LongAdder",
      "Instant", "LocalDateTime", "short");
  private static final Set<String> GROWING_CALLS = Set.of(
      "put", "putIfAbsent", "computeIfAbsent", "compute", "merge");
  private static final Set<String> PRUNING_CALLS = Set.of(
      "remove", "clear", "removeIf", "invalidate", "invalidateAll", "retainAll", "removeAll",
      "cleanUp", "evict", "pollFirstEntry", "headMap", "replaceAll");
  private static final Set<String> WRITE_CALLS = Set.of(
      "set", "incrementAndGet", "getAndIncrement", "addAndGet", "getAndAdd", "lazySet",
      "decrementAndGet", "getAndDecrement", "getAndSet", "increment", "add", "reset");
  private static final Set<String> KEY_PARAMS = Set.of(
      "key", "ip", "client", "user", "username", "address", "remote", "account", "id", "login",
      "email", "tenant", "request", "caller", "principal");
  private static final Set<String> REQUEST_TYPES = Set.of(
      "Filter", "HandlerInterceptor", "OncePerRequestFilter", "GenericFilterBean",
      "HttpServlet", "ContainerRequestFilter", "HandlerInterceptorAdapter", "WebFilter",
      "GatewayFilter", "GlobalFilter");
  private static final Set<String> BEAN_ANNOTATIONS = Set.of(
      "Component", "Service", "RestController", "Controller", "Singleton", "ApplicationScoped",
      "WebFilter", "WebServlet", "Configuration", "Provider");

  @Override
  public Class<ClassOrInterfaceDeclaration> nodeType() {
    return ClassOrInterfaceDeclaration.class;
  }

  @Override
  public void check(ClassOrInterfaceDeclaration type, FileContext file, Findings findings) {
    if (file.isTestCode() || type.isInterface()) {
      return;
    }
    boolean limiterClass = LIMITER_CLASS.matcher(type.getNameAsString()).matches();
    boolean requestFacing = requestFacing(type);
    if (!limiterClass && !requestFacing) {
      return;
    }
    List<VariableDeclarator> maps = new ArrayList<>();
    List<VariableDeclarator> scalars = new ArrayList<>();
    for (FieldDeclaration field : type.getFields()) {
      for (VariableDeclarator variable : field.getVariables()) {
        String written = variable.getTypeAsString();
        String rawType = written.replaceAll("<.*", "");
        if (rawType.endsWith("Map")) {
          maps.add(variable);
        } else if (SCALAR_TYPES.contains(rawType) && isStateName(variable.getNameAsString())
            && !(field.isFinal() && Character.isLowerCase(rawType.charAt(0)))) {
          scalars.add(variable);
        }
      }
    }
    for (VariableDeclarator map : maps) {
      checkUnboundedMap(type, map, limiterClass, findings);
    }
    boolean perKey = !maps.isEmpty()
        || type.getFields().stream().anyMatch(f -> f.getElementType().asString()
            .matches("(?s).*(Cache|LoadingCache|Bucket|RateLimiter|ProxyManager).*"));
    for (VariableDeclarator scalar : scalars) {
      Optional<IfStmt> race = uncheckedCheckThenAct(type, scalar.getNameAsString());
      if (race.isPresent()) {
        findings.report(race.get().getCondition(), "check-then-act on shared '%s' runs without a "
            + "lock; concurrent requests all read the old value and all pass the limit",
            scalar.getNameAsString());
        return;
      }
    }
    if (perKey) {
      return;
    }
    boolean ignoresKey = type.getMethods().stream().anyMatch(NaiveRateLimit::takesClientKey);
    boolean shared = requestFacing || ignoresKey
        || type.getAnnotations().stream()
            .anyMatch(a -> BEAN_ANNOTATIONS.contains(a.getName().getIdentifier()))
        || scalars.stream().anyMatch(s -> s.getParentNode()
            .map(p -> ((FieldDeclaration) p).isStatic()).orElse(false));
    if (!shared) {
      return; // one limiter object per client is a fine design; callers decide
    }
    for (VariableDeclarator scalar : scalars) {
      if (comparedInMethod(type, scalar.getNameAsString()) && writtenInMethod(type, scalar)) {
        findings.report(scalar, "'%s' is one %s shared by every client; one caller uses up the "
            + "budget of all (or spreads guesses across it) because nothing is kept per key",
            scalar.getNameAsString(),
            Endpoints.words(scalar.getNameAsString()).contains("last")
                || scalar.getTypeAsString().matches("Instant|LocalDateTime")
                ? "timestamp" : "counter");
        return;
      }
    }
  }

  private static boolean requestFacing(ClassOrInterfaceDeclaration type) {
    boolean extendsRequestType = type.getExtendedTypes().stream()
        .anyMatch(t -> REQUEST_TYPES.contains(t.getNameAsString()))
        || type.getImplementedTypes().stream()
            .anyMatch(t -> REQUEST_TYPES.contains(t.getNameAsString()));
    return extendsRequestType || type.getMethods().stream()
        .anyMatch(m -> Endpoints.route(m).isPresent());
  }

  private static boolean isStateName(String name) {
    List<String> words = Endpoints.words(name);
    return words.stream().anyMatch(STATE_WORDS::contains)
        && words.stream().noneMatch(CONFIG_WORDS::contains);
  }

  private static boolean takesClientKey(MethodDeclaration method) {
    if (method.isPrivate() || method.getParameters().isEmpty()) {
      return false;
    }
    List<String> words = Endpoints.words(method.getNameAsString());
    boolean checks = words.stream().anyMatch(w -> Set.of("allow", "allowed", "acquire",
        "consume", "check", "limit", "throttle", "permit", "hit", "record").contains(w));
    return checks && method.getParameters().stream().anyMatch(p -> {
      List<String> parameterWords = Endpoints.words(p.getNameAsString());
      return parameterWords.stream().anyMatch(KEY_PARAMS::contains);
    });
  }

  private static void checkUnboundedMap(ClassOrInterfaceDeclaration type, VariableDeclarator map,
      boolean limiterClass, Findings findings) {
    String name = map.getNameAsString();
    List<String> words = Endpoints.words(name);
    boolean stateMap = words.stream().anyMatch(MAP_WORDS::contains)
        || limiterClass && words.stream().noneMatch(w -> w.equals("config") || w.equals("rules")
            || w.equals("limits") || w.equals("policies") || w.equals("settings"));
    String initializer = map.getInitializer().map(Object::toString).orElse("");
    if (!stateMap || map.getTypeAsString().contains("Cache") || initializer.contains("Cache")
        || initializer.contains("expir") || initializer.contains("Collections.synchronizedMap(new LinkedHashMap")
        || initializer.startsWith("Map.of") || initializer.contains("ExpiringMap")) {
      return;
    }
    String text = type.toString();
    if (text.contains("removeEldestEntry") || text.contains("expireAfter")) {
      return;
    }
    boolean grows = false;
    for (MethodCallExpr call : type.findAll(MethodCallExpr.class)) {
      if (!call.getScope().map(s -> refersTo(s, name)
          || ExpressionText.of(s).startsWith(name + ".")
          || ExpressionText.of(s).startsWith("this." + name + ".")).orElse(false)) {
        continue;
      }
      if (PRUNING_CALLS.contains(call.getNameAsString())) {
        return;
      }
      if (GROWING_CALLS.contains(call.getNameAsString())
          && call.findAncestor(com.github.javaparser.ast.body.ConstructorDeclaration.class)
              .isEmpty()) {
        grows = true;
      }
    }
    // compute(key, (k, v) -> ... null) removes too; a computeIfPresent returning null as well.
    if (grows && !text.contains("computeIfPresent")) {
      findings.report(map, "'%s' gains an entry for every client key and nothing ever removes "
          + "one; spoofed keys grow it until the server runs out of memory", name);
    }
  }

  /** An {@code if} reading {@code field} whose method then writes it, with no lock held. */
  private static Optional<IfStmt> uncheckedCheckThenAct(ClassOrInterfaceDeclaration type,
      String field) {
    for (MethodDeclaration method : type.getMethods()) {
      if (method.isSynchronized() || method.getBody().isEmpty()
          || method.toString().contains(".lock()") || method.toString().contains("compareAndSet")
          || method.toString().contains("tryLock")) {
        continue;
      }
      for (IfStmt ifStmt : method.findAll(IfStmt.class)) {
        if (ifStmt.findAncestor(SynchronizedStmt.class).isPresent()
            || !readsInComparison(ifStmt.getCondition(), field)) {
          continue;
        }
        if (writesPlainly(ifStmt.getThenStmt(), field) || ifStmt.getElseStmt()
            .map(e -> writesPlainly(e, field)).orElse(false) || writesAfter(method, ifStmt, field)) {
          return Optional.of(ifStmt);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean readsInComparison(Expression condition, String field) {
    List<BinaryExpr> comparisons = new ArrayList<>(condition.findAll(BinaryExpr.class));
    for (BinaryExpr comparison : comparisons) {
      switch (comparison.getOperator()) {
        case LESS, LESS_EQUALS, GREATER, GREATER_EQUALS -> {
          boolean plainRead = comparison.findAll(Expression.class).stream()
              .anyMatch(e -> refersTo(e, field) && !atomicUpdate(e));
          boolean atomicRead = comparison.findAll(MethodCallExpr.class).stream().anyMatch(c ->
              c.getScope().map(s -> refersTo(s, field)).orElse(false)
                  && (c.getNameAsString().equals("get") || c.getNameAsString().equals("sum")
                      || c.getNameAsString().equals("intValue")));
          if (plainRead && comparison.findAll(MethodCallExpr.class).stream().noneMatch(c ->
              c.getScope().map(s -> refersTo(s, field)).orElse(false)
                  && WRITE_CALLS.contains(c.getNameAsString())) || atomicRead) {
            return true;
          }
        }
        default -> { }
      }
    }
    return false;
  }

  private static boolean atomicUpdate(Expression e) {
    return e.getParentNode().filter(p -> p instanceof MethodCallExpr call
        && call.getScope().map(s -> s == e).orElse(false)
        && WRITE_CALLS.contains(call.getNameAsString())).isPresent();
  }

  private static boolean writesPlainly(Node scope, String field) {
    for (AssignExpr assign : scope.findAll(AssignExpr.class)) {
      if (refersTo(assign.getTarget(), field)) {
        return true;
      }
    }
    for (UnaryExpr unary : scope.findAll(UnaryExpr.class)) {
      if (unary.getOperator().isPostfix() || unary.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
          || unary.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT) {
        if (refersTo(unary.getExpression(), field)) {
          return true;
        }
      }
    }
    for (MethodCallExpr call : scope.findAll(MethodCallExpr.class)) {
      if (WRITE_CALLS.contains(call.getNameAsString())
          && call.getScope().map(s -> refersTo(s, field)).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  private static boolean writesAfter(MethodDeclaration method, IfStmt ifStmt, String field) {
    int ifEnd = ifStmt.getEnd().map(p -> p.line).orElse(Integer.MAX_VALUE);
    return method.getBody().get().getStatements().stream()
        .filter(s -> s.getBegin().map(p -> p.line > ifEnd).orElse(false))
        .anyMatch(s -> writesPlainly(s, field));
  }

  private static boolean comparedInMethod(ClassOrInterfaceDeclaration type, String field) {
    return type.getMethods().stream().anyMatch(m -> m.findAll(BinaryExpr.class).stream()
        .anyMatch(b -> Set.of(BinaryExpr.Operator.LESS, BinaryExpr.Operator.LESS_EQUALS,
            BinaryExpr.Operator.GREATER, BinaryExpr.Operator.GREATER_EQUALS)
            .contains(b.getOperator())
            && b.findAll(Expression.class).stream().anyMatch(e -> refersTo(e, field))));
  }

  private static boolean writtenInMethod(ClassOrInterfaceDeclaration type, VariableDeclarator v) {
    return type.getMethods().stream().anyMatch(m -> writesPlainly(m, v.getNameAsString()));
  }

  private static boolean refersTo(Expression expression, String field) {
    return expression instanceof NameExpr name && name.getNameAsString().equals(field)
        || expression instanceof FieldAccessExpr access && access.getNameAsString().equals(field)
            && (access.getScope() instanceof ThisExpr || access.getScope() instanceof NameExpr);
  }
}
