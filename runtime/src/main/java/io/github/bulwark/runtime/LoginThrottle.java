package io.github.bulwark.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A ready login policy against password guessing: after a few free failures, each further failed
 * login for the same account, or from the same client address, doubles the wait before the next
 * attempt is allowed, up to a ceiling — so online guessing slows to a crawl while a user who
 * mistypes twice notices nothing.
 *
 * <pre>{@code
 * LoginThrottle throttle = LoginThrottle.defaults();
 * RateLimiter.Decision decision = throttle.check(username, clientIp);
 * if (!decision.allowed()) {
 *   return tooManyRequests(decision.retryAfter());   // do not even check the password
 * }
 * if (passwords.verify(password, stored)) {
 *   throttle.recordSuccess(username);
 * } else {
 *   throttle.recordFailure(username, clientIp);
 * }
 * }</pre>
 *
 * <p><b>Policy.</b> An account may fail {@code freeAccountFailures} times (default {@value
 * #DEFAULT_FREE_ACCOUNT_FAILURES}) and an address {@code freeAddressFailures} times (default
 * {@value #DEFAULT_FREE_ADDRESS_FAILURES}: many users may share one address) without delay. The
 * n-th failure past that blocks the key for {@code baseDelay * 2^(n-1)} (default 1 s, 2 s, 4 s…)
 * up to {@code maxDelay} (default 15 minutes) counted from that failure. Failures are forgotten
 * {@code forgetAfter} (default 1 hour) after the last one. A success resets the account only: an
 * attacker who owns one account cannot clear the count of the address they guess from. Account
 * names are compared ignoring case (Locale.ROOT), so {@code Alice} and {@code alice} share a
 * count.
 *
 * <p>Each table keeps at most {@code maxKeys} keys (default {@value #DEFAULT_MAX_KEYS}), forgetting
 * those without recent failures first, then the least recently used. Thread-safe; the
 * configuration is immutable.
 */
public final class LoginThrottle {

  /** Failures an account may have before the first delay. */
  public static final int DEFAULT_FREE_ACCOUNT_FAILURES = 3;

  /** Failures an address may have before the first delay. */
  public static final int DEFAULT_FREE_ADDRESS_FAILURES = 20;

  /** The default bound on accounts, and separately on addresses, tracked at once. */
  public static final int DEFAULT_MAX_KEYS = 100_000;

  private static final class Failures extends BoundedTable.Slot {
    final long forgetAfterNanos;
    int count;
    long lastFailure;
    long blockedUntil;

    Failures(long forgetAfterNanos) {
      this.forgetAfterNanos = forgetAfterNanos;
    }

    void forgetIfStale(long now) {
      if (count > 0 && now - lastFailure >= forgetAfterNanos) {
        count = 0;
      }
    }

    @Override
    boolean idle(long now) {
      forgetIfStale(now);
      return count == 0;
    }
  }

  private final int freeAccountFailures;
  private final int freeAddressFailures;
  private final long baseDelayNanos;
  private final long maxDelayNanos;
  private final long forgetAfterNanos;
  private final LongSupplier nanoTime;
  private final BoundedTable<Failures> accounts;
  private final BoundedTable<Failures> addresses;

  private LoginThrottle(Builder builder) {
    this.freeAccountFailures = builder.freeAccountFailures;
    this.freeAddressFailures = builder.freeAddressFailures;
    this.baseDelayNanos = builder.baseDelay.toNanos();
    this.maxDelayNanos = builder.maxDelay.toNanos();
    this.forgetAfterNanos = builder.forgetAfter.toNanos();
    this.nanoTime = builder.nanoTime;
    this.accounts = new BoundedTable<>(builder.maxKeys);
    this.addresses = new BoundedTable<>(builder.maxKeys);
  }

  /** The policy with every default. */
  public static LoginThrottle defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a login attempt for {@code account} from {@code address} may be checked now. When
   * refused, {@code retryAfter} is the longer of the two waits; when allowed, {@code remaining}
   * is how many more failures either key may have before a delay starts.
   *
   * @throws NullPointerException if an argument is null
   */
  public RateLimiter.Decision check(String account, String address) {
    long now = nanoTime.getAsLong();
    long accountWait = accounts.read(accountKey(account), now, LoginThrottle::wait, 0L);
    long addressWait = addresses.read(Objects.requireNonNull(address, "address"), now,
        LoginThrottle::wait, 0L);
    long wait = Math.max(accountWait, addressWait);
    if (wait > 0) {
      return new RateLimiter.Decision(false, 0, Duration.ofNanos(wait));
    }
    int accountFailures = accounts.read(accountKey(account), now, LoginThrottle::count, 0);
    int addressFailures = addresses.read(address, now, LoginThrottle::count, 0);
    int remaining = Math.max(0, Math.min(freeAccountFailures - accountFailures,
        freeAddressFailures - addressFailures));
    return new RateLimiter.Decision(true, remaining, Duration.ZERO);
  }

  /**
   * Counts a failed login against {@code account} and {@code address}.
   *
   * @throws NullPointerException if an argument is null
   */
  public void recordFailure(String account, String address) {
    long now = nanoTime.getAsLong();
    String accountKey = accountKey(account);
    Objects.requireNonNull(address, "address");
    accounts.update(accountKey, now, k -> new Failures(forgetAfterNanos),
        (slot, at) -> fail(slot, at, freeAccountFailures));
    addresses.update(address, now, k -> new Failures(forgetAfterNanos),
        (slot, at) -> fail(slot, at, freeAddressFailures));
  }

  /**
   * Clears the failures of {@code account} after a successful login; the address keeps its
   * count.
   *
   * @throws NullPointerException if {@code account} is null
   */
  public void recordSuccess(String account) {
    accounts.remove(accountKey(account));
  }

  private Void fail(Failures slot, long now, int free) {
    slot.forgetIfStale(now);
    slot.count++;
    slot.lastFailure = now;
    int over = slot.count - free;
    if (over > 0) {
      long delay = baseDelayNanos;
      for (int i = 1; i < over && delay < maxDelayNanos; i++) {
        delay *= 2; // at most 64 doublings before passing any max below 2^63 ns
      }
      slot.blockedUntil = now + Math.min(delay, maxDelayNanos);
    }
    return null;
  }

  private static long wait(Failures slot, long now) {
    slot.forgetIfStale(now);
    return slot.count == 0 ? 0L : Math.max(0L, slot.blockedUntil - now);
  }

  private static int count(Failures slot, long now) {
    slot.forgetIfStale(now);
    return slot.count;
  }

  private static String accountKey(String account) {
    return Objects.requireNonNull(account, "account").toLowerCase(Locale.ROOT);
  }

  /**
   * Collects the policy's settings, validating each at once. Not thread-safe; the throttle it
   * builds is.
   */
  public static final class Builder {

    private int freeAccountFailures = DEFAULT_FREE_ACCOUNT_FAILURES;
    private int freeAddressFailures = DEFAULT_FREE_ADDRESS_FAILURES;
    private Duration baseDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofMinutes(15);
    private Duration forgetAfter = Duration.ofHours(1);
    private int maxKeys = DEFAULT_MAX_KEYS;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder() {}

    /**
     * Failures an account may have before delays start (default {@value
     * #DEFAULT_FREE_ACCOUNT_FAILURES}).
     *
     * @throws IllegalArgumentException if {@code failures} is outside 0..100
     */
    public Builder freeAccountFailures(int failures) {
      this.freeAccountFailures = checkFree("freeAccountFailures", failures);
      return this;
    }

    /**
     * Failures an address may have before delays start (default {@value
     * #DEFAULT_FREE_ADDRESS_FAILURES}).
     *
     * @throws IllegalArgumentException if {@code failures} is outside 0..100
     */
    public Builder freeAddressFailures(int failures) {
      this.freeAddressFailures = checkFree("freeAddressFailures", failures);
      return this;
    }

    /**
     * The first delay, doubled with each further failure (default 1 s).
     *
     * @throws IllegalArgumentException if {@code delay} is null or outside 1 ms..1 hour
     */
    public Builder baseDelay(Duration delay) {
      this.baseDelay = checkDuration("baseDelay", delay, Duration.ofMillis(1),
          Duration.ofHours(1));
      return this;
    }

    /**
     * The longest delay (default 15 minutes); must not be below the base delay at build time.
     *
     * @throws IllegalArgumentException if {@code delay} is null or outside 1 ms..1 day
     */
    public Builder maxDelay(Duration delay) {
      this.maxDelay = checkDuration("maxDelay", delay, Duration.ofMillis(1), Duration.ofDays(1));
      return this;
    }

    /**
     * How long after the last failure all failures are forgotten (default 1 hour).
     *
     * @throws IllegalArgumentException if {@code after} is null or outside 1 second..30 days
     */
    public Builder forgetAfter(Duration after) {
      this.forgetAfter = checkDuration("forgetAfter", after, Duration.ofSeconds(1),
          Duration.ofDays(30));
      return this;
    }

    /**
     * The most accounts, and separately addresses, tracked at once (default {@value
     * #DEFAULT_MAX_KEYS}).
     *
     * @throws IllegalArgumentException if {@code maxKeys} is outside 1..{@value
     *     RateLimiter#MAX_KEYS_LIMIT}
     */
    public Builder maxKeys(int maxKeys) {
      if (maxKeys < 1 || maxKeys > RateLimiter.MAX_KEYS_LIMIT) {
        throw new IllegalArgumentException("maxKeys " + maxKeys + " is outside the allowed range"
            + " 1.." + RateLimiter.MAX_KEYS_LIMIT);
      }
      this.maxKeys = maxKeys;
      return this;
    }

    /**
     * The monotonic time source in nanoseconds (default {@link System#nanoTime()}); for tests.
     *
     * @throws NullPointerException if {@code nanoTime} is null
     */
    public Builder clock(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * The throttle.
     *
     * @throws IllegalStateException if the maximum delay is below the base delay
     */
    public LoginThrottle build() {
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalStateException("maxDelay " + maxDelay + " is below baseDelay "
            + baseDelay);
      }
      return new LoginThrottle(this);
    }

    private static int checkFree(String name, int failures) {
      if (failures < 0 || failures > 100) {
        throw new IllegalArgumentException(name + " " + failures + " is outside the allowed"
            + " range 0..100");
      }
      return failures;
    }

    private static Duration checkDuration(String name, Duration value, Duration min,
        Duration max) {
      if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " " + value + " is outside the allowed range "
            + min + ".." + max);
      }
      return value;
    }
  }
}
