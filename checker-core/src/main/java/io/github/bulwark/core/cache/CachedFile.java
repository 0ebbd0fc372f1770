package io.github.bulwark.core.cache;

import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.project.DeferredFinding;
import io.github.bulwark.core.project.MethodSummary;
import io.github.bulwark.core.project.TaintedCall;
import java.util.List;
import java.util.Map;

/**
 * What one file's analysis produced, as the cache keeps it: everything the engine would otherwise
 * re-parse the file for. Findings that depend on other files are kept as deferred findings with
 * their questions (plain data), asked again against each scan's project index.
 *
 * @param findings the file's findings, suppressed ones included, in the order the rules made them
 * @param diagnostics what the analysis ran into (encoding warnings, parse errors, rule failures)
 * @param analysed whether the file was analysed (false for parse errors, binary files)
 * @param lines the number of lines analysed
 * @param methods the compact per-method facts the project index needs
 * @param properties configuration properties the file declares (properties files)
 * @param taintedCalls untrusted data the file passes to methods of other files
 * @param deferred findings whose verdict waits for the whole project, with their questions
 */
public record CachedFile(
    List<Finding> findings,
    List<Diagnostic> diagnostics,
    boolean analysed,
    long lines,
    List<MethodSummary> methods,
    Map<String, String> properties,
    List<TaintedCall> taintedCalls,
    List<DeferredFinding> deferred) {

  public CachedFile {
    findings = List.copyOf(findings);
    diagnostics = List.copyOf(diagnostics);
    methods = List.copyOf(methods);
    properties = Map.copyOf(properties);
    taintedCalls = List.copyOf(taintedCalls);
    deferred = List.copyOf(deferred);
    if (lines < 0) {
      throw new IllegalArgumentException("negative line count " + lines);
    }
  }

  /**
   * These results with every file name prefixed by {@code prefix} (a module's folder relative
   * to the reactor root, ending in {@code /}): a module's cached results as the reactor's
   * aggregate scan names them.
   */
  public CachedFile rebased(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    return new CachedFile(
        findings.stream().map(f -> f.inFile(prefix + f.file())).toList(),
        diagnostics.stream().map(d -> new Diagnostic(d.kind(), prefix + d.file(), d.line(),
            d.column(), d.message())).toList(),
        analysed, lines,
        methods.stream().map(m -> rebased(m, prefix)).toList(),
        properties,
        taintedCalls.stream().map(c -> new TaintedCall(prefix + c.file(), c.line(), c.callee(),
            c.arity(), c.argument(), c.receiverType(), c.taint())).toList(),
        deferred.stream().map(d -> new DeferredFinding(
            d.template().inFile(prefix + d.template().file()),
            new io.github.bulwark.core.project.ProjectQuestion(d.question().facts(),
                d.question().methods().stream().map(m -> rebased(m, prefix)).toList())))
            .toList());
  }

  private static MethodSummary rebased(MethodSummary m, String prefix) {
    return new MethodSummary(prefix + m.file(), m.type(), m.name(), m.arity(), m.calls(),
        m.calledNames(), m.annotations(), m.literals(), m.supertypes(), m.parameterFlows());
  }
}
