package io.github.bulwark.core.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@code .java} files to scan under a set of roots. Globs match the path relative to
 * the root ({@code **}{@code /legacy/**}, {@code com/acme/*.java}). Build output ({@code target/},
 * {@code build/}), hidden folders and generated sources are skipped unless asked for, because
 * findings in code nobody edits are findings nobody fixes. Inside a {@code java} source folder
 * those build-output names are packages ({@code com.acme.build}) and are scanned.
 */
public final class SourceDiscovery {

  private static final List<String> BUILD_OUTPUT_DIRS = List.of("target", "build", "out", "bin");

  private final List<PathMatcher> includes;
  private final List<PathMatcher> excludes;
  private final boolean includeGenerated;
  private final java.util.function.Predicate<String> alsoAccept;

  public SourceDiscovery(
      Collection<String> includes, Collection<String> excludes, boolean includeGenerated) {
    this(includes, excludes, includeGenerated, name -> false);
  }

  /**
   * Discovery that also collects the non-Java files {@code alsoAccept} wants by file name
   * (configuration read by text-file rules).
   */
  public SourceDiscovery(Collection<String> includes, Collection<String> excludes,
      boolean includeGenerated, java.util.function.Predicate<String> alsoAccept) {
    this.includes = compile(includes);
    this.excludes = compile(excludes);
    this.includeGenerated = includeGenerated;
    this.alsoAccept = alsoAccept;
  }

  private boolean wanted(String fileName) {
    return fileName.endsWith(".java") || alsoAccept.test(fileName);
  }

  private static List<PathMatcher> compile(Collection<String> globs) {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String glob : globs) {
      String trimmed = glob.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      try {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + trimmed));
        // "**/X" should also match X at the top of the root, as Ant and Maven users expect.
        if (trimmed.startsWith("**/")) {
          matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + trimmed.substring(3)));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad glob '" + trimmed + "': " + e.getMessage(), e);
      }
    }
    return List.copyOf(matchers);
  }

  /**
   * The files under {@code roots}, each once, in path order, named relative to {@code base}
   * (which should contain every root). A root that is a file is scanned as given, whatever its
   * name. A missing or unreadable root is an {@link IllegalArgumentException}. Symbolic links
   * are followed (a loop is walked once); a file reached by two paths is kept once, under the
   * first of them in path order. A FIFO, device or broken link named like a source is listed, so
   * the scan reports it by name instead of losing it (it is never opened).
   */
  public List<SourceFile> discover(Collection<Path> roots, Path base) {
    Map<Object, SourceFile> found = new LinkedHashMap<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new IllegalArgumentException("path does not exist: " + root);
      }
      if (!Files.isReadable(root)) {
        throw new IllegalArgumentException("path is not readable: " + root);
      }
      if (!Files.isDirectory(root)) { // a file, or a FIFO or device reported by name
        SourceFile file = SourceFile.of(base, root);
        keep(found, file, fileKey(root));
        continue;
      }
      walk(root, base, found);
    }
    List<SourceFile> files = new ArrayList<>(found.values());
    files.sort(Comparator.comparing(SourceFile::path));
    return files;
  }

  private void walk(Path root, Path base, Map<Object, SourceFile> found) {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    try {
      Files.walkFileTree(absoluteRoot, EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (dir.equals(absoluteRoot)) {
            return FileVisitResult.CONTINUE;
          }
          String name = dir.getFileName().toString();
          Path relative = absoluteRoot.relativize(dir);
          if (name.startsWith(".")
              || (BUILD_OUTPUT_DIRS.contains(name) && !insideJavaSources(absoluteRoot, relative))
              || (!includeGenerated && isGenerated(name))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          return matchesAny(excludes, relative) ? FileVisitResult.SKIP_SUBTREE
              : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          // Not only regular files: a FIFO, device or broken link named like a source is
          // reported by the scan (never opened) rather than silently left out.
          if (!attrs.isDirectory() && wanted(file.getFileName().toString())) {
            Path relative = absoluteRoot.relativize(file);
            if ((includes.isEmpty() || matchesAny(includes, relative))
                && !matchesAny(excludes, relative)) {
              keep(found, SourceFile.of(base, file), attrs.fileKey());
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          // An unreadable entry is not a reason to lose the rest of the tree; the scan
          // reports it as a read error when it tries the file.
          if (file.getFileName() != null && wanted(file.getFileName().toString())
              && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            keep(found, SourceFile.of(base, file), fileKey(file));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + root + ": " + e.getMessage(), e);
    }
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /**
   * Keeps each file once, under its first name in path order. A file is known by its file key
   * (device and inode, free with the attributes the walk already read) or, where the file
   * system has none, by its real path (a system call per path component).
   */
  private static void keep(Map<Object, SourceFile> found, SourceFile file, Object fileKey) {
    Object identity = fileKey;
    if (identity == null) {
      try {
        identity = file.path().toRealPath();
      } catch (IOException | SecurityException e) {
        identity = file.path(); // broken link, loop, vanished: reported when it is read
      }
    }
    found.merge(identity, file, (kept, other) -> kept.path().compareTo(other.path()) <= 0
        ? kept : other);
  }

  /**
   * True below a {@code java} source folder (the root itself, or a {@code java} folder under the
   * root), where {@code build} or {@code out} is a package such as {@code com.acme.build}, not
   * build output: skipping it would silently leave real code unscanned.
   */
  private static boolean insideJavaSources(Path absoluteRoot, Path relativeDirectory) {
    if (absoluteRoot.getFileName() != null
        && absoluteRoot.getFileName().toString().equals("java")) {
      return true;
    }
    for (int i = 0; i < relativeDirectory.getNameCount() - 1; i++) {
      if (relativeDirectory.getName(i).toString().equals("java")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGenerated(String directoryName) {
    return directoryName.equals("generated-sources")
        || directoryName.equals("generated-test-sources")
        || directoryName.equals("generated");
  }

  private static boolean matchesAny(List<PathMatcher> matchers, Path relative) {
    for (PathMatcher matcher : matchers) {
      if (matcher.matches(relative)) {
        return true;
      }
    }
    return false;
  }
}
