package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the key format and checksum, digest-only storage, revocation, rotation, concurrency. */
class ApiKeysTest {

  private static final Pattern FORMAT = Pattern.compile("live_[0-9A-Za-z]{49}");

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A store that remembers every string it was handed, to prove no plaintext reached it. */
  private static final class RecordingStore implements ApiKeyStore {
    final ApiKeyStore delegate = ApiKeyStore.inMemory();
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    volatile int lookups;

    @Override
    public void save(ApiKeyRecord record) {
      seen.add(record.id());
      seen.add(record.prefix());
      seen.add(record.digest());
      seen.add(record.toString());
      record.metadata().forEach((k, v) -> {
        seen.add(k);
        seen.add(v);
      });
      delegate.save(record);
    }

    @Override
    public Optional<ApiKeyRecord> findByDigest(String digest) {
      lookups++;
      seen.add(digest);
      return delegate.findByDigest(digest);
    }

    @Override
    public Optional<ApiKeyRecord> findById(String id) {
      seen.add(id);
      return delegate.findById(id);
    }

    @Override
    public boolean revoke(String id, Instant at) {
      seen.add(id);
      return delegate.revoke(id, at);
    }
  }

  private final MovableClock clock = new MovableClock();
  private final RecordingStore store = new RecordingStore();
  private final CapturingLogger logger = new CapturingLogger();
  private final ApiKeys apiKeys = ApiKeys.using(store, clock, SecurityLog.using(logger));

  @Test
  void keysHaveThePrefixRandomPartAndChecksum() {
    IssuedKey issued = apiKeys.issue("live", Map.of("owner", "acme"));
    String key = issued.plaintext();
    assertTrue(FORMAT.matcher(key).matches(), key);
    assertTrue(ApiKeys.wellFormed(key));
    assertEquals(Optional.of(issued.record()), apiKeys.verify(key).map(r -> r));
    assertEquals("acme", apiKeys.verify(key).get().metadata().get("owner"));
    assertEquals("live", issued.record().prefix());
    assertEquals(ApiKeys.digest(key), issued.record().digest());
    assertTrue(ApiKeys.wellFormed(apiKeys.issue("acme_test2").plaintext()));
    assertNotEquals(key, apiKeys.issue("live").plaintext());
  }

  @Test
  void thePlaintextIsShownOnceAndNeverPrinted() {
    IssuedKey issued = apiKeys.issue("live");
    String key = issued.plaintext();
    IllegalStateException again = assertThrows(IllegalStateException.class, issued::plaintext);
    assertFalse(again.getMessage().contains(key));
    assertFalse(issued.toString().contains(key.substring(5, 20)));
    assertFalse(issued.record().toString().contains(issued.record().digest()));
    for (CapturingLogger.Entry entry : logger.entries()) {
      assertFalse(entry.message.contains(key.substring(5)), entry.message);
    }
    assertEquals("INFO event=api_key_created key_id=" + issued.id(),
        logger.entries().get(0).toString());
    // Even handed to the audit log by mistake, a key is masked by its shape.
    SecurityLog.using(logger).rateLimited("key " + key);
    assertTrue(logger.entries().get(1).message.endsWith("key=\"key ****\""),
        logger.entries().get(1).message);
  }

