package io.github.bulwark.core.taint;

/**
 * The kinds of sink untrusted data can reach. A sanitizer clears taint for the kinds it makes
 * safe and no others: an HTML encoder clears {@link #HTML}, never {@link #SQL}.
 */
public enum SinkKind {
  SQL,
  COMMAND,
  PATH,
  HTML,
  LDAP,
  XPATH,
  URL,
  REDIRECT,
  HEADER,
  LOG,
  SESSION,
  REFLECTION,
  DESERIALIZATION,
  REGEX
}
