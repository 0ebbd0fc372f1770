package io.github.bulwark.core.project;

import io.github.bulwark.core.model.Finding;

/**
 * A finding that waits for the whole project: located, fingerprinted and checked for
 * suppressions like any other, and reported with the message its rule gives once the
 * {@link ProjectQuestion} is answered (or dropped when the project clears it).
 *
 * @param template the finding as it will be reported, its message a placeholder
 * @param question what the rule asks of the project index
 */
public record DeferredFinding(Finding template, ProjectQuestion question) {}
