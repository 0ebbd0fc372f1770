package io.github.bulwark.core.baseline;

/**
 * A baseline file that cannot be used: missing, unreadable, not JSON, another version, or an
 * entry without a field. The message names the file, what is wrong and what to do.
 */
public final class BaselineException extends Exception {

  private static final long serialVersionUID = 1L;

  public BaselineException(String message) {
    super(message);
  }

  public BaselineException(String message, Throwable cause) {
    super(message, cause);
  }
}
