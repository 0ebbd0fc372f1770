package io.github.bulwark.core.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.*;
import com.github.javaparser.ast.stmt.*;
import io.github.bulwark.core.analysis.FileContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Interprets one method body over abstract values: walks statements in order, forks and joins
 * at branches (skipping branches whose condition folds to a constant), runs loop bodies until
 * nothing changes, and records the value of every expression it evaluates so rules can ask about
 * any sink argument afterwards. Parameters start symbolic (so the same run yields the method's
 * summary), except those bound to request data, which start tainted.
 */
final class Interpreter {

  private static final int LOOP_ROUNDS = 3;
  private static final int MAX_STEPS = 200_000;

  private final TaintAnalysis analysis;
  private final FileContext file;
  private final Map<Node, Value> recorded = new IdentityHashMap<>();
  private final Deque<List<State>> breakTargets = new ArrayDeque<>();
  private Value returned;
  private int steps;

  Interpreter(TaintAnalysis analysis, FileContext file) {
    this.analysis = analysis;
    this.file = file;
  }

  Map<Node, Value> recorded() {
    return recorded;
  }

  Value returned() {
    return returned;
  }

  /** Runs a method, constructor or lambda body with its parameters bound. */
  void run(Node callable) {
    State state = new State();
    NodeList<Parameter> parameters = callable instanceof CallableDeclaration<?> c
        ? c.getParameters() : callable instanceof LambdaExpr l ? l.getParameters()
        : new NodeList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter parameter = parameters.get(i);
      state.set(parameter.getNameAsString(), entryValue(parameter, i));
    }
    Statement body = null;
    if (callable instanceof com.github.javaparser.ast.body.MethodDeclaration method) {
      body = method.getBody().orElse(null);
    } else if (callable instanceof com.github.javaparser.ast.body.ConstructorDeclaration ctor) {
      body = ctor.getBody();
    } else if (callable instanceof LambdaExpr lambda) {
      body = lambda.getBody();
    } else if (callable instanceof com.github.javaparser.ast.body.InitializerDeclaration init) {
      body = init.getBody();
    }
    if (body != null) {
      if (body instanceof ExpressionStmt expression) {
        returned = Value.merge(returned, eval(expression.getExpression(), state));
      } else {
        exec(body, state);
      }
    }
  }

  private Value entryValue(Parameter parameter, int index) {
    String type = parameter.getType().asString();
    if (TaintModel.isRequestType(type)) {
      return Value.requestObject();
    }
    boolean annotated = parameter.getAnnotations().stream()
        .anyMatch(a -> TaintModel.SOURCE_ANNOTATIONS.contains(
            a.getName().getIdentifier()));
    if (annotated || TaintModel.isUploadType(type) || isJaxRsEntity(parameter)) {
      return Value.tainted(Taint.source(TaintAnalysis.step(parameter,
          "request data bound to parameter '" + parameter.getNameAsString() + "'")));
    }
    return Value.tainted(Taint.parameter(index));
  }

  /** A JAX-RS resource method's one unannotated parameter is the request entity. */
  private static boolean isJaxRsEntity(Parameter parameter) {
    if (!parameter.getAnnotations().isEmpty()) {
      return false;
    }
    Optional<Node> parent = parameter.getParentNode();
    if (parent.isEmpty() || !(parent.get() instanceof CallableDeclaration<?> method)) {
      return false;
    }
    boolean resource = method.getAnnotations().stream().map(a -> a.getName().getIdentifier())
        .anyMatch(name -> name.equals("POST") || name.equals("PUT") || name.equals("PATCH"));
    String type = parameter.getType().asString();
    return resource && !type.endsWith("Context") && !type.equals("UriInfo")
        && !type.equals("HttpHeaders") && !type.equals("SecurityContext")
        && !type.equals("AsyncResponse") && !type.equals("Request");
  }

  // ---------------------------------------------------------------- statements

  private void exec(Statement statement, State state) {
    if (state.dead || ++steps > MAX_STEPS) {
      return;
    }
    if (statement instanceof BlockStmt block) {
      for (Statement inner : block.getStatements()) {
        exec(inner, state);
        if (state.dead) {
          return;
        }
      }
    } else if (statement instanceof ExpressionStmt expression) {
      eval(expression.getExpression(), state);
    } else if (statement instanceof IfStmt ifStmt) {
      execIf(ifStmt, state);
    } else if (statement instanceof ReturnStmt ret) {
      if (ret.getExpression().isPresent()) {
        returned = Value.merge(returned, eval(ret.getExpression().get(), state));
      }
      state.dead = true;
    } else if (statement instanceof ThrowStmt thrown) {
      eval(thrown.getExpression(), state);
      state.dead = true;
    } else if (statement instanceof BreakStmt) {
      if (!breakTargets.isEmpty()) {
        breakTargets.peek().add(state.copy());
      }
      state.dead = true;
    } else if (statement instanceof ContinueStmt) {
      state.dead = true;
    } else if (statement instanceof WhileStmt loop) {
      eval(loop.getCondition(), state);
      execLoop(loop.getBody(), state, null);
    } else if (statement instanceof DoStmt loop) {
      execLoop(loop.getBody(), state, null);
      eval(loop.getCondition(), state);
    } else if (statement instanceof ForStmt loop) {
      for (Expression init : loop.getInitialization()) {
        eval(init, state);
      }
      loop.getCompare().ifPresent(c -> eval(c, state));
      execLoop(loop.getBody(), state, loop.getUpdate());
    } else if (statement instanceof ForEachStmt loop) {
      Value iterable = eval(loop.getIterable(), state);
      Value element = Value.tainted(iterable.allTaint());
      if (iterable.requestObject) {
        element = Value.requestObject();
      }
      for (VariableDeclarator variable : loop.getVariable().getVariables()) {
        state.set(variable.getNameAsString(), element);
      }
      execLoop(loop.getBody(), state, null);
    } else if (statement instanceof SwitchStmt switchStmt) {
      execSwitch(switchStmt.getSelector(), switchStmt.getEntries(), state);
    } else if (statement instanceof TryStmt tryStmt) {
      execTry(tryStmt, state);
    } else if (statement instanceof SynchronizedStmt sync) {
      eval(sync.getExpression(), state);
      exec(sync.getBody(), state);
    } else if (statement instanceof LabeledStmt labeled) {
      exec(labeled.getStatement(), state);
    } else if (statement instanceof ExplicitConstructorInvocationStmt call) {
      call.getArguments().forEach(a -> eval(a, state));
    } else if (statement instanceof YieldStmt yield) {
      returnedFromSwitch = Value.merge(returnedFromSwitch, eval(yield.getExpression(), state));
      state.dead = true;
    } else if (statement instanceof AssertStmt assertStmt) {
      eval(assertStmt.getCheck(), state);
    }
  }

  private Value returnedFromSwitch;

  private void execIf(IfStmt ifStmt, State state) {
    Value condition = eval(ifStmt.getCondition(), state);
    if (condition.constant instanceof Boolean known) {
      // A branch that can never run taints nothing.
      if (known) {
        exec(ifStmt.getThenStmt(), state);
      } else if (ifStmt.getElseStmt().isPresent()) {
        exec(ifStmt.getElseStmt().get(), state);
      }
      return;
    }
    State thenState = state.copy();
    State elseState = state.copy();
    Guards.refine(ifStmt.getCondition(), thenState, elseState);
    exec(ifStmt.getThenStmt(), thenState);
    ifStmt.getElseStmt().ifPresent(e -> exec(e, elseState));
    State joined = State.join(thenState, elseState);
    state.vars.clear();
    state.vars.putAll(joined.vars);
    state.dead = thenState.dead && elseState.dead;
  }

  private void execLoop(Statement body, State state, NodeList<Expression> update) {
    breakTargets.push(new ArrayList<>());
    State current = state.copy();
    for (int round = 0; round < LOOP_ROUNDS; round++) {
      State iteration = current.copy();
      exec(body, iteration);
      if (update != null) {
        iteration.dead = false;
        update.forEach(u -> eval(u, iteration));
      }
      iteration.dead = false; // continue, or the end of the body
      State next = State.join(current, iteration);
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    List<State> breaks = breakTargets.pop();
    for (State broken : breaks) {
      broken.dead = false;
      current = State.join(current, broken);
    }
    state.vars.clear();
    state.vars.putAll(current.vars);
  }

  private Value execSwitch(Expression selector, NodeList<SwitchEntry> entries, State state) {
    Value selected = eval(selector, state);
    breakTargets.push(new ArrayList<>());
    Value saved = returnedFromSwitch;
    returnedFromSwitch = null;
    int start = -1;
    if (selected.constant != null) {
      for (int i = 0; i < entries.size() && start < 0; i++) {
        for (Expression label : entries.get(i).getLabels()) {
          if (sameConstant(selected.constant, eval(label, state).constant, label)) {
            start = i;
          }
        }
      }
      if (start < 0) {
        for (int i = 0; i < entries.size(); i++) {
          if (entries.get(i).getLabels().isEmpty()) {
            start = i; // default
          }
        }
      }
    }
    State after;
    if (start >= 0) {
      State path = state.copy();
      runEntries(entries, start, path);
      after = path;
    } else {
      after = null;
      boolean hasDefault = entries.stream().anyMatch(e -> e.getLabels().isEmpty());
      for (int i = 0; i < entries.size(); i++) {
        State path = state.copy();
        runEntries(entries, i, path);
        after = after == null ? path : State.join(after, path);
      }
      if (!hasDefault || after == null) {
        after = after == null ? state.copy() : State.join(after, state.copy());
      }
    }
    for (State broken : breakTargets.pop()) {
      broken.dead = false;
      after = State.join(after, broken);
    }
    Value result = returnedFromSwitch;
    returnedFromSwitch = saved;
    if (after.dead && result != null) {
      after.dead = false; // a switch expression: its value was yielded
    }
    state.vars.clear();
    state.vars.putAll(after.vars);
    state.dead = after.dead;
    return result == null ? Value.UNKNOWN : result;
  }

  private void runEntries(NodeList<SwitchEntry> entries, int start, State path) {
    for (int i = start; i < entries.size() && !path.dead; i++) {
      SwitchEntry entry = entries.get(i);
      if (entry.getType() == SwitchEntry.Type.EXPRESSION
          && entry.getStatements().size() == 1
          && entry.getStatement(0) instanceof ExpressionStmt expression) {
        returnedFromSwitch = Value.merge(returnedFromSwitch,
            eval(expression.getExpression(), path));
        path.dead = true;
        return;
      }
      for (Statement statement : entry.getStatements()) {
        exec(statement, path);
        if (path.dead) {
          return;
        }
      }
      if (entry.getType() != SwitchEntry.Type.STATEMENT_GROUP) {
        return; // arrow cases never fall through
      }
    }
  }

  private static boolean sameConstant(Object selector, Object label, Expression labelExpr) {
    if (label == null) {
      // enum constant labels: compare by name
      return selector instanceof String s && labelExpr instanceof NameExpr n
          && s.equals(n.getNameAsString());
    }
    if (selector instanceof Character c && label instanceof Character d) {
      return c.equals(d);
    }
    if (selector instanceof Number a && label instanceof Number b) {
      return a.longValue() == b.longValue();
    }
    if (selector instanceof Character c && label instanceof Number b) {
      return c == b.longValue();
    }
    return selector.equals(label);
  }

  private void execTry(TryStmt tryStmt, State state) {
    for (Expression resource : tryStmt.getResources()) {
      eval(resource, state);
    }
    State before = state.copy();
    State afterTry = state.copy();
    exec(tryStmt.getTryBlock(), afterTry);
    State joined = afterTry;
    for (CatchClause clause : tryStmt.getCatchClauses()) {
      State handler = State.join(before, afterTry.dead ? before : afterTry);
      handler.dead = false;
      handler.set(clause.getParameter().getNameAsString(), Value.UNKNOWN);
      exec(clause.getBody(), handler);
      joined = State.join(joined, handler);
    }
    if (tryStmt.getFinallyBlock().isPresent()) {
      boolean dead = joined.dead;
      joined.dead = false;
      exec(tryStmt.getFinallyBlock().get(), joined);
      joined.dead = joined.dead || dead;
    }
    state.vars.clear();
    state.vars.putAll(joined.vars);
    state.dead = joined.dead;
  }

  // ---------------------------------------------------------------- expressions

  Value eval(Expression expression, State state) {
    if (++steps > MAX_STEPS) {
      return Value.UNKNOWN;
    }
    Value value = compute(expression, state);
    recorded.merge(expression, value, Value::merge);
    return value;
  }

  private Value compute(Expression e, State state) {
    if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr
        || e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr
        || e instanceof CharLiteralExpr || e instanceof BooleanLiteralExpr) {
      return Value.constant(file.constantValue(e).orElse(null));
    }
    if (e instanceof DoubleLiteralExpr d) {
      try {
        return Value.constant(d.asDouble());
      } catch (NumberFormatException ex) {
        return Value.UNKNOWN;
      }
    }
    if (e instanceof NullLiteralExpr || e instanceof ClassExpr || e instanceof ThisExpr
        || e instanceof SuperExpr || e instanceof TypeExpr) {
      return Value.UNKNOWN;
    }
    if (e instanceof EnclosedExpr enclosed) {
      return eval(enclosed.getInner(), state);
    }
    if (e instanceof CastExpr cast) {
      Value inner = eval(cast.getExpression(), state);
      String type = cast.getType().asString();
      if (inner.constant instanceof Character c && (type.equals("int") || type.equals("long"))) {
        return Value.constant((long) c);
      }
      return inner;
    }
    if (e instanceof NameExpr name) {
      return readName(name, state);
    }
    if (e instanceof VariableDeclarationExpr declaration) {
      for (VariableDeclarator variable : declaration.getVariables()) {
        Value value = variable.getInitializer().map(i -> eval(i, state)).orElse(Value.UNKNOWN);
        if (value.taint != null) {
          value = value.withOwnTaint(value.taint.through(TaintAnalysis.step(variable,
              "assigned to " + variable.getNameAsString())));
        }
        state.set(variable.getNameAsString(), value);
      }
      return Value.UNKNOWN;
    }
    if (e instanceof AssignExpr assign) {
      return assign(assign, state);
    }
    if (e instanceof BinaryExpr binary) {
      return Folding.binary(binary, eval(binary.getLeft(), state),
          binary.getOperator() == BinaryExpr.Operator.AND
              || binary.getOperator() == BinaryExpr.Operator.OR
              ? evalShortCircuit(binary, state) : eval(binary.getRight(), state));
    }
    if (e instanceof UnaryExpr unary) {
      Value operand = eval(unary.getExpression(), state);
      if (unary.getOperator().isPrefix() || unary.getOperator().isPostfix()) {
        if (unary.getExpression() instanceof NameExpr target
            && operand.constant instanceof Long number
            && (unary.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                || unary.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                || unary.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                || unary.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT)) {
          state.set(target.getNameAsString(), Value.UNKNOWN); // counters are not constants
        }
      }
      return Folding.unary(unary.getOperator(), operand);
    }
    if (e instanceof ConditionalExpr conditional) {
      Value condition = eval(conditional.getCondition(), state);
      if (condition.constant instanceof Boolean known) {
        return eval(known ? conditional.getThenExpr() : conditional.getElseExpr(), state);
      }
      return Value.merge(eval(conditional.getThenExpr(), state),
          eval(conditional.getElseExpr(), state));
    }
    if (e instanceof MethodCallExpr call) {
      return Calls.evaluate(this, call, state);
    }
    if (e instanceof ObjectCreationExpr creation) {
      return Calls.construct(this, creation, state);
    }
    if (e instanceof ArrayCreationExpr creation) {
      if (creation.getInitializer().isPresent()) {
        return eval(creation.getInitializer().get(), state);
      }
      creation.getLevels().forEach(l -> l.getDimension().ifPresent(d -> eval(d, state)));
      return Value.UNKNOWN;
    }
    if (e instanceof ArrayInitializerExpr initializer) {
      List<Value> elements = new ArrayList<>();
      for (Expression element : initializer.getValues()) {
        elements.add(eval(element, state));
      }
      return Value.list(elements);
    }
    if (e instanceof ArrayAccessExpr access) {
      Value array = eval(access.getName(), state);
      Value index = eval(access.getIndex(), state);
      return array.read(index.constant instanceof Long ? index.constant : null);
    }
    if (e instanceof FieldAccessExpr access) {
      return fieldAccess(access, state);
    }
    if (e instanceof InstanceOfExpr instanceOf) {
      eval(instanceOf.getExpression(), state);
      return Value.UNKNOWN;
    }
    if (e instanceof LambdaExpr lambda) {
      return Value.UNKNOWN; // run where it is passed, see Calls
    }
    if (e instanceof SwitchExpr switchExpr) {
      return execSwitch(switchExpr.getSelector(), switchExpr.getEntries(), state);
    }
    if (e instanceof MethodReferenceExpr) {
      return Value.UNKNOWN;
    }
    return Value.UNKNOWN;
  }

  private Value evalShortCircuit(BinaryExpr binary, State state) {
    Value left = recorded.get(binary.getLeft());
    if (left != null && left.constant instanceof Boolean known) {
      boolean decided = binary.getOperator() == BinaryExpr.Operator.AND ? !known : known;
      if (decided) {
        return Value.UNKNOWN; // right side never runs
      }
    }
    return eval(binary.getRight(), state);
  }

  private Value readName(NameExpr name, State state) {
    String identifier = name.getNameAsString();
    Value local = state.get(identifier);
    if (local != null) {
      return local;
    }
    Optional<Object> constant = file.constantValue(name);
    if (constant.isPresent()) {
      return Value.constant(constant.get());
    }
    return analysis.fieldValue(identifier, name);
  }

  private Value fieldAccess(FieldAccessExpr access, State state) {
    if (access.getScope() instanceof ThisExpr) {
      return analysis.fieldValue(access.getNameAsString(), access);
    }
    Optional<Object> constant = file.constantValue(access);
    if (constant.isPresent()) {
      return Value.constant(constant.get());
    }
    Value scope = eval(access.getScope(), state);
    if (access.getNameAsString().equals("length")) {
      // An array's length is a number, whatever the array holds.
      return scope.elements != null ? Value.constant((long) scope.elements.size())
          : Value.UNKNOWN;
    }
    return Value.tainted(scope.allTaint());
  }

  private Value assign(AssignExpr assign, State state) {
    Value value = eval(assign.getValue(), state);
    Expression target = assign.getTarget();
    if (assign.getOperator() != AssignExpr.Operator.ASSIGN) {
      Value old = eval(target, state);
      value = assign.getOperator() == AssignExpr.Operator.PLUS
          ? Folding.plus(old, value) : Value.tainted(Taint.merge(old.allTaint(),
              value.allTaint()));
    }
    if (value.taint != null) {
      value = value.withOwnTaint(value.taint.through(TaintAnalysis.step(assign,
          "assigned to " + target)));
    }
    if (target instanceof NameExpr name) {
      if (state.get(name.getNameAsString()) != null || isLocal(name)) {
        state.set(name.getNameAsString(), value);
      } else {
        analysis.assignField(name.getNameAsString(), value);
      }
    } else if (target instanceof FieldAccessExpr field
        && field.getScope() instanceof ThisExpr) {
      analysis.assignField(field.getNameAsString(), value);
    } else if (target instanceof FieldAccessExpr field
        && field.getScope() instanceof NameExpr owner && state.get(owner.getNameAsString()) != null) {
      Value object = state.get(owner.getNameAsString());
      state.set(owner.getNameAsString(), object.withTaint(value.allTaint()));
    } else if (target instanceof ArrayAccessExpr access
        && access.getName() instanceof NameExpr array) {
      Value current = state.get(array.getNameAsString());
      Value index = eval(access.getIndex(), state);
      if (current != null && current.elements != null && index.constant instanceof Long i
          && i >= 0 && i < current.elements.size()) {
        List<Value> elements = new ArrayList<>(current.elements);
        elements.set(i.intValue(), value);
        state.set(array.getNameAsString(), current.withElements(elements));
      } else if (current != null) {
        state.set(array.getNameAsString(), current.withTaint(value.allTaint()));
      } else {
        analysis.assignField(array.getNameAsString(), value);
      }
    }
    return value;
  }

  private boolean isLocal(NameExpr name) {
    return file.declarationOf(name)
        .map(d -> !(d.getParentNode().orElse(null)
            instanceof com.github.javaparser.ast.body.FieldDeclaration))
        .orElse(false);
  }

  /** Runs a lambda passed to a call, its parameters bound to the receiver's contents. */
  Value runLambda(LambdaExpr lambda, Value elementValue, State state) {
    State inner = state.copy();
    for (Parameter parameter : lambda.getParameters()) {
      inner.set(parameter.getNameAsString(), elementValue);
    }
    if (lambda.getBody() instanceof ExpressionStmt expression) {
      return eval(expression.getExpression(), inner);
    }
    Value saved = returned;
    returned = null;
    exec(lambda.getBody(), inner);
    Value result = returned == null ? Value.UNKNOWN : returned;
    returned = saved;
    return result;
  }

  TaintAnalysis analysis() {
    return analysis;
  }

  FileContext file() {
    return file;
  }

  static Map<Object, Value> emptyEntries() {
    return new LinkedHashMap<>();
  }
}
