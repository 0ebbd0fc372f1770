package io.github.bulwark.core.rule;

import io.github.bulwark.core.project.ProjectIndex;
import io.github.bulwark.core.project.ProjectQuestion;
import java.util.Optional;

/**
 * A rule that reports some findings with {@link Findings#reportDeferred}: after every file of
 * the project has been read (or taken from the cache), the engine hands each of its questions
 * back with the project index, and the rule gives the finding's message, or empty when something
 * elsewhere in the project clears it.
 */
public interface ProjectRule {

  /**
   * Answers one of this rule's questions. Must depend on the question and the index only (never
   * on state kept from the file's analysis): the question may come from the cache of an earlier
   * run.
   */
  Optional<String> decide(ProjectQuestion question, ProjectIndex index);
}
