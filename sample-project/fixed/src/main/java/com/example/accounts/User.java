package com.example.accounts;

/** An account holder; the password is only ever stored as a bcrypt hash (PasswordHasher). */
record User(String id, String email, String passwordHash, long balanceCents) {

  User withBalance(long cents) {
    return new User(id, email, passwordHash, cents);
  }

  User withPasswordHash(String newHash) {
    return new User(id, email, newHash, balanceCents);
  }
}
