package io.github.bulwark.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.core.cache.ResultCache;
import io.github.bulwark.core.rule.RuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cacheDirectory} / {@code useCache} become the request's result cache, or none. */
class CheckPlanCacheTest {

  @TempDir Path project;

  @Test
  void cacheDirectoryBecomesTheRequestsCache() throws Exception {
    Path main = Files.createDirectories(project.resolve("src/main/java"));
    Path cache = project.resolve("target/bulwark/cache");
    CheckPlan plan = new CheckPlan.Builder().roots(List.of(main)).baseDirectory(project)
        .cache(cache, warning -> { }).build(RuleRegistry.load());
    assertEquals(cache, plan.request().cache().map(ResultCache::directory).orElseThrow());
  }

  @Test
  void noDirectoryMeansNoCache() throws Exception {
    Path main = Files.createDirectories(project.resolve("src/main/java"));
    CheckPlan plan = new CheckPlan.Builder().roots(List.of(main)).baseDirectory(project)
        .cache(null, warning -> { }).build(RuleRegistry.load());
    assertTrue(plan.request().cache().isEmpty());
  }
}
