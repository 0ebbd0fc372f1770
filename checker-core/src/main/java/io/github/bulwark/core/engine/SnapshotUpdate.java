package io.github.bulwark.core.engine;

import io.github.bulwark.core.cache.CachedFile;
import io.github.bulwark.core.cache.Snapshot;
import io.github.bulwark.core.model.Diagnostic;
import io.github.bulwark.core.model.Finding;
import io.github.bulwark.core.project.DeferredFinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The last scan's whole result, updated for a few edited files when their edits changed no fact
 * the project index holds (method summaries, tainted calls, properties) and no question their
 * deferred findings ask. The project index is then the one the last scan decided every question
 * against, so every other file's findings stand as they were, and the edited files' questions
 * have the answers they had: the edit is reported without reading any other file's results or
 * asking anything again. Most edits inside a method body that add no call, literal or
 * annotation qualify (a condition, a loop, arithmetic, a comment, formatting); any other edit
 * is assembled in full.
 */
final class SnapshotUpdate {

  /** More edited files than this are assembled in full: the update would save little. */
  static final int MAX_EDITED_FILES = 64;

  private SnapshotUpdate() {}

  /**
   * The updated result, or empty when some edited file's facts or questions changed (or its
   * analysis was cut off, or the last scan kept nothing for it).
   *
   * @param before the last scan's whole result, of these files with the edited ones at their
   *     old content
   * @param edited each edited file's fresh analysis, by path
   * @param previous what the last scan kept for an edited file at its old content
   */
  static Optional<Snapshot> apply(Snapshot before,
      Map<String, FileAnalyzer.FileOutcome> edited,
      Function<String, Optional<CachedFile>> previous) {
    Map<String, List<Optional<String>>> decisions = new HashMap<>(before.decisions());
    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    int analysed = before.analysed();
    long lines = before.lines();
    for (Map.Entry<String, FileAnalyzer.FileOutcome> file : edited.entrySet()) {
      String path = file.getKey();
      FileAnalyzer.FileOutcome now = file.getValue();
      Optional<CachedFile> old = now.repeatable() ? previous.apply(path) : Optional.empty();
      List<Optional<String>> decided = before.decisions().getOrDefault(path, List.of());
      if (old.isEmpty() || !sameFacts(old.get(), now)
          || decided.size() != now.deferred().size()) {
        return Optional.empty();
      }
      findings.addAll(now.findings());
      for (int i = 0; i < decided.size(); i++) {
        DeferredFinding pending = now.deferred().get(i);
        decided.get(i).ifPresent(message -> findings.add(pending.template().withMessage(message)));
      }
      diagnostics.addAll(now.diagnostics());
      analysed += (now.analysed() ? 1 : 0) - (old.get().analysed() ? 1 : 0);
      lines += now.lines() - old.get().lines();
    }
    before.findings().stream().filter(f -> !edited.containsKey(f.file()))
        .forEach(findings::add);
    before.diagnostics().stream().filter(d -> !edited.containsKey(d.file()))
        .forEach(diagnostics::add);
    findings.sort(Finding.ORDER);
    diagnostics.sort(Diagnostic.ORDER);
    return Optional.of(new Snapshot(findings, diagnostics, analysed, lines, decisions));
  }

  /**
   * True when the file gives the project index what it gave before and asks the same
   * questions of the same rules (a question's location is not part of it: an edit that only
   * moves a deferred finding keeps its answer).
   */
  private static boolean sameFacts(CachedFile old, FileAnalyzer.FileOutcome now) {
    return old.methods().equals(now.methods())
        && old.properties().equals(now.properties())
        && old.taintedCalls().equals(now.taintedCalls())
        && questions(old.deferred()).equals(questions(now.deferred()));
  }

  private static List<List<Object>> questions(List<DeferredFinding> deferred) {
    return deferred.stream()
        .map(d -> List.<Object>of(d.template().ruleId(), d.question()))
        .toList();
  }
}
