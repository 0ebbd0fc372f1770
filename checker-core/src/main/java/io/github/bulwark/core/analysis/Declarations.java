package io.github.bulwark.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.Optional;

/**
 * Finds the declaration a simple name refers to by walking outwards through the enclosing scopes:
 * earlier statements of each block, loop and resource variables, catch, lambda and method
 * parameters, then the fields of each enclosing (also anonymous) class. Inherited fields and
 * static imports are outside one file's view and come back empty.
 */
final class Declarations {

  private Declarations() {}

  /** The {@link VariableDeclarator} or {@link Parameter} that {@code name} means at {@code use}. */
  static Optional<Node> find(String name, Node use) {
    Node child = use;
    Optional<Node> parent = use.getParentNode();
    while (parent.isPresent()) {
      Node scope = parent.get();
      Optional<Node> found = lookIn(scope, child, name);
      if (found.isPresent()) {
        return found;
      }
      child = scope;
      parent = scope.getParentNode();
    }
    return Optional.empty();
  }

  private static Optional<Node> lookIn(Node scope, Node child, String name) {
    if (scope instanceof BlockStmt block) {
      return inStatementsBefore(block.getStatements(), child, name);
    }
    if (scope instanceof SwitchEntry entry) {
      return inStatementsBefore(entry.getStatements(), child, name);
    }
    if (scope instanceof ForStmt loop) {
      for (Expression init : loop.getInitialization()) {
        Optional<Node> found = inDeclarationExpr(init, name);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (scope instanceof ForEachStmt loop) {
      return inDeclarationExpr(loop.getVariable(), name);
    }
    if (scope instanceof TryStmt tryStmt) {
      for (Expression resource : tryStmt.getResources()) {
        Optional<Node> found = inDeclarationExpr(resource, name);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (scope instanceof CatchClause clause) {
      return named(clause.getParameter(), name);
    }
    if (scope instanceof LambdaExpr lambda) {
      return inParameters(lambda.getParameters(), name);
    }
    if (scope instanceof CallableDeclaration<?> callable) {
      return inParameters(callable.getParameters(), name);
    }
    if (scope instanceof RecordDeclaration record) {
      Optional<Node> component = inParameters(record.getParameters(), name);
      if (component.isPresent()) {
        return component;
      }
    }
    if (scope instanceof TypeDeclaration<?> type) {
      return inMembers(type.getMembers(), name);
    }
    if (scope instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()
        && child != creation.getScope().orElse(null) && !creation.getArguments().contains(child)) {
      return inMembers(creation.getAnonymousClassBody().get(), name);
    }
    return Optional.empty();
  }

  private static Optional<Node> inStatementsBefore(
      NodeList<Statement> statements, Node child, String name) {
    Optional<Node> latest = Optional.empty();
    for (Statement statement : statements) {
      if (statement == child) {
        break;
      }
      if (statement instanceof ExpressionStmt expressionStmt) {
        Optional<Node> found = inDeclarationExpr(expressionStmt.getExpression(), name);
        if (found.isPresent()) {
          latest = found;
        }
      }
    }
    return latest;
  }

  private static Optional<Node> inDeclarationExpr(Expression expression, String name) {
    if (expression instanceof VariableDeclarationExpr declaration) {
      for (VariableDeclarator variable : declaration.getVariables()) {
        if (variable.getNameAsString().equals(name)) {
          return Optional.of(variable);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Node> inParameters(NodeList<Parameter> parameters, String name) {
    for (Parameter parameter : parameters) {
      if (parameter.getNameAsString().equals(name)) {
        return Optional.of(parameter);
      }
    }
    return Optional.empty();
  }

  private static Optional<Node> named(Parameter parameter, String name) {
    return parameter.getNameAsString().equals(name) ? Optional.of(parameter) : Optional.empty();
  }

  private static Optional<Node> inMembers(NodeList<BodyDeclaration<?>> members, String name) {
    for (BodyDeclaration<?> member : members) {
      if (member instanceof FieldDeclaration field) {
        for (VariableDeclarator variable : field.getVariables()) {
          if (variable.getNameAsString().equals(name)) {
            return Optional.of(variable);
          }
        }
      }
    }
    return Optional.empty();
  }
}
