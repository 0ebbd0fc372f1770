package io.github.bulwark.rules.input;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.taint.SinkKind;
import java.util.List;
import java.util.Set;

/** Flags file paths built from untrusted input: {@code new File}, file streams, readers and writers, {@code Paths.get}, {@code Path.of}, {@code Path.resolve}. A value that only reaches a sink as an already-flagged {@code File} or {@code Path} is reported once, where the path is built. */
@RuleInfo(
    id = "PathTraversal",
    family = Family.INPUT,
    title = "File path built from untrusted input",
    cwe = {22, 23},
    owasp = OwaspCategory.A01_BROKEN_ACCESS_CONTROL,
    severity = Severity.HIGH,
    description = "A request value in a file path lets an attacker walk out of the intended folder with ../ and read or overwrite any file the application can reach: configuration, keys, other users' data.",
    fix = "Resolve the name inside a fixed base folder with InputValidator.resolveWithin(baseDir, userPath), which refuses .. and symlink escapes, or accept only InputValidator.safeFileName(name).",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class PathTraversal implements NodeRule<Node>, TaintSinks.CrossFile {

  private static final Set<String> FILE_TYPES = Set.of(
      "File", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter",
      "RandomAccessFile", "PrintWriter", "PrintStream", "ZipFile", "JarFile", "FileHandler");
  private static final Set<String> PATH_FACTORIES = Set.of("get", "of");
  private static final Set<String> FILES_METHODS = Set.of(
      "newInputStream", "newOutputStream", "newBufferedReader", "newBufferedWriter",
      "readAllBytes", "readAllLines", "readString", "write", "writeString", "delete",
      "deleteIfExists", "copy", "move", "lines", "createFile", "createDirectories");

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ObjectCreationExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      if (FILE_TYPES.contains(type)) {
        checkTextArguments(creation.getArguments(), file, findings, "new " + type + "()");
      }
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    String name = call.getNameAsString();
    if (!PATH_FACTORIES.contains(name) && !name.startsWith("resolve")
        && !FILES_METHODS.contains(name)) {
      return; // cheap test first: most calls are not this sink
    }
    String receiver = TaintSinks.receiver(call);
    if (PATH_FACTORIES.contains(name) && (receiver.equals("Paths") || receiver.equals("Path")
        || receiver.endsWith("nio.file.Paths") || receiver.endsWith("nio.file.Path"))) {
      checkTextArguments(call.getArguments(), file, findings, receiver + "." + name + "()");
    } else if ((name.equals("resolve") || name.equals("resolveSibling"))
        && call.getArguments().size() == 1 && isPathLike(call, file)) {
      checkTextArguments(call.getArguments(), file, findings, name + "()");
    } else if ((receiver.equals("Files") || receiver.endsWith("nio.file.Files"))
        && FILES_METHODS.contains(name) && !call.getArguments().isEmpty()) {
      // Files.copy(InputStream, Path): the stream is content, the path is the second argument.
      Expression target = isStream(call.getArgument(0), file) && call.getArguments().size() > 1
          ? call.getArgument(1) : call.getArgument(0);
      checkTextArguments(List.of(target), file, findings, "Files." + name + "()");
    }
  }

  private static boolean isPathLike(MethodCallExpr call, FileContext file) {
    String type = TaintSinks.receiverType(call, file);
    String receiver = TaintSinks.receiver(call);
    return type.equals("Path") || receiver.matches("(?i).*(path|dir|directory|folder|root|base)")
        || receiver.contains("Paths.get") || receiver.contains("Path.of");
  }

  /** Arguments that are text: a File or Path argument was reported where it was built. */
  private static void checkTextArguments(List<Expression> arguments, FileContext file,
      Findings findings, String sink) {
    for (Expression argument : arguments) {
      if (isFileOrPath(argument, file)) {
        continue;
      }
      if (TaintSinks.check(argument, SinkKind.PATH, file, findings, "the path of " + sink)) {
        return;
      }
    }
  }

  /** An input stream or reader: data to copy, not a place in the file system. */
  private static boolean isStream(Expression argument, FileContext file) {
    Expression e = FileContext.unwrap(argument);
    if (e instanceof MethodCallExpr call && (call.getNameAsString().equals("getInputStream")
        || call.getNameAsString().equals("openStream"))) {
      return true;
    }
    String type = file.declaredType(e).orElse("");
    return type.endsWith("InputStream") || type.endsWith("Reader");
  }

  private static boolean isFileOrPath(Expression argument, FileContext file) {
    Expression e = FileContext.unwrap(argument);
    if (e instanceof ObjectCreationExpr creation) {
      return FILE_TYPES.contains(creation.getType().getNameAsString());
    }
    if (e instanceof MethodCallExpr call) {
      String name = call.getNameAsString();
      return name.equals("resolve") || name.equals("toPath") || name.equals("getParentFile")
          || ((name.equals("get") || name.equals("of"))
              && TaintSinks.receiver(call).matches("Paths|Path"));
    }
    String type = file.declaredType(e).orElse("");
    return type.endsWith(".File") || type.equals("File") || type.endsWith(".Path")
        || type.equals("Path");
  }
}
