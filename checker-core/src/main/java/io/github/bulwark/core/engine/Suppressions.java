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
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.model.Suppression;
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
 *
 * <p>Each suppression carries its reason: the text after {@code --} in the comment or in the
 * annotation's value ({@code "bulwark:RuleId -- reason"}), or, for an annotation, a {@code //}
 * comment after it on its line or alone on the line above it. A finding a suppression silences is
 * kept with that {@link Suppression}, never dropped.
 */
final class Suppressions {

  private static final String ALL = "*";
  private static final Pattern IGNORE_COMMENT =
      Pattern.compile("bulwark:ignore(?![\\w-])([^\\n]*)");

  /** The rule ids (or ALL) one comment suppresses, and the comment as a suppression record. */
  private record Ignore(List<String> ids, Suppression suppression) {}

  /** line -> the comments that suppress rules on that line. */
  private final Map<Integer, List<Ignore>> ignoredByLine = new HashMap<>();
  private final String[] lines;

  Suppressions(CompilationUnit unit, String[] lines, String text) {
    this.lines = lines;
    if (!text.contains("bulwark:ignore")) {
      return; // most files: no need to collect (and sort) every comment of the tree
    }
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
      Ignore ignore = new Ignore(ids, new Suppression(Suppression.Kind.COMMENT,
          reasonAfterDashes(matcher.group(1)),
          new SourceRange(line, Math.max(column, 1), endLine, Math.max(endColumn, 1)),
          normalise(matcher.group(0))));
      ignoredByLine.computeIfAbsent(line, l -> new ArrayList<>()).add(ignore);
      if (standsAlone(lines, line, column, endLine, endColumn)) {
        // A comment alone on its line speaks for the next line.
        ignoredByLine.computeIfAbsent(endLine + 1, l -> new ArrayList<>()).add(ignore);
      }
    }
  }

  /** The text after the first {@code --}, without a closing {@code * /}; empty when none. */
  private static String reasonAfterDashes(String rest) {
    int dashes = rest.indexOf("--");
    if (dashes < 0) {
      return "";
    }
    return rest.substring(dashes + 2).replace("*/", " ").strip();
  }

  private static String normalise(String text) {
    return text.replace("*/", " ").replaceAll("\\s+", " ").strip();
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
    return suppression(rule, node, line).isPresent();
  }

  /** The suppression that silences {@code rule} at {@code node} on {@code line}, if any. */
  Optional<Suppression> suppression(RuleDescriptor rule, Node node, int line) {
    for (Ignore ignore : ignoredByLine.getOrDefault(line, List.of())) {
      if (ignore.ids().stream().anyMatch(id -> id.equals(ALL) || rule.answersTo(id))) {
        return Optional.of(ignore.suppression());
      }
    }
    for (Optional<Node> current = Optional.of(node); current.isPresent();
        current = current.get().getParentNode()) {
      if (current.get() instanceof NodeWithAnnotations<?> annotated) {
        Optional<Suppression> found = suppressedBy(annotated, rule);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Suppression> suppressedBy(NodeWithAnnotations<?> annotated,
      RuleDescriptor rule) {
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      String name = annotation.getNameAsString();
      if (!name.equals("SuppressWarnings") && !name.equals("java.lang.SuppressWarnings")) {
        continue;
      }
      for (String value : values(annotation)) {
        int dashes = value.indexOf("--");
        String id = (dashes < 0 ? value : value.substring(0, dashes)).strip();
        if (id.equals("bulwark") || id.equals("bulwark:all")
            || (id.startsWith("bulwark:") && rule.answersTo(id.substring(8).strip()))) {
          return Optional.of(annotationSuppression(annotation,
              dashes < 0 ? "" : value.substring(dashes + 2)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * An annotation's value cannot hold a comment, so its reason is the text after {@code --} in
   * the value, else a {@code //} comment after the annotation on its last line, else a
   * {@code //} comment alone on the line above it.
   */
  private Suppression annotationSuppression(AnnotationExpr annotation, String inlineReason) {
    com.github.javaparser.Range range = annotation.getRange().orElse(
        new com.github.javaparser.Range(new com.github.javaparser.Position(1, 1),
            new com.github.javaparser.Position(1, 1)));
    String reason = inlineReason.strip();
    if (reason.isEmpty() && range.end.line <= lines.length) {
      String last = lines[range.end.line - 1];
      String after = last.substring(Math.min(range.end.column, last.length()));
      int slashes = after.indexOf("//");
      if (slashes >= 0) {
        reason = stripDashes(after.substring(slashes + 2));
      }
    }
    if (reason.isEmpty() && range.begin.line >= 2 && range.begin.line - 1 <= lines.length) {
      String above = lines[range.begin.line - 2].strip();
      if (above.startsWith("//") && !IGNORE_COMMENT.matcher(above).find()) {
        reason = stripDashes(above.substring(2));
      }
    }
    return new Suppression(Suppression.Kind.ANNOTATION, reason,
        new SourceRange(range.begin.line, Math.max(range.begin.column, 1), range.end.line,
            Math.max(range.end.column, 1)),
        normalise(annotation.toString()));
  }

  private static String stripDashes(String text) {
    String stripped = text.strip();
    return stripped.startsWith("--") ? stripped.substring(2).strip() : stripped;
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
