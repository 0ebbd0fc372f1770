package io.github.bulwark.core.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.model.SourceRange;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.source.SourceFile;
import io.github.bulwark.core.source.SourceReader;
import io.github.bulwark.core.source.SourceText;
import com.github.javaparser.ast.body.CallableDeclaration;
import io.github.bulwark.core.project.MethodSummaries;
import io.github.bulwark.core.project.MethodSummary;
import io.github.bulwark.core.project.DeferredFinding;
import io.github.bulwark.core.project.ProjectQuestion;
import io.github.bulwark.core.project.TaintedCall;
import io.github.bulwark.core.taint.FlowStep;
import io.github.bulwark.core.taint.Taint;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads, parses and checks one file: every rule sees every node it subscribed to in one walk.
 * Whatever goes wrong becomes a {@link Diagnostic} naming the file (and the rule and line when a
 * rule fails); nothing escapes to stop the rest of the scan.
 */
final class FileAnalyzer {

  /**
   * What one file produced.
   *
   * @param repeatable false when the outcome says nothing about the file's content (it could
   *     not be read, or its analysis was cut off or failed): never cached
   */
  record FileOutcome(List<Finding> findings, List<Diagnostic> diagnostics, boolean analysed,
      long lines, List<MethodSummary> methods, List<DeferredFinding> deferred,
      Map<String, String> properties, List<TaintedCall> taintedCalls, boolean repeatable) {

    FileOutcome(List<Finding> findings, List<Diagnostic> diagnostics, boolean analysed,
        long lines, List<MethodSummary> methods, List<DeferredFinding> deferred,
        Map<String, String> properties, List<TaintedCall> taintedCalls) {
      this(findings, diagnostics, analysed, lines, methods, deferred, properties, taintedCalls,
          diagnostics.stream().noneMatch(d -> d.kind() == Diagnostic.Kind.READ_ERROR));
    }

    FileOutcome(List<Finding> findings, List<Diagnostic> diagnostics, boolean analysed,
        long lines, List<MethodSummary> methods, List<DeferredFinding> deferred,
        Map<String, String> properties) {
      this(findings, diagnostics, analysed, lines, methods, deferred, properties, List.of());
    }

    FileOutcome(List<Finding> findings, List<Diagnostic> diagnostics, boolean analysed,
        long lines) {
      this(findings, diagnostics, analysed, lines, List.of(), List.of(), Map.of(), List.of());
    }

    /** A file whose analysis was cut off or failed: reported, never cached. */
    static FileOutcome failed(Diagnostic why) {
      return new FileOutcome(List.of(), List.of(why), false, 0, List.of(), List.of(), Map.of(),
          List.of(), false);
    }
  }

  private final RuleDispatcher dispatcher;
  /** True when an input rule runs, so the file's cross-file taint facts are worth collecting. */
  private final boolean usesTaint;

  private final SourceReader reader;
  private final long maxFileBytes;

  FileAnalyzer(RuleDispatcher dispatcher, SourceReader reader, long maxFileBytes) {
    this.dispatcher = dispatcher;
    this.reader = reader;
    this.maxFileBytes = maxFileBytes;
    this.usesTaint = dispatcher.descriptors().stream()
        .anyMatch(d -> d.family() == io.github.bulwark.core.model.Family.INPUT);
  }

