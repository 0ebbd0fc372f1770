package io.github.bulwark.core.engine;

import io.github.bulwark.core.cache.ResultCache;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one scan needs to know, whoever asks (the Maven plugin, the CLI, a test). Built
 * with {@link #builder()}; each setter checks its argument at once so a bad option fails with a
 * message naming it, before any file is read.
 */
public final class ScanRequest {

  /** Files larger than this are reported and not analysed, unless configured otherwise. */
  public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

  /**
   * Files whose analysis takes longer than this are reported and dropped, unless configured.
   * Generous: JavaParser reads about 0.2 MB/s on a loaded two-core CI runner, so a file at the
   * default size limit needs about a minute.
   */
  public static final long DEFAULT_MAX_FILE_MILLIS = 120_000;

  private final List<Path> roots;
  private final Optional<Path> baseDirectory;
  private final List<String> includes;
  private final List<String> excludes;
  private final boolean includeGenerated;
  private final Charset encoding;
  private final List<String> ruleIds;
  private final int threads;
  private final long maxFileBytes;
  private final io.github.bulwark.core.config.BulwarkConfig config;
  private final long maxFileMillis;
  private final ResultCache cache;
  private final boolean assumeUntrustedInput;
  private final List<ModuleCache> moduleCaches;

  private ScanRequest(Builder builder) {
    this.roots = List.copyOf(builder.roots);
    this.baseDirectory = Optional.ofNullable(builder.baseDirectory);
    this.includes = List.copyOf(builder.includes);
    this.excludes = List.copyOf(builder.excludes);
    this.includeGenerated = builder.includeGenerated;
    this.encoding = builder.encoding;
    this.ruleIds = List.copyOf(builder.ruleIds);
    this.threads = builder.threads;
    this.maxFileBytes = builder.maxFileBytes;
    this.config = builder.config;
    this.maxFileMillis = builder.maxFileMillis;
    this.cache = builder.cache;
    this.assumeUntrustedInput = builder.assumeUntrustedInput;
    this.moduleCaches = List.copyOf(builder.moduleCaches);
  }

  private ScanRequest(ScanRequest request, ResultCache cache, boolean assumeUntrustedInput,
      List<ModuleCache> moduleCaches) {
    this.roots = request.roots;
    this.baseDirectory = request.baseDirectory;
    this.includes = request.includes;
    this.excludes = request.excludes;
    this.includeGenerated = request.includeGenerated;
    this.encoding = request.encoding;
    this.ruleIds = request.ruleIds;
    this.threads = request.threads;
    this.maxFileBytes = request.maxFileBytes;
    this.config = request.config;
    this.maxFileMillis = request.maxFileMillis;
    this.cache = cache;
    this.assumeUntrustedInput = assumeUntrustedInput;
    this.moduleCaches = List.copyOf(moduleCaches);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Path> roots() {
    return roots;
  }

  /**
   * The directory report paths are relative to: as configured, else the working directory when
   * it holds every root, else the deepest directory that holds every root.
   */
  public Path baseDirectory() {
    if (baseDirectory.isPresent()) {
      return baseDirectory.get().toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    List<Path> absolute = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
    if (absolute.stream().allMatch(r -> r.startsWith(cwd))) {
      return cwd;
    }
    Path common = null;
    for (Path root : absolute) {
      Path directory = java.nio.file.Files.isRegularFile(root) ? root.getParent() : root;
      if (common == null) {
        common = directory;
      } else {
        while (!directory.startsWith(common)) {
          common = common.getParent();
        }
      }
    }
    return common == null ? cwd : common;
  }

  public List<String> includes() {
    return includes;
  }

  public List<String> excludes() {
    return excludes;
  }

  public boolean includeGenerated() {
    return includeGenerated;
  }

  public Charset encoding() {
    return encoding;
  }

  /** The rule ids to run; empty means every rule. */
  public List<String> ruleIds() {
    return ruleIds;
  }

  public int threads() {
    return threads;
  }

  /** The project's {@code bulwark.yml}, or an empty configuration. */
  public io.github.bulwark.core.config.BulwarkConfig config() {
    return config;
  }

  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** The longest one file's analysis may take before it is reported as over the limit. */
  public long maxFileMillis() {
    return maxFileMillis;
  }

  /** The result cache that spares unchanged files a new parse; empty means none. */
  public Optional<ResultCache> cache() {
    return Optional.ofNullable(cache);
  }

  /**
   * True when the scan is one part of a larger project (a module of a reactor): it then asks
   * the cross-file questions a project that reads untrusted input needs, even if its own files
   * read none, so its cached results can be merged with the other parts'.
   */
  public boolean assumeUntrustedInput() {
    return assumeUntrustedInput;
  }

  /** Caches of parts of the scanned tree (modules), whose results are taken as they are. */
  public List<ModuleCache> moduleCaches() {
    return moduleCaches;
  }

  /** This request with another result cache ({@code null}: none). */
  public ScanRequest withCache(ResultCache other) {
    return new ScanRequest(this, other, assumeUntrustedInput, moduleCaches);
  }

  /**
   * This request as one part of a larger project ({@code part}: see
   * {@link #assumeUntrustedInput()}) and merging the cached results of {@code modules}.
   */
  public ScanRequest withParts(boolean part, List<ModuleCache> modules) {
    return new ScanRequest(this, cache, part, modules);
  }

  /** Builds a {@link ScanRequest}; rejects each bad value as it is set. */
  public static final class Builder {
    private final List<Path> roots = new ArrayList<>();
    private Path baseDirectory;
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private boolean includeGenerated;
    private Charset encoding = StandardCharsets.UTF_8;
    private final List<String> ruleIds = new ArrayList<>();
    private int threads = Runtime.getRuntime().availableProcessors();
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private io.github.bulwark.core.config.BulwarkConfig config =
        io.github.bulwark.core.config.BulwarkConfig.EMPTY;
    private long maxFileMillis = DEFAULT_MAX_FILE_MILLIS;
    private ResultCache cache;
    private boolean assumeUntrustedInput;
    private final List<ModuleCache> moduleCaches = new ArrayList<>();

    private Builder() {}

    /** See {@link ScanRequest#assumeUntrustedInput()}. */
    public Builder assumeUntrustedInput(boolean value) {
      this.assumeUntrustedInput = value;
      return this;
    }

    /**
     * Takes the results of files under {@code moduleBase} from the cache a scan of that module
     * (with the same rules, configuration and {@link #assumeUntrustedInput}) left in
     * {@code moduleCache}, when their content is unchanged: the reactor's aggregate scan merges
     * the modules' results without parsing their files again.
     */
    public Builder moduleCache(Path moduleBase, ResultCache moduleCache) {
      moduleCaches.add(new ModuleCache(moduleBase.toAbsolutePath().normalize(), moduleCache));
      return this;
    }

    public Builder root(Path root) {
      roots.add(Objects.requireNonNull(root, "root"));
      return this;
    }

    public Builder roots(List<Path> paths) {
      paths.forEach(this::root);
      return this;
    }

    public Builder baseDirectory(Path base) {
      this.baseDirectory = base;
      return this;
    }

    public Builder include(String glob) {
      includes.add(Objects.requireNonNull(glob, "glob"));
      return this;
    }

    public Builder includes(List<String> globs) {
      if (globs != null) {
        globs.forEach(this::include);
      }
      return this;
    }

    public Builder exclude(String glob) {
      excludes.add(Objects.requireNonNull(glob, "glob"));
      return this;
    }

    public Builder excludes(List<String> globs) {
      if (globs != null) {
        globs.forEach(this::exclude);
      }
      return this;
    }

    public Builder includeGenerated(boolean value) {
      this.includeGenerated = value;
      return this;
    }

    public Builder encoding(Charset charset) {
      this.encoding = Objects.requireNonNull(charset, "encoding");
      return this;
    }

    /** Sets the encoding by name; an unknown name is an {@link IllegalArgumentException}. */
    public Builder encoding(String name) {
      if (name == null || name.isBlank()) {
        return this;
      }
      try {
        return encoding(Charset.forName(name.trim()));
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        throw new IllegalArgumentException("unknown encoding '" + name
            + "': use a Java charset name such as UTF-8, ISO-8859-1 or windows-1252", e);
      }
    }

    /** Restricts the scan to these rules (ids or former ids); comma lists are split. */
    public Builder rules(List<String> ids) {
      if (ids != null) {
        for (String id : ids) {
          for (String part : id.split(",")) {
            if (!part.isBlank()) {
              ruleIds.add(part.trim());
            }
          }
        }
      }
      return this;
    }

    public Builder threads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + count);
      }
      this.threads = count;
      return this;
    }

    /** Applies a project configuration (rules switched off, severities, taint models). */
    public Builder config(io.github.bulwark.core.config.BulwarkConfig configuration) {
      this.config = java.util.Objects.requireNonNull(configuration, "config");
      return this;
    }

    public Builder maxFileBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxFileBytes must be positive, was " + bytes);
      }
      this.maxFileBytes = bytes;
      return this;
    }

    /**
     * The longest one file's analysis (read, parse, rules) may take; a file over it is reported
     * as {@code LIMIT_EXCEEDED} and the scan goes on without waiting for it.
     */
    public Builder maxFileMillis(long millis) {
      if (millis < 1) {
        throw new IllegalArgumentException("maxFileMillis must be positive, was " + millis);
      }
      this.maxFileMillis = millis;
      return this;
    }

    /** Reuses results of unchanged files from {@code resultCache}; {@code null}: none. */
    public Builder cache(ResultCache resultCache) {
      this.cache = resultCache;
      return this;
    }

    public ScanRequest build() {
      if (roots.isEmpty()) {
        throw new IllegalArgumentException("no path to scan");
      }
      return new ScanRequest(this);
    }
  }
}
