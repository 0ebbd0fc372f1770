package io.github.bulwark.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The reference implementation: two concurrent maps kept consistent under one monitor. */
final class InMemoryApiKeyStore implements ApiKeyStore {
  private final ConcurrentHashMap<String, ApiKeyRecord> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> idByDigest = new ConcurrentHashMap<>();

  InMemoryApiKeyStore() {}

  @Override
  public synchronized void save(ApiKeyRecord record) {
    Objects.requireNonNull(record, "record");
    if (byId.containsKey(record.id()) || idByDigest.containsKey(record.digest())) {
      throw new IllegalStateException("a record with id " + record.id()
          + " or the same digest exists");
    }
    byId.put(record.id(), record);
    idByDigest.put(record.digest(), record.id());
  }

  @Override
  public Optional<ApiKeyRecord> findByDigest(String digest) {
    String id = idByDigest.get(Objects.requireNonNull(digest, "digest"));
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<ApiKeyRecord> findById(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public boolean revoke(String id, Instant at) {
    Objects.requireNonNull(at, "at");
    return byId.computeIfPresent(Objects.requireNonNull(id, "id"),
        (k, record) -> record.revokedAt(at)) != null;
  }
}
