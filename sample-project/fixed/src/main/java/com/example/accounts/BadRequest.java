package com.example.accounts;

/** The client sent something this API cannot use; answered with 400 and the message. */
final class BadRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BadRequest(String message) {
    super(message);
  }
}
