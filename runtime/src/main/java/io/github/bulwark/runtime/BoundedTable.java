package io.github.bulwark.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Per-key state for {@link RateLimiter} and {@link LoginThrottle}, held in a {@link
 * ConcurrentHashMap} that never grows past its bound: each slot is guarded by its own monitor (no
 * global lock), and when the table is over its bound, idle slots (whose removal changes nothing)
 * go first, then the least recently used, in batches of a quarter so eviction is amortised.
 */
final class BoundedTable<S extends BoundedTable.Slot> {

  /** Keys longer than this are replaced by their SHA-256, so huge keys cannot exhaust memory. */
  static final int MAX_KEY_CHARS = 128;

  /** Per-key state; every field is read and written under the slot's own monitor. */
  abstract static class Slot {
    long lastUsed;
    boolean removed;

    /** Whether forgetting this slot at {@code now} would change no decision. */
    abstract boolean idle(long now);
  }

  /** What to do with a slot while holding its monitor. */
  interface Action<S, R> {
    R apply(S slot, long now);
  }

  private final ConcurrentHashMap<String, S> slots = new ConcurrentHashMap<>();
  /**
   * Held while the table is trimmed. Every thread that finds the table full waits for it, so a
   * flood of new keys from many threads cannot outrun one evicting thread.
   */
  private final ReentrantLock evictionLock = new ReentrantLock();
  private final java.util.concurrent.atomic.AtomicLong uses =
      new java.util.concurrent.atomic.AtomicLong();
  private final int maxKeys;

  BoundedTable(int maxKeys) {
    this.maxKeys = maxKeys;
  }

  /** Runs {@code action} on the slot of {@code key}, created by {@code create} if absent. */
  <R> R update(String key, long now, Function<String, S> create, Action<S, R> action) {
    String k = normalise(key);
    if (slots.size() >= maxKeys && !slots.containsKey(k)) {
      makeRoom(now); // a new key waits for room rather than growing the table
    }
    R result;
    while (true) {
      S slot = slots.computeIfAbsent(k, create);
      synchronized (slot) {
        if (slot.removed) {
          continue; // evicted between lookup and lock: its replacement holds the state
        }
        // A use counter, not the clock: with a coarse or frozen clock every key would tie and
        // eviction could pick the hottest key, refilling it for free.
        slot.lastUsed = uses.incrementAndGet();
        result = action.apply(slot, now);
        break;
      }
    }
    if (slots.size() > maxKeys) {
      makeRoom(now);
    }
    return result;
  }

  /** Runs {@code action} on the slot of {@code key} if there is one, else returns {@code absent}. */
  <R> R read(String key, long now, Action<S, R> action, R absent) {
    S slot = slots.get(normalise(key));
    if (slot == null) {
      return absent;
    }
    synchronized (slot) {
      return slot.removed ? absent : action.apply(slot, now);
    }
  }

  /** Forgets {@code key}. */
  void remove(String key) {
    S slot = slots.remove(normalise(key));
    if (slot != null) {
      synchronized (slot) {
        slot.removed = true;
      }
    }
  }

  int size() {
    return slots.size();
  }

  private void makeRoom(long now) {
    evictionLock.lock();
    try {
      if (slots.size() >= maxKeys) {
        evict(now);
      }
    } finally {
      evictionLock.unlock();
    }
  }

  /** Trims the table to three quarters of {@code maxKeys}; called with the lock held. */
  private void evict(long now) {
    {
      int target = maxKeys - Math.max(1, maxKeys / 4);
      List<Map.Entry<String, S>> busy = new ArrayList<>();
      for (Map.Entry<String, S> entry : slots.entrySet()) {
        S slot = entry.getValue();
        boolean dropped = false;
        synchronized (slot) {
          if (slot.idle(now)) {
            slot.removed = true;
            dropped = true;
          }
        }
        if (dropped) {
          slots.remove(entry.getKey(), slot);
        } else {
          busy.add(entry);
        }
      }
      int excess = slots.size() - target;
      if (excess <= 0) {
        return;
      }
      long[] ages = new long[busy.size()];
      for (int i = 0; i < ages.length; i++) {
        S slot = busy.get(i).getValue();
        synchronized (slot) {
          ages[i] = slot.lastUsed;
        }
      }
      Arrays.sort(ages);
      long threshold = ages[Math.min(excess, ages.length) - 1];
      // Strictly older than the threshold first, then ties, until enough are gone.
      for (int pass = 0; pass < 2 && excess > 0; pass++) {
        for (Map.Entry<String, S> entry : busy) {
          if (excess <= 0) {
            break;
          }
          S slot = entry.getValue();
          boolean dropped = false;
          synchronized (slot) {
            boolean old = pass == 0 ? slot.lastUsed < threshold : slot.lastUsed == threshold;
            if (!slot.removed && old) {
              slot.removed = true;
              dropped = true;
            }
          }
          if (dropped && slots.remove(entry.getKey(), slot)) {
            excess--;
          }
        }
      }
    }
  }

  private static String normalise(String key) {
    if (key.length() <= MAX_KEY_CHARS) {
      return key;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8));
      // Sending this text as a short key gains nothing: it matches only a key the sender knows.
      return "\u0000sha256:" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK provides SHA-256", e);
    }
  }
}
