package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Checks free failures, exponential backoff, the ceiling, resets and the per-address count. */
class LoginThrottleTest {

  private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(1));
  private final LoginThrottle throttle = LoginThrottle.builder().clock(now::get).build();

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void threeFreeFailuresThenDoublingDelays() {
    for (int i = 0; i < 3; i++) {
      RateLimiter.Decision before = throttle.check("alice", "198.51.100.7");
      assertTrue(before.allowed());
      assertEquals(3 - i, before.remaining());
      throttle.recordFailure("alice", "198.51.100.7");
    }
    assertEquals(0, throttle.check("alice", "198.51.100.7").remaining());
    long expectedSeconds = 1;
    for (int failure = 4; failure <= 8; failure++) {
      throttle.recordFailure("alice", "198.51.100.7");
      RateLimiter.Decision blocked = throttle.check("alice", "198.51.100.7");
      assertFalse(blocked.allowed(), "failure " + failure);
      assertEquals(Duration.ofSeconds(expectedSeconds), blocked.retryAfter());
      assertFalse(throttle.check("alice", "203.0.113.1").allowed(), "blocked from anywhere");
      advance(Duration.ofSeconds(expectedSeconds));
      assertTrue(throttle.check("alice", "198.51.100.7").allowed());
      expectedSeconds *= 2;
    }
  }

  @Test
  void delaysStopAtTheCeiling() {
    for (int i = 0; i < 200; i++) {
      throttle.recordFailure("bob", "a" + i);
    }
    assertEquals(Duration.ofMinutes(15), throttle.check("bob", "elsewhere").retryAfter());
  }

  @Test
  void successResetsTheAccountButNotTheAddress() {
    for (int i = 0; i < 4; i++) {
      throttle.recordFailure("carol", "10.1.1.1");
    }
    assertFalse(throttle.check("carol", "10.9.9.9").allowed());
    throttle.recordSuccess("carol");
    assertTrue(throttle.check("carol", "10.9.9.9").allowed());
    assertEquals(3, throttle.check("carol", "10.9.9.9").remaining());
    assertEquals(3, throttle.check("carol", "10.1.1.1").remaining());
  }

  @Test
  void oneAddressGuessingManyAccountsIsSlowedToo() {
    for (int i = 0; i < 20; i++) {
      throttle.recordFailure("user" + i, "192.0.2.66");
    }
    assertTrue(throttle.check("someone-new", "192.0.2.66").allowed());
    throttle.recordFailure("user20", "192.0.2.66");
    RateLimiter.Decision blocked = throttle.check("someone-new", "192.0.2.66");
    assertFalse(blocked.allowed());
    assertEquals(Duration.ofSeconds(1), blocked.retryAfter());
    assertTrue(throttle.check("someone-new", "192.0.2.67").allowed());
  }

  @Test
  void failuresAreForgottenAfterAQuietHour() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("dave", "10.0.0.1");
    }
    advance(Duration.ofMinutes(59));
    throttle.recordFailure("dave", "10.0.0.1");
    assertFalse(throttle.check("dave", "10.0.0.1").allowed());
    advance(Duration.ofHours(1));
    RateLimiter.Decision fresh = throttle.check("dave", "10.0.0.1");
    assertTrue(fresh.allowed());
    assertEquals(3, fresh.remaining());
  }

  @Test
  void accountNamesIgnoreCase() {
    for (int i = 0; i < 4; i++) {
      throttle.recordFailure(i % 2 == 0 ? "Erin" : "ERIN", "10.0.0." + i);
    }
    assertFalse(throttle.check("erin", "10.0.0.99").allowed());
  }

  @Test
  void tablesStayBounded() {
    LoginThrottle small = LoginThrottle.builder().clock(now::get).maxKeys(100).build();
    for (int i = 0; i < 10_000; i++) {
      small.recordFailure("u" + i, "a" + i);
    }
    assertTrue(small.check("u9999", "x").remaining() < 3, "recent failures kept");
  }

  @Test
  void badSettingsAndArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> LoginThrottle.builder().freeAccountFailures(-1));
    assertThrows(IllegalArgumentException.class,
        () -> LoginThrottle.builder().freeAddressFailures(101));
    IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
        () -> LoginThrottle.builder().baseDelay(Duration.ZERO));
    assertTrue(base.getMessage().contains("baseDelay PT0S"), base.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().maxDelay(null));
    assertThrows(IllegalArgumentException.class,
        () -> LoginThrottle.builder().forgetAfter(Duration.ofDays(31)));
    assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().maxKeys(0));
    assertThrows(IllegalStateException.class, () -> LoginThrottle.builder()
        .baseDelay(Duration.ofMinutes(2)).maxDelay(Duration.ofMinutes(1)).build());
    assertThrows(NullPointerException.class, () -> throttle.check(null, "a"));
    assertThrows(NullPointerException.class, () -> throttle.check("a", null));
    assertThrows(NullPointerException.class, () -> throttle.recordFailure("a", null));
    assertThrows(NullPointerException.class, () -> throttle.recordSuccess(null));
  }
}
