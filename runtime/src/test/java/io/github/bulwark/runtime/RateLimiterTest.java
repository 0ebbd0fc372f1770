package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks exact token-bucket arithmetic on a test clock, thread safety, and the key bound. */
@Timeout(10)
class RateLimiterTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);

  private RateLimiter.Builder limiter() {
    return RateLimiter.perKey().clock(now::get);
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void admitsCapacityThenRefillsOneStepAtATime() {
    RateLimiter limiter = limiter().capacity(3).refillEvery(Duration.ofSeconds(10)).build();
    assertEquals(2, limiter.tryAcquire("k").remaining());
    assertEquals(1, limiter.tryAcquire("k").remaining());
    assertEquals(0, limiter.tryAcquire("k").remaining());
    RateLimiter.Decision refused = limiter.tryAcquire("k");
    assertFalse(refused.allowed());
    assertEquals(0, refused.remaining());
    assertEquals(Duration.ofSeconds(10), refused.retryAfter());
    advance(Duration.ofSeconds(3));
    assertEquals(Duration.ofSeconds(7), limiter.tryAcquire("k").retryAfter());
    advance(Duration.ofSeconds(7));
    RateLimiter.Decision allowed = limiter.tryAcquire("k");
    assertTrue(allowed.allowed());
    assertEquals(Duration.ZERO, allowed.retryAfter());
    assertEquals(0, allowed.remaining());
    assertEquals(Duration.ofSeconds(10), limiter.tryAcquire("k").retryAfter());
    advance(Duration.ofSeconds(25)); // two whole steps, half a step left over
    assertTrue(limiter.tryAcquire("k").allowed());
    assertTrue(limiter.tryAcquire("k").allowed());
    assertEquals(Duration.ofSeconds(5), limiter.tryAcquire("k").retryAfter());
    advance(Duration.ofHours(1)); // never more than the capacity
    int admitted = 0;
    while (limiter.tryAcquire("k").allowed()) {
      admitted++;
    }
    assertEquals(3, admitted);
  }

  @Test
  void refillsSeveralTokensPerPeriodAndKeysAreIndependent() {
    RateLimiter limiter = limiter().capacity(5).refill(2, Duration.ofMinutes(1)).build();
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.tryAcquire("a").allowed());
    }
    assertFalse(limiter.tryAcquire("a").allowed());
    assertTrue(limiter.tryAcquire("b").allowed());
    advance(Duration.ofMinutes(1));
    assertEquals(2, limiter.peek("a").remaining());
    assertEquals(1, limiter.tryAcquire("a").remaining());
    assertEquals(0, limiter.tryAcquire("a").remaining());
    assertFalse(limiter.tryAcquire("a").allowed());
    assertEquals(5, limiter.peek("never-seen").remaining());
    limiter.reset("a");
    assertEquals(4, limiter.tryAcquire("a").remaining());
  }

  @Test
  void perSecondAdmitsOneRequestPerSecondPerKey() {
    RateLimiter limiter = RateLimiter.perSecond(1);
    assertTrue(limiter.tryAcquire("10.0.0.1").allowed());
    RateLimiter.Decision second = limiter.tryAcquire("10.0.0.1");
    assertFalse(second.allowed());
    assertTrue(second.retryAfter().compareTo(Duration.ofSeconds(1)) <= 0, second.toString());
    assertTrue(second.retryAfter().compareTo(Duration.ZERO) > 0, second.toString());
    assertTrue(limiter.tryAcquire("10.0.0.2").allowed());
    assertFalse(RateLimiter.perMinute(2).tryAcquire("x").remaining() != 1);
  }

  @Test
  void sixteenThreadsOnOneKeyNeverExceedCapacityPlusRefills() throws Exception {
    RateLimiter limiter = limiter().capacity(100).refill(10, Duration.ofSeconds(1)).build();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      assertEquals(100, hammer(pool, limiter, 16, 2_000));
      for (int step = 1; step <= 5; step++) {
        advance(Duration.ofSeconds(1));
        assertEquals(10, hammer(pool, limiter, 16, 500), "after refill " + step);
      }
      advance(Duration.ofMillis(999));
      assertEquals(0, hammer(pool, limiter, 16, 500));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentRefillsWhileHammeringStayWithinTheBound() throws Exception {
    RateLimiter limiter = limiter().capacity(50).refill(5, Duration.ofSeconds(1)).build();
    ExecutorService pool = Executors.newFixedThreadPool(17);
    try {
      Future<?> ticker = pool.submit(() -> {
        for (int i = 0; i < 20; i++) {
          advance(Duration.ofSeconds(1));
          Thread.yield();
        }
      });
      long admitted = hammer(pool, limiter, 16, 5_000);
      ticker.get();
      admitted += hammer(pool, limiter, 16, 100); // whatever the last refills left
      // Refills that arrive while the bucket is full are not kept, so this is a bound, not a count.
      assertTrue(admitted <= 50 + 20 * 5, "admitted " + admitted);
      assertTrue(admitted >= 50, "admitted " + admitted);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long hammer(ExecutorService pool, RateLimiter limiter, int threads,
      int attemptsEach) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Callable<Integer> task = () -> {
        start.await();
        int admitted = 0;
        for (int i = 0; i < attemptsEach; i++) {
          if (limiter.tryAcquire("shared").allowed()) {
            admitted++;
          }
        }
        return admitted;
      };
      results.add(pool.submit(task));
    }
    start.countDown();
    long total = 0;
    for (Future<Integer> result : results) {
      total += result.get();
    }
    return total;
  }

  @Test
  void aMillionDistinctKeysStayWithinMaxKeys() {
    RateLimiter limiter = limiter().capacity(5).refillEvery(Duration.ofHours(1)).maxKeys(1_000)
        .build();
    int largest = 0;
    for (int i = 0; i < 1_000_000; i++) {
      assertTrue(limiter.tryAcquire("client-" + i).allowed());
      largest = Math.max(largest, limiter.trackedKeys());
    }
    assertTrue(largest <= 1_000, "tracked " + largest);
    assertTrue(limiter.trackedKeys() >= 750, "eviction keeps most of the table");
  }

  @Test
  void fullBucketsAreDroppedBeforeSpentOnes() {
    RateLimiter limiter = limiter().capacity(2).refillEvery(Duration.ofSeconds(1)).maxKeys(8)
        .build();
    for (int i = 0; i < 7; i++) {
      limiter.tryAcquire("idle-" + i);
    }
    advance(Duration.ofSeconds(10)); // the seven are full again: forgetting them changes nothing
    limiter.tryAcquire("victim");
    limiter.tryAcquire("victim");
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("new-" + i);
    }
    assertTrue(limiter.trackedKeys() <= 8);
    assertFalse(limiter.tryAcquire("victim").allowed(), "the spent bucket was kept");
  }

  @Test
  void atTheBoundTheLeastRecentlyUsedSpentBucketGoes() {
    RateLimiter limiter = limiter().capacity(1).refillEvery(Duration.ofHours(1)).maxKeys(8)
        .build();
    limiter.tryAcquire("oldest");
    for (int i = 0; i < 8; i++) {
      advance(Duration.ofMillis(1));
      limiter.tryAcquire("k" + i);
    }
    assertTrue(limiter.trackedKeys() <= 8);
    assertFalse(limiter.tryAcquire("k7").allowed(), "the most recent key is kept");
    assertTrue(limiter.tryAcquire("oldest").allowed(), "the oldest was forgotten: documented");
  }

  @Test
  void longKeysAreKeptAsTheirDigestWithoutMerging() {
    RateLimiter limiter = limiter().capacity(1).refillEvery(Duration.ofHours(1)).build();
    String base = "x".repeat(10_000);
    assertTrue(limiter.tryAcquire(base + "a").allowed());
    assertFalse(limiter.tryAcquire(base + "a").allowed());
    assertTrue(limiter.tryAcquire(base + "b").allowed());
  }

  @Test
  void aClockGoingBackwardsRefillsNothing() {
    RateLimiter limiter = limiter().capacity(1).refillEvery(Duration.ofSeconds(1)).build();
    assertTrue(limiter.tryAcquire("k").allowed());
    advance(Duration.ofHours(-1));
    assertFalse(limiter.tryAcquire("k").allowed());
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1_000_001})
  void badCapacitiesAreRefusedNamingTheRange(int capacity) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> RateLimiter.perKey().capacity(capacity));
    assertTrue(refused.getMessage().contains("capacity " + capacity), refused.getMessage());
    assertTrue(refused.getMessage().contains("1..1000000"), refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RateLimiter.perSecond(capacity));
    if (capacity < 1) {
      assertThrows(IllegalArgumentException.class, () -> RateLimiter.perKey().maxKeys(capacity));
    }
  }

  @Test
  void badRefillsAndIncompleteBuildersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RateLimiter.perKey().refillEvery(null));
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> RateLimiter.perKey().refillEvery(Duration.ZERO));
    assertTrue(zero.getMessage().contains("PT0S"), zero.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RateLimiter.perKey().refillEvery(Duration.ofNanos(999_999)));
    assertThrows(IllegalArgumentException.class,
        () -> RateLimiter.perKey().refillEvery(Duration.ofDays(400)));
    assertThrows(IllegalArgumentException.class,
        () -> RateLimiter.perKey().refill(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> RateLimiter.perKey().maxKeys(10_000_001));
    assertThrows(NullPointerException.class, () -> RateLimiter.perKey().clock(null));
    assertThrows(IllegalStateException.class, () -> RateLimiter.perKey().build());
    assertThrows(IllegalStateException.class, () -> RateLimiter.perKey().capacity(1).build());
    assertThrows(IllegalStateException.class,
        () -> RateLimiter.perKey().refillEvery(Duration.ofSeconds(1)).build());
    IllegalStateException tooMuch = assertThrows(IllegalStateException.class,
        () -> RateLimiter.perKey().capacity(2).refill(3, Duration.ofSeconds(1)).build());
    assertTrue(tooMuch.getMessage().contains("capacity 2"), tooMuch.getMessage());
    assertThrows(NullPointerException.class, () -> RateLimiter.perSecond(1).tryAcquire(null));
  }
}
