package io.github.bulwark.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A newly issued API key: its stored {@link ApiKeyRecord} and the plaintext key, which can be
 * read exactly once — show it to the client, then it is gone from this object. Thread-safe.
 */
public final class IssuedKey {

  private final ApiKeyRecord record;
  private final AtomicReference<String> plaintext;

  IssuedKey(ApiKeyRecord record, String plaintext) {
    this.record = record;
    this.plaintext = new AtomicReference<>(plaintext);
  }

  /** The public id of the key. */
  public String id() {
    return record.id();
  }

  /** What was stored: digest and metadata, never the key. */
  public ApiKeyRecord record() {
    return record;
  }

  /**
   * The key, e.g. {@code live_3kTq...}; the first call returns it and forgets it.
   *
   * @throws IllegalStateException on every later call
   */
  public String plaintext() {
    String key = plaintext.getAndSet(null);
    if (key == null) {
      throw new IllegalStateException("the plaintext of API key " + record.id()
          + " was already read: it is shown once; rotate the key if it was lost");
    }
    return key;
  }

  /** The id and prefix only: {@code IssuedKey[id=..., prefix=live, ****]}. */
  @Override
  public String toString() {
    return "IssuedKey[id=" + record.id() + ", prefix=" + record.prefix() + ", ****]";
  }
}
