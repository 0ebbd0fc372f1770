package io.github.bulwark.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Per-key token buckets that admit at most {@code capacity} requests at once and then {@code
 * tokens} more per {@code period}, per client, account or any other key — with memory bounded by
 * {@code maxKeys} whatever the number of keys an attacker makes up.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.perKey().capacity(5).refillEvery(Duration.ofMinutes(1)).build();
 * RateLimiter.Decision decision = limiter.tryAcquire(clientIp + ':' + username);
 * if (!decision.allowed()) {
 *   response.setHeader("Retry-After", Long.toString(decision.retryAfter().toSeconds() + 1));
 *   return 429;
 * }
 * RateLimiter api = RateLimiter.perSecond(1);   // one request per second per key, bursts of 1
 * }</pre>
 *
 * <p><b>Refill.</b> Tokens come back in whole steps: every {@code period} after the bucket was
 * last full, {@code tokens} are added, up to {@code capacity}. Arithmetic is exact (integers and
 * nanoseconds), so a test clock sees exactly the admitted counts.
 *
 * <p><b>Bounded memory.</b> At most {@code maxKeys} buckets are kept (default {@value
 * #DEFAULT_MAX_KEYS}). When a new key would pass that bound, full buckets are dropped first
 * (forgetting them changes nothing: a new bucket starts full), then the least recently used ones,
 * a quarter of the table at a time. A dropped key that was partly spent starts again full: under a
 * flood of made-up keys, size {@code maxKeys} for the number of real clients. Keys longer than
 * 128 characters are kept as their SHA-256.
 *
 * <p>Immutable configuration, thread-safe: buckets live in a {@code ConcurrentHashMap}, each
 * guarded by its own monitor, with no global lock.
 */
public final class RateLimiter {

  /** The default bound on the number of keys tracked at once. */
  public static final int DEFAULT_MAX_KEYS = 100_000;

  /** The largest allowed {@code maxKeys}. */
  public static final int MAX_KEYS_LIMIT = 10_000_000;

  /** The largest allowed capacity. */
  public static final int MAX_CAPACITY = 1_000_000;

  /** The shortest allowed refill period. */
  public static final Duration MIN_PERIOD = Duration.ofMillis(1);

  /** The longest allowed refill period. */
  public static final Duration MAX_PERIOD = Duration.ofDays(366);

  /**
   * The outcome of one request: whether it may proceed, how many more would be admitted right
   * now, and how long to wait before the next one can be.
   */
  public static final class Decision {

    private final boolean allowed;
    private final int remaining;
    private final Duration retryAfter;

    Decision(boolean allowed, int remaining, Duration retryAfter) {
      this.allowed = allowed;
      this.remaining = remaining;
      this.retryAfter = retryAfter;
    }

    /** Whether the request may proceed. */
    public boolean allowed() {
      return allowed;
    }

    /** How many more requests would be admitted right now (0 when refused). */
    public int remaining() {
      return remaining;
    }

    /**
     * How long until a request will be admitted again: {@link Duration#ZERO} when allowed, else
     * the exact wait (round up when writing a {@code Retry-After} header in seconds).
     */
    public Duration retryAfter() {
      return retryAfter;
    }

    @Override
    public String toString() {
      return (allowed ? "allowed" : "refused") + "[remaining=" + remaining + ", retryAfter="
          + retryAfter + "]";
    }
  }

  private static final class Bucket extends BoundedTable.Slot {
    final int capacity;
    final int refillTokens;
    final long periodNanos;
    long tokens;
    long refilledAt;

    Bucket(int capacity, int refillTokens, long periodNanos, long now) {
      this.capacity = capacity;
      this.refillTokens = refillTokens;
      this.periodNanos = periodNanos;
      this.tokens = capacity;
      this.refilledAt = now;
    }

    void refill(long now) {
      if (tokens >= capacity) {
        refilledAt = Math.max(refilledAt, now); // the period starts when a full bucket is spent
        return;
      }
      long elapsed = now - refilledAt;
      if (elapsed < periodNanos) {
        return; // includes a clock that went backwards
      }
      long periods = elapsed / periodNanos;
      long needed = (capacity - tokens + refillTokens - 1) / refillTokens;
      if (periods >= needed) {
        tokens = capacity;
        refilledAt = now;
      } else {
        tokens += periods * refillTokens;
        refilledAt += periods * periodNanos;
      }
    }

    @Override
    boolean idle(long now) {
      refill(now);
      return tokens >= capacity;
    }
  }

  private final int capacity;
  private final int refillTokens;
  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final BoundedTable<Bucket> buckets;

  private RateLimiter(Builder builder) {
    this.capacity = builder.capacity;
    this.refillTokens = builder.refillTokens;
    this.periodNanos = builder.periodNanos;
    this.nanoTime = builder.nanoTime;
    this.buckets = new BoundedTable<>(builder.maxKeys);
  }

  /** A builder for per-key buckets; {@code capacity} and a refill must be set. */
  public static Builder perKey() {
    return new Builder();
  }

  /**
   * {@code requests} per second per key, in bursts of at most {@code requests}: {@code
   * perSecond(1)} admits one request per second per client.
   *
   * @throws IllegalArgumentException if {@code requests} is outside 1..{@value #MAX_CAPACITY}
   */
  public static RateLimiter perSecond(int requests) {
    return perKey().capacity(requests).refill(requests, Duration.ofSeconds(1)).build();
  }

  /**
   * {@code requests} per minute per key, in bursts of at most {@code requests}.
   *
   * @throws IllegalArgumentException if {@code requests} is outside 1..{@value #MAX_CAPACITY}
   */
  public static RateLimiter perMinute(int requests) {
    return perKey().capacity(requests).refill(requests, Duration.ofMinutes(1)).build();
  }

  /**
   * Takes one token from the bucket of {@code key} if there is one.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public Decision tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    long now = nanoTime.getAsLong();
    return buckets.update(key, now, k -> new Bucket(capacity, refillTokens, periodNanos, now),
        RateLimiter::take);
  }

  /**
   * The decision {@link #tryAcquire} would make for {@code key} now, without taking a token.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public Decision peek(String key) {
    Objects.requireNonNull(key, "key");
    return buckets.read(key, nanoTime.getAsLong(), RateLimiter::look,
        new Decision(true, capacity, Duration.ZERO));
  }

  /**
   * Forgets {@code key}, whose next request starts with a full bucket — e.g. after the user
   * proved who they are.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public void reset(String key) {
    buckets.remove(Objects.requireNonNull(key, "key"));
  }

  /** How many keys are tracked now; never more than {@code maxKeys} once a call returns. */
  public int trackedKeys() {
    return buckets.size();
  }

  private static Decision take(Bucket bucket, long now) {
    bucket.refill(now);
    if (bucket.tokens > 0) {
      bucket.tokens--;
      return new Decision(true, (int) bucket.tokens, Duration.ZERO);
    }
    return refused(bucket, now);
  }

  private static Decision look(Bucket bucket, long now) {
    bucket.refill(now);
    return bucket.tokens > 0 ? new Decision(true, (int) bucket.tokens, Duration.ZERO)
        : refused(bucket, now);
  }

  private static Decision refused(Bucket bucket, long now) {
    long wait = Math.max(1, bucket.refilledAt + bucket.periodNanos - now);
    return new Decision(false, 0, Duration.ofNanos(wait));
  }

  @Override
  public String toString() {
    return "RateLimiter[capacity=" + capacity + ", refill=" + refillTokens + " per "
        + Duration.ofNanos(periodNanos) + ", keys=" + buckets.size() + "]";
  }

  /**
   * Collects the limiter's settings, validating each at once. Not thread-safe; the limiter it
   * builds is.
   */
  public static final class Builder {

    private int capacity;
    private int refillTokens;
    private long periodNanos;
    private int maxKeys = DEFAULT_MAX_KEYS;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder() {}

    /**
     * The most requests admitted at once (the burst), and the size a bucket refills to.
     *
     * @throws IllegalArgumentException if {@code capacity} is outside 1..{@value #MAX_CAPACITY}
     */
    public Builder capacity(int capacity) {
      if (capacity < 1 || capacity > MAX_CAPACITY) {
        throw new IllegalArgumentException("capacity " + capacity + " is outside the allowed"
            + " range 1.." + MAX_CAPACITY);
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * One token back every {@code period}.
     *
     * @throws IllegalArgumentException if {@code period} is null or outside 1 ms..366 days
     */
    public Builder refillEvery(Duration period) {
      return refill(1, period);
    }

    /**
     * {@code tokens} back every {@code period}.
     *
     * @throws IllegalArgumentException if {@code tokens} is outside 1..{@value #MAX_CAPACITY}, or
     *     {@code period} is null or outside 1 ms..366 days
     */
    public Builder refill(int tokens, Duration period) {
      if (tokens < 1 || tokens > MAX_CAPACITY) {
        throw new IllegalArgumentException("refill of " + tokens + " tokens is outside the"
            + " allowed range 1.." + MAX_CAPACITY);
      }
      if (period == null || period.compareTo(MIN_PERIOD) < 0
          || period.compareTo(MAX_PERIOD) > 0) {
        throw new IllegalArgumentException("refill period " + period + " is outside the allowed"
            + " range " + MIN_PERIOD + ".." + MAX_PERIOD);
      }
      this.refillTokens = tokens;
      this.periodNanos = period.toNanos();
      return this;
    }

    /**
     * The most keys tracked at once (default {@value #DEFAULT_MAX_KEYS}); see the class comment
     * for what happens at the bound.
     *
     * @throws IllegalArgumentException if {@code maxKeys} is outside 1..{@value #MAX_KEYS_LIMIT}
     */
    public Builder maxKeys(int maxKeys) {
      if (maxKeys < 1 || maxKeys > MAX_KEYS_LIMIT) {
        throw new IllegalArgumentException("maxKeys " + maxKeys + " is outside the allowed range"
            + " 1.." + MAX_KEYS_LIMIT);
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
     * The limiter.
     *
     * @throws IllegalStateException if the capacity or the refill was not set, or the refill adds
     *     more tokens than the capacity
     */
    public RateLimiter build() {
      if (capacity == 0) {
        throw new IllegalStateException("capacity is not set: call capacity(n), 1.."
            + MAX_CAPACITY);
      }
      if (refillTokens == 0) {
        throw new IllegalStateException("refill is not set: call refillEvery(period) or"
            + " refill(tokens, period)");
      }
      if (refillTokens > capacity) {
        throw new IllegalStateException("refill of " + refillTokens + " tokens exceeds the"
            + " capacity " + capacity + ": a bucket never holds more than its capacity");
      }
      return new RateLimiter(this);
    }
  }
}
