package io.github.bulwark.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * Where {@link ApiKeys} keeps {@link ApiKeyRecord}s: digests and metadata only, never a key.
 * Implement it over the application's database with a unique index on the digest; the
 * in-memory reference is for tests and single-process tools.
 */
public interface ApiKeyStore {

  /**
   * Stores a new record.
   *
   * @throws IllegalStateException if a record with the same id or digest exists
   */
  void save(ApiKeyRecord record);

  /** The record whose {@link ApiKeyRecord#digest()} is {@code digest}, revoked or not. */
  Optional<ApiKeyRecord> findByDigest(String digest);

  /** The record with id {@code id}, revoked or not. */
  Optional<ApiKeyRecord> findById(String id);

  /**
   * Marks the record {@code id} revoked at {@code at}, or keeps an earlier revocation.
   *
   * @return false if there is no such record
   */
  boolean revoke(String id, Instant at);

  /** A thread-safe store in this JVM's memory. */
  static ApiKeyStore inMemory() {
    return new InMemoryApiKeyStore();
  }
}
