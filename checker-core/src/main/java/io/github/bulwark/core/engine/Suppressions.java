package io.github.bulwark.core.engine;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import io.github.bulwark.core.rule.RuleDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppressions written in one file: {@code @SuppressWarnings("bulwark:RuleId")} (or
 * {@code "bulwark"} for every rule) on any enclosing declaration, and a
 * {@code // bulwark:ignore RuleId -- reason} comment at the end of the flagged line or alone on
 * the line above. Former rule ids are honoured, so renaming a rule breaks no suppression.
 */
final class Suppressions {

  private static final String ALL = "*";
  private static final Pattern IGNORE_COMMENT =
      Pattern.compile("bulwark:ignore(?![\\w-])([^\\n]*)");

  /** line -> rule ids (or ALL) that a comment suppresses on that line. */
  private final Map<Integer, List<String>> ignoredByLine = new HashMap<>();

  Suppressions(CompilationUnit unit, String[] lines) {
    for (Comment comment : unit.getAllComments()) {
      Matcher matcher = IGNORE_COMMENT.matcher(comment.getContent());
      if (!matcher.find() || comment.getRange().isEmpty()) {
        continue;
      }
      List<String> ids = parseIds(matcher.group(1));
      int line = comment.getRange().get().begin.line;
      int endLine = comment.getRange().get().end.line;
      int column = comment.getRange().get().begin.column;
      int endColumn = comment.getRange().get().end.column;
      ignoredByLine.computeIfAbsent(line, l -> new ArrayList<>()).addAll(ids);
      if (standsAlone(lines, line, column, endLine, endColumn)) {
        // A comment alone on its line speaks for the next line.
        ignoredByLine.computeIfAbsent(endLine + 1, l -> new ArrayList<>()).addAll(ids);
      }
    }
  }

  private static List<String> parseIds(String rest) {
    String head = rest;
    int reason = head.indexOf("--");
    if (reason >= 0) {
      head = head.substring(0, reason);
    }
    head = head.replace("*/", " ");
    List<String> ids = new ArrayList<>();
    for (String part : head.split("[,\\s]+")) {
      if (!part.isBlank()) {
        ids.add(part.trim());
      }
    }
    return ids.isEmpty() ? List.of(ALL) : ids;
  }

  /**
   * True when only blanks share the comment's first and last lines. A block comment followed by
   * code on the same line speaks for that line only, not for the next one as well.
   */
  private static boolean standsAlone(
      String[] lines, int line, int column, int endLine, int endColumn) {
    if (line < 1 || endLine > lines.length) {
      return false;
    }
    String before = lines[line - 1].substring(0, Math.min(column - 1, lines[line - 1].length()));
    String last = lines[endLine - 1];
    String after = last.substring(Math.min(endColumn, last.length()));
    return before.isBlank() && after.isBlank();
  }

  boolean suppresses(RuleDescriptor rule, Node node, int line) {
    List<String> ids = ignoredByLine.get(line);
    if (ids != null && ids.stream().anyMatch(id -> id.equals(ALL) || rule.answersTo(id))) {
      return true;
    }
    for (Optional<Node> current = Optional.of(node); current.isPresent();
        current = current.get().getParentNode()) {
      if (current.get() instanceof NodeWithAnnotations<?> annotated
          && suppressedBy(annotated, rule)) {
        return true;
      }
    }
    return false;
  }

  private static boolean suppressedBy(NodeWithAnnotations<?> annotated, RuleDescriptor rule) {
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      String name = annotation.getNameAsString();
      if (!name.equals("SuppressWarnings") && !name.equals("java.lang.SuppressWarnings")) {
        continue;
      }
      for (String value : values(annotation)) {
        if (value.equals("bulwark") || value.equals("bulwark:all")
            || (value.startsWith("bulwark:") && rule.answersTo(value.substring(8)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> values(AnnotationExpr annotation) {
    Expression value = null;
    if (annotation instanceof SingleMemberAnnotationExpr single) {
      value = single.getMemberValue();
    } else if (annotation instanceof NormalAnnotationExpr normal) {
      value = normal.getPairs().stream().filter(p -> p.getNameAsString().equals("value"))
          .map(p -> p.getValue()).findFirst().orElse(null);
    }
    List<String> values = new ArrayList<>();
    if (value instanceof StringLiteralExpr literal) {
      values.add(literal.asString().trim());
    } else if (value instanceof ArrayInitializerExpr array) {
      for (Expression element : array.getValues()) {
        if (element instanceof StringLiteralExpr literal) {
          values.add(literal.asString().trim());
        }
      }
    }
    return values;
  }
}
