package com.example.accounts;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Users in memory, by id and by e-mail address. */
final class UserRepository {

  private final Map<String, User> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByEmail = new ConcurrentHashMap<>();

  User create(String email, String passwordHash) {
    String id = UUID.randomUUID().toString();
    if (idByEmail.putIfAbsent(email, id) != null) {
      throw new BadRequest("an account with this e-mail address exists");
    }
    User user = new User(id, email, passwordHash, 0);
    byId.put(id, user);
    return user;
  }

  Optional<User> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  Optional<User> findByEmail(String email) {
    return Optional.ofNullable(idByEmail.get(email)).map(byId::get);
  }

  void save(User user) {
    byId.put(user.id(), user);
  }
}
