package io.github.bulwark.core.source;

import java.util.Optional;

/**
 * A file's decoded text, and a warning when decoding needed help (replacement characters, or a
 * byte-order mark that overrode the configured encoding).
 */
public record SourceText(String text, String charsetUsed, Optional<String> warning) {}