  @Test
  void theStoreNeverSeesThePlaintext() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add(apiKeys.issue("live", Map.of("owner", "client" + i)).plaintext());
    }
    for (String key : keys) {
      assertTrue(apiKeys.verify(key).isPresent());
    }
    apiKeys.rotate(apiKeys.verify(keys.get(0)).get().id());
    for (String key : keys) {
      String randomPart = key.substring(5, 5 + 43);
      for (String seen : store.seen) {
        assertFalse(seen.contains(randomPart), "the store saw a key: " + seen);
      }
    }
  }

  @Test
  void typosAndForgeriesAreRefusedBeforeAnyLookup() {
    String key = apiKeys.issue("live").plaintext();
    int before = store.lookups;
    char[] typo = key.toCharArray();
    int position = 20;
    typo[position] = typo[position] == 'a' ? 'b' : 'a';
    assertFalse(ApiKeys.wellFormed(new String(typo)));
    assertEquals(Optional.empty(), apiKeys.verify(new String(typo)));
    String swapped = key.substring(0, 10) + key.charAt(11) + key.charAt(10) + key.substring(12);
    if (!swapped.equals(key)) {
      assertFalse(ApiKeys.wellFormed(swapped));
    }
    assertFalse(ApiKeys.wellFormed(key.substring(0, key.length() - 1)));
    assertFalse(ApiKeys.wellFormed(key + "0"));
    assertFalse(ApiKeys.wellFormed("test" + key.substring(4)), "prefix is under the checksum");
    assertFalse(ApiKeys.wellFormed(key.replace("live_", "live-")));
    assertFalse(ApiKeys.wellFormed(null));
    assertFalse(ApiKeys.wellFormed(""));
    assertFalse(ApiKeys.wellFormed("x".repeat(100_000)));
    assertEquals(before, store.lookups, "no lookup for malformed keys");
  }

  @Test
  void everySingleCharacterTypoIsCaught() {
    String key = apiKeys.issue("live").plaintext();
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    int caught = 0;
    int tried = 0;
    for (int i = 5; i < key.length(); i++) {
      for (int j = 0; j < alphabet.length(); j += 7) {
        char c = alphabet.charAt(j);
        if (c == key.charAt(i)) {
          continue;
        }
        tried++;
        if (!ApiKeys.wellFormed(key.substring(0, i) + c + key.substring(i + 1))) {
          caught++;
        }
      }
    }
    assertEquals(tried, caught);
  }

  @Test
  void aWellFormedKeyThatWasNeverIssuedIsRefused() {
    ApiKeys elsewhere = ApiKeys.using(ApiKeyStore.inMemory(), clock, SecurityLog.using(logger));
    String foreign = elsewhere.issue("live").plaintext();
    assertTrue(ApiKeys.wellFormed(foreign));
    assertEquals(Optional.empty(), apiKeys.verify(foreign));
  }

  @Test
  void revokedKeysAreRefused() {
    IssuedKey issued = apiKeys.issue("live");
    String key = issued.plaintext();
    assertTrue(apiKeys.revoke(issued.id()));
    assertEquals(Optional.empty(), apiKeys.verify(key));
    assertFalse(apiKeys.revoke("no-such-id"));
    assertTrue(logger.entries().get(1).message.endsWith("event=api_key_revoked key_id="
        + issued.id()));
    assertThrows(IllegalArgumentException.class, () -> apiKeys.rotate(issued.id()));
  }

  @Test
  void rotationIssuesANewKeyAndRevokesTheOldAfterTheGrace() {
    IssuedKey first = apiKeys.issue("live", Map.of("owner", "acme"));
    String oldKey = first.plaintext();
    IssuedKey second = apiKeys.rotate(first.id(), Duration.ofDays(7));
    String newKey = second.plaintext();
    assertNotEquals(first.id(), second.id());
    assertEquals("acme", second.record().metadata().get("owner"));
    assertTrue(apiKeys.verify(oldKey).isPresent(), "old key works during the grace");
    assertTrue(apiKeys.verify(newKey).isPresent());
    clock.advance(Duration.ofDays(7));
    assertEquals(Optional.empty(), apiKeys.verify(oldKey));
    assertTrue(apiKeys.verify(newKey).isPresent());
    IssuedKey third = apiKeys.rotate(second.id());
    assertEquals(Optional.empty(), apiKeys.verify(newKey), "no grace: refused at once");
    assertTrue(apiKeys.verify(third.plaintext()).isPresent());
  }

  @Test
  void aGraceNeverPostponesAnEarlierRevocation() {
    ApiKeyRecord record = apiKeys.issue("live").record();
    Instant soon = clock.instant().plusSeconds(60);
    ApiKeyRecord revoked = record.revokedAt(soon).revokedAt(soon.plusSeconds(3_600));
    assertEquals(Optional.of(soon), revoked.revokedAt());
  }

  @Test
  void badArgumentsAreRefused() {
    for (String prefix : new String[] {"", "a", "Live", "live_", "_live", "li__ve", "1live",
        "live-key", "x".repeat(33), "live\n"}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> apiKeys.issue(prefix), prefix);
      assertTrue(refused.getMessage().contains("2..32"), refused.getMessage());
      assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }
    assertThrows(NullPointerException.class, () -> apiKeys.issue(null));
    assertThrows(NullPointerException.class, () -> apiKeys.issue("live", null));
    String id = apiKeys.issue("live").id();
    assertThrows(IllegalArgumentException.class, () -> apiKeys.rotate(id, Duration.ofDays(31)));
    assertThrows(IllegalArgumentException.class, () -> apiKeys.rotate(id, Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> apiKeys.rotate(id, null));
    assertThrows(IllegalArgumentException.class, () -> apiKeys.rotate("unknown"));
    assertThrows(NullPointerException.class, () -> ApiKeys.using(null));
    assertThrows(IllegalArgumentException.class, () -> ApiKeyRecord.of("id", "live", "abc",
        Collections.emptyMap(), Instant.EPOCH, null));
    assertThrows(IllegalStateException.class, () -> store.save(apiKeys.issue("live").record()));
  }

  @Test
  void issuingAndVerifyingConcurrentlyIsConsistent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        results.add(pool.submit(() -> {
          start.await();
          List<String> mine = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            IssuedKey issued = apiKeys.issue("live");
            String key = issued.plaintext();
            if (!apiKeys.verify(key).map(ApiKeyRecord::id).orElse("").equals(issued.id())) {
              throw new AssertionError("own key not verified");
            }
            if (i % 5 == 0) {
              apiKeys.revoke(issued.id());
              if (apiKeys.verify(key).isPresent()) {
                throw new AssertionError("revoked key accepted");
              }
            }
            mine.add(issued.id());
          }
          return mine;
        }));
      }
      start.countDown();
      Set<String> ids = new HashSet<>();
      for (Future<List<String>> result : results) {
        ids.addAll(result.get());
      }
      assertEquals(16 * 50, ids.size(), "ids are unique");
    } finally {
      pool.shutdownNow();
    }
  }
}
