package io.github.bulwark.runtime.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bulwark.runtime.RateLimiter;
import io.github.bulwark.runtime.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Helpers shared by every request thread, under the contention an attacker can create. The
 * single-concern cases (16 threads on one key, one TOTP code verified by 16 threads, hashing and
 * API keys from many threads) live in each helper's own test; these combine them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HelpersUnderContentionTest {

  private static final int THREADS = 16;

  /**
   * 16 threads flood the limiter with a million made-up keys while hammering one real key: the
   * table stays within maxKeys, and the flood cannot evict the hammered key's empty bucket to
   * hand it a fresh, full one.
   */
  @Test
  void aMillionKeyFloodNeitherGrowsTheTableNorRefillsAHotKey() throws Exception {
    int maxKeys = 10_000;
    int capacity = 5;
    RateLimiter limiter = RateLimiter.perKey().capacity(capacity)
        .refillEvery(Duration.ofHours(1)).maxKeys(maxKeys).build();
    AtomicInteger hotAdmitted = new AtomicInteger();
    AtomicInteger largest = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 1_000_000 / THREADS; i++) {
            limiter.tryAcquire("flood-" + thread + "-" + i);
            if (limiter.tryAcquire("victim@example.com").allowed()) {
              hotAdmitted.incrementAndGet();
            }
            if ((i & 1023) == 0) {
              largest.accumulateAndGet(limiter.trackedKeys(), Math::max);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // Calls in flight on other threads may hold one extra entry each for an instant.
    assertTrue(largest.get() <= maxKeys + THREADS, "tracked " + largest.get());
    assertTrue(limiter.trackedKeys() <= maxKeys, "tracked " + limiter.trackedKeys());
    assertEquals(capacity, hotAdmitted.get(), "admissions of the hammered key");
  }

  /** Tokens from 16 threads at once are all distinct (no shared, racing generator state). */
  @Test
  void tokensFromSixteenThreadsAreAllDistinct() throws Exception {
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    AtomicInteger made = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 5_000; i++) {
            tokens.add(Tokens.urlSafe());
            made.incrementAndGet();
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(made.get(), tokens.size());
  }
}