  FileOutcome analyse(SourceFile file, JavaParser parser) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    String name = file.relativePath();
    byte[] bytes;
    try {
      java.nio.file.attribute.BasicFileAttributes attributes =
          Files.readAttributes(file.path(), java.nio.file.attribute.BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        // Never opened: reading a FIFO named *.java would block the scan until someone writes.
        diagnostics.add(new Diagnostic(Diagnostic.Kind.READ_ERROR, name, 0, 0,
            "not a regular file (" + (attributes.isDirectory() ? "a directory"
                : "a FIFO, socket or device") + "); not read"));
        return new FileOutcome(List.of(), diagnostics, false, 0);
      }
      long size = attributes.size();
      if (size > maxFileBytes) {
        diagnostics.add(new Diagnostic(Diagnostic.Kind.LIMIT_EXCEEDED, name, 0, 0,
            "file is " + size + " bytes, over the limit of " + maxFileBytes
                + " bytes; not analysed (raise maxFileBytes to include it)"));
        return new FileOutcome(List.of(), diagnostics, false, 0);
      }
      bytes = Files.readAllBytes(file.path());
    } catch (IOException | SecurityException e) {
      diagnostics.add(new Diagnostic(Diagnostic.Kind.READ_ERROR, name, 0, 0,
          "cannot read: " + e));
      return new FileOutcome(List.of(), diagnostics, false, 0);
    }
    if (!file.path().getFileName().toString().endsWith(".java")) {
      return TextFileAnalysis.analyse(file, bytes, reader, dispatcher, diagnostics);
    }
    SourceText source = reader.decode(bytes);
    source.warning().ifPresent(warning ->
        diagnostics.add(new Diagnostic(Diagnostic.Kind.ENCODING_WARNING, name, 0, 0, warning)));
    String[] lines = io.github.bulwark.core.source.Lines.of(source.text());
    long lineCount = lineCount(source.text(), lines);

    CompilationUnit unit;
    try {
      ParseResult<CompilationUnit> result = parser.parse(source.text());
      if (!result.isSuccessful() || result.getResult().isEmpty()) {
        diagnostics.add(parseError(name, result.getProblems()));
        return new FileOutcome(List.of(), diagnostics, false, 0);
      }
      unit = result.getResult().get();
    } catch (StackOverflowError e) {
      diagnostics.add(new Diagnostic(Diagnostic.Kind.PARSE_ERROR, name, 0, 0,
          "nesting too deep for the parser; not analysed"));
      return new FileOutcome(List.of(), diagnostics, false, 0);
    } catch (RuntimeException e) {
      diagnostics.add(new Diagnostic(Diagnostic.Kind.PARSE_ERROR, name, 0, 0,
          "parser failed: " + e));
      return new FileOutcome(List.of(), diagnostics, false, 0);
    }

