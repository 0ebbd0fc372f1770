package io.github.bulwark.core.model;

import java.util.Locale;

/** The product's rule families; each is also a SARIF tag and a report grouping. */
public enum Family {
  TRANSPORT,
  SECRETS,
  PASSWORDS,
  CRYPTO,
  INPUT,
  ERRORS,
  LOGGING,
  RATELIMIT,
  MFA,
  APIKEYS,
  /** Built-in checks on Bulwark's own suppressions (for example a suppression without a reason). */
  SUPPRESSION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
