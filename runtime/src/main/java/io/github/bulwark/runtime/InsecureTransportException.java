package io.github.bulwark.runtime;

/**
 * Thrown before any connection is opened when a URI would send a request in clear text.
 *
 * <p>It extends {@link IllegalArgumentException} because the URI is the bad argument; the
 * message names the URI without its user-info and query, which often carry credentials.
 */
public final class InsecureTransportException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InsecureTransportException(String message) {
    super(message);
  }
}
