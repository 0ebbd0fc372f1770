package io.github.bulwark.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import io.github.bulwark.core.JavaFixtures;
import io.github.bulwark.core.project.MethodSummaries;
import io.github.bulwark.core.project.MethodSummary;
import io.github.bulwark.core.source.SourceFile;
import io.github.bulwark.core.source.SourceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summaries the engine builds from its one walk of a file are those a walk of each method
 * gives: same nodes, same order (string literals are capped in source order), nesting included.
 */
class MethodSummariesFromWalkTest {

  private static final String NESTED = """
      package com.acme;
      class Outer {
        Outer(String a) { this.a = a; call("c0", a); }
        String a;
        void m(String p, int n) {
          String local = p + "x";
          Runnable r = new Runnable() {
            @Override public void run() { send(local, "inner"); new Thing(p); }
          };
          java.util.function.Function<String, String> f = s -> helper(s, "lambda");
          log.info("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
              "p", "q", "r", "s");
          class Local { int get(String q) { return q.length(); } }
          for (String each : list()) { target.write(each, p); }
        }
        enum E { A; void e(String v) { sink(v); } }
        record R(String x) { R { check(x); } }
      }
      """;

  @Test
  void nestedClassesLambdasAndCappedLiterals(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("Outer.java");
    Files.writeString(source, NESTED);
    assertSameSummaries(source, "Outer.java");
  }

  @Test
  void everyFixture() throws IOException {
    for (Path source : JavaFixtures.everyJavaSource()) {
      assertSameSummaries(source, source.toString());
    }
  }

  private static void assertSameSummaries(Path source, String relative) throws IOException {
    FileAnalyzer analyzer = new FileAnalyzer(new RuleDispatcher(List.of()),
        new SourceReader(StandardCharsets.UTF_8), Long.MAX_VALUE);
    FileAnalyzer.FileOutcome outcome =
        analyzer.analyse(new SourceFile(source, relative), Engine.newParser());
    if (!outcome.analysed()) {
      return; // a fixture that does not parse has no summaries either way
    }
    CompilationUnit unit = Engine.newParser().parse(Files.readString(source)).getResult()
        .orElseThrow();
    List<MethodSummary> walkedEach = new ArrayList<>();
    for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
      walkedEach.add(MethodSummaries.of(relative, callable));
    }
    assertEquals(walkedEach, outcome.methods(), relative);
  }
}
