import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import io.github.bulwark.core.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The parse floor: every .java file under DIR read and parsed once with the parser Bulwark
 * builds ({@link Engine#newParser()}), one parser per worker thread, as many workers as cores,
 * workers with the engine's large stack. Nothing else: no rules, no taint, no report. The AST is
 * dropped after each file, as the engine drops it.
 *
 * <p>Usage: {@code java -cp bulwark.jar:bench/target/classes ParseFloor DIR}
 */
public final class ParseFloor {

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
          .sorted().toList();
    }
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger workers = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(null, task, "floor-" + workers.incrementAndGet(),
          512L * 1024 * 1024);
      thread.setDaemon(true);
      return thread;
    });
    ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(Engine::newParser);
    List<Future<long[]>> results = new ArrayList<>();
    for (Path file : files) {
      results.add(pool.submit(() -> parse(parsers.get(), file)));
    }
    long lines = 0;
    int failures = 0;
    for (Future<long[]> result : results) {
      long[] outcome = result.get();
      lines += outcome[0];
      failures += (int) outcome[1];
    }
    pool.shutdown();
    System.out.println("floor: files=" + files.size() + " lines=" + lines
        + " parse_failures=" + failures);
  }

  private static long[] parse(JavaParser parser, Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    long lines = text.lines().count();
    try {
      ParseResult<CompilationUnit> result = parser.parse(text);
      return new long[] {lines, result.isSuccessful() ? 0 : 1};
    } catch (RuntimeException | StackOverflowError e) {
      return new long[] {lines, 1};
    }
  }
}
