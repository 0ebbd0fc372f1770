package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens for logged-in users and staff, expiring after a fixed time; a reaper drops old ones. */
final class SessionStore {

  private static final Duration REAP_INTERVAL = Duration.ofMinutes(1);

  /** One login: who, until when, whether staff, and what the server remembers for it. */
  static final class Session {
    private final String userId;
    private final Instant expires;
    private final boolean staff;
    private final Map<String, String> attributes = new ConcurrentHashMap<>();

    Session(String userId, Instant expires, boolean staff) {
      this.userId = userId;
      this.expires = expires;
      this.staff = staff;
    }

    String userId() {
      return userId;
    }

    boolean staff() {
      return staff;
    }

    Optional<String> getAttribute(String name) {
      return Optional.ofNullable(attributes.get(name));
    }

    void setAttribute(String name, String value) {
      attributes.put(name, value);
    }
  }

  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  private final Duration lifetime;

  SessionStore(Duration lifetime) {
    this.lifetime = lifetime;
  }

  /** A new bearer token for the user (or, with {@code staff}, the staff member). */
  String issueToken(String userId, Duration requested, boolean staff) {
    String token = Tokens.urlSafe();
    Duration granted = requested.compareTo(lifetime) > 0 ? lifetime : requested;
    byToken.put(token, new Session(userId, Instant.now().plus(granted), staff));
    return token;
  }

  /** The session behind the request's {@code Authorization: Bearer} token, if still valid. */
  Optional<Session> sessionFor(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return Optional.empty();
    }
    Session session = byToken.get(header.substring("Bearer ".length()).trim());
    if (session == null || session.expires.isBefore(Instant.now())) {
      return Optional.empty();
    }
    return Optional.of(session);
  }

  /** The customer behind the request's bearer token, if still valid. */
  Optional<String> userFor(HttpExchange exchange) {
    return sessionFor(exchange).filter(session -> !session.staff()).map(Session::userId);
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
      byToken.values().removeIf(session -> session.expires.isBefore(now));
    }
  }
}
