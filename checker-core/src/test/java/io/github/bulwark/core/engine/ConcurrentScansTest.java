package io.github.bulwark.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.testing.SourceTree;
import io.github.bulwark.core.testing.TestRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans running at once in one JVM (Maven's {@code -T}) share no parser or rule state: each gives
 * what it gives alone.
 */
class ConcurrentScansTest {

  @TempDir Path first;
  @TempDir Path second;

  private static void fill(SourceTree tree, String flavour, int files) {
    for (int i = 0; i < files; i++) {
      StringBuilder text = new StringBuilder("package " + flavour + ";\n\nclass K" + i + " {\n");
      for (int m = 0; m < 4; m++) {
        text.append("  void m").append(m).append("(String s) {\n");
        text.append("    danger(\"").append(flavour).append(i).append(m).append("\" + s);\n");
        if ((i + m) % 3 == 0) {
          text.append("    risky(); // bulwark:ignore RiskyCall -- reviewed\n");
        } else {
          text.append("    risky();\n");
        }
        text.append("  }\n");
      }
      text.append("}\n");
      tree.write("src/" + flavour + "/K" + i + ".java", text.toString());
    }
    tree.write("src/" + flavour + "/Broken.java", "class Broken {\n");
  }

  @Test
  void twoScansAtOnceGiveWhatEachGivesAlone() throws Exception {
    SourceTree a = new SourceTree(first);
    SourceTree b = new SourceTree(second);
    fill(a, "alpha", 40);
    fill(b, "beta", 40);
    Engine engine = new Engine(TestRules.standard());
    ScanResult aloneA = engine.scan(a.request().threads(1).build());
    ScanResult aloneB = engine.scan(b.request().threads(1).build());
    assertTrue(aloneA.findings().size() > 100);

    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<ScanResult>> running = new ArrayList<>();
        // One engine shared by both callers, as a plugin instance would be.
        running.add(callers.submit(() -> {
          start.await();
          return engine.scan(a.request().threads(3).build());
        }));
        running.add(callers.submit(() -> {
          start.await();
          return new Engine(TestRules.standard()).scan(b.request().threads(3).build());
        }));
        ScanResult concurrentA = running.get(0).get(60, TimeUnit.SECONDS);
        ScanResult concurrentB = running.get(1).get(60, TimeUnit.SECONDS);
        assertSame(aloneA, concurrentA);
        assertSame(aloneB, concurrentB);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  private static void assertSame(ScanResult expected, ScanResult actual) {
    assertEquals(expected.findings(), actual.findings());
    assertEquals(expected.diagnostics(), actual.diagnostics());
    assertEquals(expected.filesDiscovered(), actual.filesDiscovered());
    assertEquals(expected.filesAnalysed(), actual.filesAnalysed());
    assertEquals(expected.linesAnalysed(), actual.linesAnalysed());
  }
}
