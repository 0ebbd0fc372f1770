package io.github.bulwark.runtime;

import java.security.GeneralSecurityException;

/**
 * Thrown when {@link Aead#decrypt} refuses its input: an unknown format version, input too short
 * to hold a message, or a message whose authentication failed because the ciphertext, nonce, tag
 * or associated data were altered, or the key is not the one it was encrypted with.
 *
 * <p>It is checked, like every {@link GeneralSecurityException}, because a failed decryption is
 * not a programming error but an attack or corrupted storage that the caller must decide about.
 * No plaintext is ever released when it is thrown, and the message holds no key or data bytes.
 */
public final class AeadException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  AeadException(String message) {
    super(message);
  }

  AeadException(String message, Throwable cause) {
    super(message, cause);
  }
}
