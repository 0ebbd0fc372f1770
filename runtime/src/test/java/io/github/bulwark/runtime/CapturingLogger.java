package io.github.bulwark.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps every call, formatted as a backend would, for assertions. */
final class CapturingLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;

  /** One logged call. */
  static final class Entry {
    final Level level;
    final Marker marker;
    final String message;
    final Throwable throwable;

    Entry(Level level, Marker marker, String message, Throwable throwable) {
      this.level = level;
      this.marker = marker;
      this.message = message;
      this.throwable = throwable;
    }

    @Override
    public String toString() {
      return level + " " + message;
    }
  }

  private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

  CapturingLogger() {
    this.name = "capturing";
  }

  List<Entry> entries() {
    synchronized (entries) {
      return new ArrayList<>(entries);
    }
  }

  /** The only entry logged so far; fails if there is not exactly one. */
  Entry single() {
    List<Entry> all = entries();
    if (all.size() != 1) {
      throw new AssertionError("expected one log entry, got " + all);
    }
    return all.get(0);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
      Object[] arguments, Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
    entries.add(new Entry(level, marker, message, throwable));
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
