package io.github.bulwark.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An {@link ObjectInputStream} that refuses every class not on an explicit allow-list, and bounds
 * the graph it will build, so attacker-supplied bytes cannot instantiate gadget classes. The fix
 * for Java deserialization of untrusted data when the format cannot be changed to JSON.
 *
 * <pre>
 * try (ObjectInputStream in = SafeObjectInput.allowing(request.getInputStream(), Order.class)) {
 *   Order order = (Order) in.readObject();
 * }
 * </pre>
 */
public final class SafeObjectInput {

  /** Depth, references, array length and stream size a legitimate message stays under. */
  public static final long MAX_DEPTH = 20;
  public static final long MAX_REFERENCES = 10_000;
  public static final long MAX_ARRAY_LENGTH = 100_000;
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  private SafeObjectInput() {}

  /**
   * A stream over {@code in} that deserializes only the {@code allowed} classes (and arrays of
   * them, primitives and {@code String}); anything else fails with {@link java.io.InvalidClassException}
   * before it is instantiated.
   *
   * @throws IllegalArgumentException when no class is allowed
   */
  public static ObjectInputStream allowing(InputStream in, Class<?>... allowed)
      throws IOException {
    Objects.requireNonNull(in, "in");
    if (allowed == null || allowed.length == 0) {
      throw new IllegalArgumentException("allow at least one class: an empty allow-list "
          + "would refuse every object, and no allow-list is the vulnerability this prevents");
    }
    ObjectInputStream stream = new ObjectInputStream(in);
    stream.setObjectInputFilter(filter(allowed));
    return stream;
  }

  /** The filter {@link #allowing} installs, for streams built elsewhere. */
  public static ObjectInputFilter filter(Class<?>... allowed) {
    Set<Class<?>> classes = Arrays.stream(allowed).map(Objects::requireNonNull)
        .collect(Collectors.toUnmodifiableSet());
    return info -> {
      if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
          || info.arrayLength() > MAX_ARRAY_LENGTH || info.streamBytes() > MAX_BYTES) {
        return ObjectInputFilter.Status.REJECTED;
      }
      Class<?> type = info.serialClass();
      if (type == null) {
        return ObjectInputFilter.Status.UNDECIDED;
      }
      while (type.isArray()) {
        type = type.getComponentType();
      }
      if (type.isPrimitive() || type == String.class || classes.contains(type)) {
        return ObjectInputFilter.Status.ALLOWED;
      }
      return ObjectInputFilter.Status.REJECTED;
    };
  }
}
