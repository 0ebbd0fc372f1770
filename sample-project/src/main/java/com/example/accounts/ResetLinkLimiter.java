package com.example.accounts;

import java.util.HashMap;
import java.util.Map;

/** At most three password reset links per e-mail address, so nobody floods a mailbox. */
final class ResetLinkLimiter {

  private static final int MAX_LINKS = 3;

  private final Map<String, Integer> requests = new HashMap<>();

  boolean allow(String email) {
    int count = requests.getOrDefault(email, 0);
    if (count >= MAX_LINKS) {
      return false;
    }
    requests.put(email, count + 1);
    return true;
  }
}
