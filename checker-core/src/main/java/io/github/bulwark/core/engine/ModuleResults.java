package io.github.bulwark.core.engine;

import io.github.bulwark.core.cache.CachedFile;
import io.github.bulwark.core.cache.ResultCache;
import io.github.bulwark.core.cache.ScanKey;
import io.github.bulwark.core.source.SourceFile;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The modules' own caches, as an aggregate scan consults them: a file under a module's folder
 * is looked up under the name the module's scan gave it, and its results are renamed for the
 * aggregate (the module's folder in front of every file name).
 */
final class ModuleResults {

  private record Module(Path base, ResultCache.Lookup lookup) {}

  /** Deepest folder first, so a nested module wins over its parent. */
  private final List<Module> modules;

  ModuleResults(List<ModuleCache> caches, ScanKey key) {
    this.modules = caches.stream()
        .sorted(Comparator.comparingInt((ModuleCache c) -> c.baseDirectory().getNameCount())
            .reversed())
        .map(c -> new Module(c.baseDirectory(), c.cache().reader(key)))
        .toList();
  }

  /** The module's results for this file and content, renamed for the aggregate scan. */
  Optional<CachedFile> find(SourceFile file, String sha256) {
    Path path = file.path().toAbsolutePath().normalize();
    for (Module module : modules) {
      if (!path.startsWith(module.base())) {
        continue;
      }
      String inModule = SourceFile.of(module.base(), path).relativePath();
      String name = file.relativePath();
      if (!name.endsWith(inModule)) {
        return Optional.empty(); // named some other way (a link): analyse it here
      }
      String prefix = name.substring(0, name.length() - inModule.length());
      return module.lookup().find(inModule, sha256).map(found -> found.rebased(prefix));
    }
    return Optional.empty();
  }
}