    List<DeferredFinding> deferred = new ArrayList<>();
    FileContext context = new FileContext(file, unit, source.text(), dispatcher.config(),
        dispatcher.projectHasSources());
    List<CallableDeclaration<?>> callables = new ArrayList<>();
    List<MethodSummaries.BodyNodes> bodies = new ArrayList<>();
    List<Finding> findings = check(context, lines, diagnostics, deferred, callables, bodies);
    List<MethodSummary> methods = new ArrayList<>(callables.size());
    for (int i = 0; i < callables.size(); i++) {
      methods.add(MethodSummaries.of(file.relativePath(), callables.get(i), bodies.get(i)));
    }
    List<TaintedCall> taintedCalls = List.of();
    if (usesTaint) {
      try {
        taintedCalls = context.taint().taintedCalls();
      } catch (RuntimeException | StackOverflowError e) {
        diagnostics.add(new Diagnostic(Diagnostic.Kind.ENGINE_ERROR, file.relativePath(), 0, 0,
            "cross-file taint facts failed: " + e + " (findings of this file are kept)"));
      }
    }
    return new FileOutcome(findings, diagnostics, true, lineCount, methods, deferred, Map.of(),
        taintedCalls);
  }

  /** Lines as editors count them: a final line terminator does not start another line. */
  private static long lineCount(String text, String[] lines) {
    if (text.isEmpty()) {
      return 0;
    }
    return lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
  }

  private static final java.util.regex.Pattern LEXICAL_POSITION =
      java.util.regex.Pattern.compile("at line (\\d{1,9}), column (\\d{1,9})");

  private static Diagnostic parseError(String name, List<Problem> problems) {
    if (problems.isEmpty()) {
      return new Diagnostic(Diagnostic.Kind.PARSE_ERROR, name, 0, 0, "no compilation unit");
    }
    Problem first = problems.get(0);
    int line = 0;
    int column = 0;
    if (first.getLocation().isPresent()) {
      TokenRange tokens = first.getLocation().get();
      if (tokens.getBegin().getRange().isPresent()) {
        line = tokens.getBegin().getRange().get().begin.line;
        column = tokens.getBegin().getRange().get().begin.column;
      }
    }
    java.util.regex.Matcher at = LEXICAL_POSITION.matcher(first.getMessage()
        + first.getCause().map(cause -> " " + cause.getMessage()).orElse(""));
    if (line == 0 && at.find()) {
      // A lexical error (a NUL, a stray character) has no token range, only a message; some
      // parse errors keep the position in their cause alone.
      line = Integer.parseInt(at.group(1));
      column = Integer.parseInt(at.group(2));
    }
    String message = first.getMessage().replaceAll("\\s+", " ").trim();
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    if (problems.size() > 1) {
      message += " (and " + (problems.size() - 1) + " more)";
    }
    return new Diagnostic(Diagnostic.Kind.PARSE_ERROR, name, line, column, message);
  }

  /** Marks, on the walk's stack, where the walk leaves a method or constructor. */
  private static final Object LEAVE_CALLABLE = new Object();

  /**
   * One walk of the unit in pre-order: each node to the rules that subscribed to its class, and
   * the methods and constructors into {@code callables} for the project index, each with the
   * nodes its summary reads in {@code bodies} (collected here, so no method is walked again).
   */
  private List<Finding> check(FileContext context, String[] lines,
      List<Diagnostic> diagnostics, List<DeferredFinding> deferred,
      List<CallableDeclaration<?>> callables, List<MethodSummaries.BodyNodes> bodies) {
    SourceFile file = context.file();
    CompilationUnit unit = context.unit();
    Suppressions suppressions = new Suppressions(unit, lines, context.text());
    String packageName = context.types().packageName();
    List<Finding> findings = new ArrayList<>();
    Map<String, Integer> occurrences = new HashMap<>();

    // One collector per rule for the whole file, told which node it is visiting.
    Collector[] collectors = new Collector[dispatcher.nodeRuleCount()];
    // Pre-order with children in source order, as Node.PreOrderIterator walks, on a stack that
    // also says when a method is left: the methods being walked collect their summary's nodes.
    java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();
    pending.push(unit);
    List<MethodSummaries.BodyNodes> inside = new ArrayList<>();
    while (!pending.isEmpty()) {
      Object next = pending.pop();
      if (next == LEAVE_CALLABLE) {
        inside.remove(inside.size() - 1);
        continue;
      }
      Node node = (Node) next;
      if (node instanceof CallableDeclaration<?> callable) {
        MethodSummaries.BodyNodes body = new MethodSummaries.BodyNodes();
        callables.add(callable);
        bodies.add(body);
        inside.add(body);
        pending.push(LEAVE_CALLABLE);
      }
      List<Node> children = node.getChildNodes();
      for (int i = children.size() - 1; i >= 0; i--) {
        pending.push(children.get(i));
      }
      if (Thread.currentThread().isInterrupted()) {
        break; // over the per-file time limit: the engine has already reported this file
      }
      for (MethodSummaries.BodyNodes body : inside) {
        body.add(node);
      }
      for (RuleDispatcher.ActiveRule active : dispatcher.rulesFor(node.getClass())) {
        Collector sink = collectors[active.index()];
        if (sink == null) {
          sink = new Collector(active, file, lines, packageName, suppressions, occurrences,
              findings, deferred);
          collectors[active.index()] = sink;
        }
        sink.visiting(node);
        try {
          active.rule().check(node, context, sink);
        } catch (RuntimeException | StackOverflowError e) {
          int line = node.getRange().map(r -> r.begin.line).orElse(0);
          int column = node.getRange().map(r -> r.begin.column).orElse(0);
          diagnostics.add(new Diagnostic(Diagnostic.Kind.ENGINE_ERROR, file.relativePath(),
              line, column, "rule " + active.descriptor().id() + " failed: " + e
                  + " (the other rules and files were checked)"));
        }
      }
    }
    return findings;
  }

  /** Turns what one rule reports on one node into findings: location, fix, fingerprint. */
  private static final class Collector implements Findings {
    private final RuleDispatcher.ActiveRule active;
    /** The node the rule is checking: where a finding on a node without a range goes. */
    private Node visited;
    private final SourceFile file;
    private final String[] lines;
    private final String packageName;
    private final Suppressions suppressions;
    private final Map<String, Integer> occurrences;
    private final List<Finding> findings;
    private final List<DeferredFinding> deferred;

    Collector(RuleDispatcher.ActiveRule active, SourceFile file, String[] lines,
        String packageName, Suppressions suppressions, Map<String, Integer> occurrences,
        List<Finding> findings, List<DeferredFinding> deferred) {
      this.active = active;
      this.file = file;
      this.lines = lines;
      this.packageName = packageName;
      this.suppressions = suppressions;
      this.occurrences = occurrences;
      this.findings = findings;
      this.deferred = deferred;
    }

    void visiting(Node node) {
      this.visited = node;
    }

    @Override
    public void reportDeferred(Node flagged, ProjectQuestion question) {
      // Built like any finding (location, suppression, fingerprint), then held back until the
      // project index can answer the question.
      int before = findings.size();
      add(flagged, List.of(), "(deferred)", new Object[0]);
      if (findings.size() > before) {
        deferred.add(new DeferredFinding(findings.remove(findings.size() - 1), question));
      }
    }

    @Override
    public void report(Node flagged, String format, Object... args) {
      add(flagged, List.of(), format, args);
    }

    @Override
    public void reportFlow(Node flagged, Taint taint, String format, Object... args) {
      List<Finding.Step> flow = new ArrayList<>();
      for (FlowStep step : taint.path()) {
        flow.add(new Finding.Step(new SourceRange(step.line(), Math.max(step.column(), 1),
            Math.max(step.endLine(), step.line()), Math.max(step.endColumn(), 1)),
            step.message()));
      }
      add(flagged, flow, format, args);
    }

    private void add(Node flagged, List<Finding.Step> flow, String format, Object[] args) {
      Node at = flagged.getRange().isPresent() ? flagged : visited;
      if (at.getRange().isEmpty()) {
        return;
      }
      com.github.javaparser.Range range = at.getRange().get();
      // Counted before suppressions, so suppressing one of two identical calls leaves the
      // other's fingerprint (and its baseline entry) as it was.
      String declaration = Fingerprints.enclosingDeclaration(at, packageName);
      String code = Fingerprints.normalisedCode(excerpt(lines, range));
      String key = active.descriptor().id() + '\n' + declaration + '\n' + code;
      int occurrence = occurrences.merge(key, 1, Integer::sum);
      // A suppressed finding is kept with its suppression; ScanResult lists it apart.
      io.github.bulwark.core.model.Suppression suppression =
          suppressions.suppression(active.descriptor(), at, range.begin.line).orElse(null);
      findings.add(new Finding(
          active.descriptor().id(),
          active.descriptor().severity(),
          active.descriptor().confidence(),
          file.relativePath(),
          new SourceRange(range.begin.line, range.begin.column,
              range.end.line, Math.max(range.end.column, 1)),
          FileAnalyzer.format(format, args),
          active.descriptor().fix(),
          Fingerprints.hash(active.descriptor().id(), declaration, code, occurrence),
          flow, suppression));
    }
  }

  private static String format(String format, Object[] args) {
    if (args == null || args.length == 0) {
      return format;
    }
    try {
      return String.format(Locale.ROOT, format, args);
    } catch (IllegalFormatException e) {
      return format;
    }
  }

  /** The source text a range covers, from the file's lines. */
  static String excerpt(String[] lines, com.github.javaparser.Range range) {
    StringBuilder text = new StringBuilder();
    for (int line = range.begin.line; line <= range.end.line && line <= lines.length; line++) {
      String content = lines[line - 1];
      int from = line == range.begin.line ? Math.min(range.begin.column - 1, content.length()) : 0;
      int to = line == range.end.line ? Math.min(range.end.column, content.length())
          : content.length();
      if (from < to) {
        text.append(content, from, to);
      }
      text.append('\n');
    }
    return text.toString();
  }
}
