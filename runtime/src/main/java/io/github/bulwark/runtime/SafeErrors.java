package io.github.bulwark.runtime;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.event.Level;

/**
 * Turns any exception into a {@link SafeError} that is safe to send to the client — a status, a
 * generic message and an incident id — and logs the full exception under the same incident id,
 * so attackers learn nothing from errors while operators lose nothing.
 *
 * <pre>{@code
 * } catch (Exception e) {
 *   SafeError error = SafeErrors.respond(e);     // logged: event=error_response incident=... status=500
 *   response.setStatus(error.status());
 *   response.setContentType(SafeError.CONTENT_TYPE);
 *   SafeErrors.write(error, response.getWriter()); // {"error":"An internal error occurred.","incident":"..."}
 * }
 * }</pre>
 *
 * <p><b>Statuses.</b>
 * <ul>
 *   <li>400 with the exception's own message for {@link ValidationException}, whose messages are
 *       written to be shown to clients. A plain {@link IllegalArgumentException} is 500: its
 *       message may carry internal values, and it is as often a bug as bad input.
 *   <li>401 "{@value #UNAUTHORIZED}" for {@code javax.security.auth.login.LoginException}, Spring
 *       Security's {@code AuthenticationException} and JAX-RS {@code NotAuthorizedException}.
 *   <li>403 "{@value #FORBIDDEN}" for {@link SecurityException}, Spring Security's {@code
 *       AccessDeniedException} and JAX-RS {@code ForbiddenException} (recognised by class name,
 *       subclasses included, so no framework is needed on the class path).
 *   <li>500 "{@value #INTERNAL_ERROR}" for everything else, {@code null} included.
 * </ul>
 * A {@link CompletionException}, {@link ExecutionException}, {@link InvocationTargetException} or
 * {@link UndeclaredThrowableException} is judged by its cause: they only wrap.
 *
 * <p><b>Logging.</b> Through {@link SecurityLog}: {@code event=error_response incident=<id>
 * status=<status> exception=<class> message=<message>} with the stack trace, at ERROR for 500
 * and WARN for the 4xx answers, messages escaped and masked.
 *
 * <p>All methods are static and thread-safe.
 */
public final class SafeErrors {

  /** The message of every 500 answer. */
  public static final String INTERNAL_ERROR = "An internal error occurred.";

  /** The message of every 401 answer. */
  public static final String UNAUTHORIZED = "Authentication is required.";

  /** The message of every 403 answer. */
  public static final String FORBIDDEN = "Access is denied.";

  /** Random bytes in an incident id: 128 bits, 22 URL-safe characters. */
  static final int INCIDENT_BYTES = 16;

  private static final Set<String> UNAUTHORIZED_TYPES = Collections.unmodifiableSet(
      new HashSet<>(Arrays.asList(
          "javax.security.auth.login.LoginException",
          "org.springframework.security.core.AuthenticationException",
          "jakarta.ws.rs.NotAuthorizedException",
          "javax.ws.rs.NotAuthorizedException")));

  private static final Set<String> FORBIDDEN_TYPES = Collections.unmodifiableSet(
      new HashSet<>(Arrays.asList(
          "java.lang.SecurityException",
          "org.springframework.security.access.AccessDeniedException",
          "jakarta.ws.rs.ForbiddenException",
          "javax.ws.rs.ForbiddenException")));

  private static final int MAX_UNWRAP = 8;

  private SafeErrors() {}

  /**
   * The client-safe answer to {@code e}, after logging {@code e} in full through {@link
   * SecurityLog#get()}.
   */
  public static SafeError respond(Throwable e) {
    return respond(e, SecurityLog.get());
  }

  /**
   * The client-safe answer to {@code e}, after logging {@code e} in full through {@code log}.
   *
   * @throws NullPointerException if {@code log} is null
   */
  public static SafeError respond(Throwable e, SecurityLog log) {
    Objects.requireNonNull(log, "log");
    Throwable judged = unwrap(e);
    int status;
    String message;
    if (judged instanceof ValidationException) {
      status = 400;
      message = judged.getMessage() == null ? "Invalid input." : judged.getMessage();
    } else if (isA(judged, UNAUTHORIZED_TYPES)) {
      status = 401;
      message = UNAUTHORIZED;
    } else if (isA(judged, FORBIDDEN_TYPES)) {
      status = 403;
      message = FORBIDDEN;
    } else {
      status = 500;
      message = INTERNAL_ERROR;
    }
    SafeError error = new SafeError(status, message, Tokens.urlSafe(INCIDENT_BYTES));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("incident", error.incidentId());
    fields.put("status", status);
    fields.put("exception", e == null ? null : e.getClass().getName());
    fields.put("message", e == null ? null : e.getMessage());
    log.log(status >= 500 ? Level.ERROR : Level.WARN, "error_response", fields, e);
    return error;
  }

  /**
   * Writes {@link SafeError#toJson()} to {@code out} and flushes it; set the status and {@link
   * SafeError#CONTENT_TYPE} on the response first.
   *
   * @throws NullPointerException if an argument is null
   * @throws IOException if writing fails
   */
  public static void write(SafeError error, Writer out) throws IOException {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(out, "out");
    out.write(error.toJson());
    out.flush();
  }

  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    for (int i = 0; i < MAX_UNWRAP && current != null && current.getCause() != null
        && (current instanceof CompletionException || current instanceof ExecutionException
            || current instanceof InvocationTargetException
            || current instanceof UndeclaredThrowableException); i++) {
      current = current.getCause();
    }
    return current;
  }

  private static boolean isA(Throwable e, Set<String> typeNames) {
    for (Class<?> type = e == null ? null : e.getClass(); type != null;
        type = type.getSuperclass()) {
      if (typeNames.contains(type.getName())) {
        return true;
      }
    }
    return false;
  }
}
