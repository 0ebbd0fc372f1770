package io.github.bulwark.runtime;

/**
 * Thrown when a required secret is absent or blank in every place it may come from; the message
 * names each place that was checked and never contains a value.
 */
public final class MissingSecretException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String secretName;

  MissingSecretException(String secretName, String message) {
    super(message);
    this.secretName = secretName;
  }

  /** The name that was looked up. */
  public String secretName() {
    return secretName;
  }
}
