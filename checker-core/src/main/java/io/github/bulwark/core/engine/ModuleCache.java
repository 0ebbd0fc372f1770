package io.github.bulwark.core.engine;

import io.github.bulwark.core.cache.ResultCache;
import java.nio.file.Path;

/**
 * The result cache a module's own scan keeps, and the module's folder, whose files it names
 * relative to it.
 *
 * @param baseDirectory the module's folder, absolute
 * @param cache the cache its scan used
 */
public record ModuleCache(Path baseDirectory, ResultCache cache) {}
