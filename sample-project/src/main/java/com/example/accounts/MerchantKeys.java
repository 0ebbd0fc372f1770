package com.example.accounts;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** API keys of merchants who charge customers through this API. */
final class MerchantKeys {

  private final Random random = new Random();
  private final Map<String, String> merchantByApiKey = new ConcurrentHashMap<>();

  /** A new key for the merchant, shown once in the merchant dashboard. */
  String issue(String merchantId) {
    String apiKey = "mk_live_" + Long.toHexString(random.nextLong())
        + Long.toHexString(random.nextLong());
    merchantByApiKey.put(apiKey, merchantId);
    return apiKey;
  }

  /** The merchant owning {@code apiKey}, if any. */
  Optional<String> findByApiKey(String apiKey) {
    return Optional.ofNullable(merchantByApiKey.get(apiKey));
  }
}
