package io.github.bulwark.runtime;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is stored about an API key — its public id, prefix, SHA-256 digest, metadata and dates —
 * and never the key itself, so a leaked table grants nothing. Immutable and thread-safe.
 */
public final class ApiKeyRecord {

  private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");

  private final String id;
  private final String prefix;
  private final String digest;
  private final Map<String, String> metadata;
  private final Instant createdAt;
  private final Instant revokedAt;

  private ApiKeyRecord(String id, String prefix, String digest, Map<String, String> metadata,
      Instant createdAt, Instant revokedAt) {
    this.id = id;
    this.prefix = prefix;
    this.digest = digest;
    this.metadata = metadata;
    this.createdAt = createdAt;
    this.revokedAt = revokedAt;
  }

  /**
   * A record as read back from storage by an {@link ApiKeyStore} implementation.
   *
   * @param revokedAt when the key stops being accepted, or null if it has not been revoked
   * @throws NullPointerException if an argument other than {@code revokedAt} is null, or
   *     metadata holds a null key or value
   * @throws IllegalArgumentException if {@code id} or {@code prefix} is empty, or {@code digest}
   *     is not 64 lower-case hex digits
   */
  public static ApiKeyRecord of(String id, String prefix, String digest,
      Map<String, String> metadata, Instant createdAt, Instant revokedAt) {
    if (Objects.requireNonNull(id, "id").isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    if (Objects.requireNonNull(prefix, "prefix").isEmpty()) {
      throw new IllegalArgumentException("prefix must not be empty");
    }
    if (!HEX_DIGEST.matcher(Objects.requireNonNull(digest, "digest")).matches()) {
      throw new IllegalArgumentException("digest must be a SHA-256 as 64 lower-case hex digits,"
          + " not " + digest.length() + " characters");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : Objects.requireNonNull(metadata, "metadata")
        .entrySet()) {
      copy.put(Objects.requireNonNull(entry.getKey(), "metadata key"),
          Objects.requireNonNull(entry.getValue(), "metadata value"));
    }
    return new ApiKeyRecord(id, prefix, digest, Collections.unmodifiableMap(copy),
        Objects.requireNonNull(createdAt, "createdAt"), revokedAt);
  }

  /** The public id, safe to log and show: {@code rotate}, {@code revoke} and audits use it. */
  public String id() {
    return id;
  }

  /** The prefix the key starts with, e.g. {@code live}. */
  public String prefix() {
    return prefix;
  }

  /** The SHA-256 of the key as 64 lower-case hex digits: {@link ApiKeys#digest(String)}. */
  public String digest() {
    return digest;
  }

  /** What the application attached at issue time (owner, scopes…); unmodifiable. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** When the key was issued. */
  public Instant createdAt() {
    return createdAt;
  }

  /** When the key stops (or stopped) being accepted, if it was revoked. */
  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  /** Whether the key is accepted at {@code now}: not revoked, or revoked at a later instant. */
  public boolean activeAt(Instant now) {
    return revokedAt == null || now.isBefore(revokedAt);
  }

  /**
   * A copy revoked at {@code at}, or at the existing revocation if that is earlier: a revocation
   * is never postponed.
   *
   * @throws NullPointerException if {@code at} is null
   */
  public ApiKeyRecord revokedAt(Instant at) {
    Objects.requireNonNull(at, "at");
    Instant effective = revokedAt != null && revokedAt.isBefore(at) ? revokedAt : at;
    return new ApiKeyRecord(id, prefix, digest, metadata, createdAt, effective);
  }

  /** Id, prefix and dates; neither the digest nor the metadata. */
  @Override
  public String toString() {
    return "ApiKeyRecord[id=" + id + ", prefix=" + prefix + ", createdAt=" + createdAt
        + (revokedAt == null ? "" : ", revokedAt=" + revokedAt) + "]";
  }
}
