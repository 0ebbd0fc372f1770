package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens for logged-in users, expiring after a fixed time; a reaper drops old ones. */
final class SessionStore {

  private static final Duration REAP_INTERVAL = Duration.ofMinutes(1);

  private record Session(String userId, Instant expires) {}

  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration lifetime;

  SessionStore(Duration lifetime) {
    this.lifetime = lifetime;
  }

  String open(String userId, Duration requested) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Duration granted = requested.compareTo(lifetime) > 0 ? lifetime : requested;
    byToken.put(token, new Session(userId, Instant.now().plus(granted)));
    return token;
  }

  /** The user id behind the request's {@code Authorization: Bearer} token, if still valid. */
  Optional<String> userFor(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return Optional.empty();
    }
    Session session = byToken.get(header.substring("Bearer ".length()).trim());
    if (session == null || session.expires().isBefore(Instant.now())) {
      return Optional.empty();
    }
    return Optional.of(session.userId());
  }

  void startReaper() {
    Thread reaper = new Thread(this::reapForever, "session-reaper");
    reaper.setDaemon(true);
    reaper.start();
  }

  private void reapForever() {
    while (true) {
      try {
        Thread.sleep(REAP_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // asked to stop: keep the flag and end the thread
        return;
      }
      Instant now = Instant.now();
      byToken.values().removeIf(session -> session.expires().isBefore(now));
    }
  }
}
