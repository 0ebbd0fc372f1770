package io.github.bulwark.runtime;

/**
 * Thrown by {@link InputValidator} when input breaks a rule; its message is safe to return to
 * the client: it says which rule was broken and echoes at most a short, escaped preview of the
 * input (ASCII letters, digits and a few punctuation marks kept, everything else as
 * {@code \\uXXXX}), so it can carry no markup, script, line break or long payload.
 *
 * <p>It extends {@link IllegalArgumentException} because the input is the bad argument; catch it
 * where a request is handled and answer 400 Bad Request. Mistakes in how a validator is called
 * (a {@code max} below {@code min}, an empty allow-list) are plain {@code
 * IllegalArgumentException}s instead, so a handler catching this type does not hide bugs.
 */
public final class ValidationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  ValidationException(String message) {
    super(message);
  }
}
