package io.github.bulwark.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.ThisExpr;

/**
 * The text of an expression exactly as {@code toString()} prints it, without running the pretty
 * printer for the receivers rules compare most: names, qualified names and calls without
 * arguments on them ({@code log}, {@code System.out}, {@code this.cipher},
 * {@code Base64.getEncoder()}). The printer sets itself up and sorts each node's children to
 * place comments, which costs far more than the comparison a rule then makes; such a chain
 * without comments prints as its parts joined by dots. Anything else is printed.
 */
public final class ExpressionText {

  private ExpressionText() {}

  /** Same as {@code expression.toString()}. */
  public static String of(Expression expression) {
    if (expression instanceof NameExpr name && isPlain(name)
        && noCommentPrintedBefore(expression)) {
      return name.getName().getIdentifier(); // the most common receiver, without a builder
    }
    StringBuilder text = new StringBuilder();
    return appendPlain(expression, text) && noCommentPrintedBefore(expression)
        ? text.toString() : expression.toString();
  }

  /**
   * The simple name a receiver ends with when it is written as a name or a qualified name
   * ({@code MessageDigest} for {@code java.security.MessageDigest}): what its printed text has
   * after the last dot. Empty for other receivers (calls, literals, {@code this}, casts), whose
   * printed text never ends in a bare identifier, so comparing the result with a class name
   * answers as comparing that part of the printed text would.
   */
  public static String lastName(Expression receiver) {
    if (receiver instanceof NameExpr || receiver instanceof FieldAccessExpr) {
      String text = of(receiver);
      return text.substring(text.lastIndexOf('.') + 1);
    }
    return "";
  }

  /**
   * Appends a comment-free chain of names, {@code this} and argument-free calls; false (text
   * unusable) for any other expression. Calls with arguments are left to the printer, which
   * lays out their argument lists.
   */
  private static boolean appendPlain(Expression expression, StringBuilder text) {
    if (expression instanceof NameExpr name && isPlain(name)) {
      text.append(name.getName().getIdentifier());
      return true;
    }
    if (expression instanceof ThisExpr self && self.getTypeName().isEmpty()
        && hasOnlyChildren(self, 0)) {
      text.append("this");
      return true;
    }
    if (expression instanceof FieldAccessExpr access && hasOnlyChildren(access, 2)
        && isPlain(access.getName()) && appendPlain(access.getScope(), text)) {
      text.append('.').append(access.getName().getIdentifier());
      return true;
    }
    if (expression instanceof MethodCallExpr call && isPlainCall(call)) {
      if (call.getScope().isPresent()) {
        if (!appendPlain(call.getScope().get(), text)) {
          return false;
        }
        text.append('.');
      }
      text.append(call.getName().getIdentifier()).append("()");
      return true;
    }
    return false;
  }

  /** A call without arguments or type arguments, and no comment in it (scope aside). */
  private static boolean isPlainCall(MethodCallExpr call) {
    return call.getArguments().isEmpty() && call.getTypeArguments().isEmpty()
        && hasOnlyChildren(call, call.getScope().isPresent() ? 2 : 1) && isPlain(call.getName());
  }

  private static boolean isPlain(NameExpr name) {
    return hasOnlyChildren(name, 1) && isPlain(name.getName());
  }

  private static boolean isPlain(SimpleName name) {
    return hasOnlyChildren(name, 0);
  }

  /**
   * No comment of its own and no orphan comment inside (orphans are child nodes, so a node with
   * exactly its syntactic children has none); type arguments would add children too.
   */
  private static boolean hasOnlyChildren(Node node, int children) {
    return node.getComment().isEmpty() && node.getChildNodes().size() == children;
  }

  /** The printer also prints the parent's orphan comments that stand just before the node. */
  private static boolean noCommentPrintedBefore(Expression expression) {
    Node parent = expression.getParentNode().orElse(null);
    if (parent == null) {
      return true;
    }
    for (Node sibling : parent.getChildNodes()) {
      if (sibling instanceof Comment) {
        return false;
      }
    }
    return true;
  }
}
