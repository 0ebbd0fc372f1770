package io.github.bulwark.core.source;

import java.nio.file.Path;

/**
 * A source file found under a scan root.
 *
 * @param path absolute, normalised path on disk
 * @param relativePath the path reports print: relative to the scan's base directory when the
 *     file lies under it, otherwise to the root it was found under; '/' separators always
 */
public record SourceFile(Path path, String relativePath) {

  /** A file under {@code base}; {@code base} is a directory. */
  public static SourceFile of(Path base, Path path) {
    Path absoluteBase = base.toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    // Only the platform's separator: on Linux '\\' is part of a name, not a folder boundary.
    String relative = absolute.startsWith(absoluteBase) && !absolute.equals(absoluteBase)
        ? absoluteBase.relativize(absolute).toString().replace(java.io.File.separatorChar, '/')
        : absolute.toString().replace(java.io.File.separatorChar, '/');
    return new SourceFile(absolute, relative);
  }
}
