package io.github.bulwark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeObjectInputTest {

  static final class Order implements Serializable {
    private static final long serialVersionUID = 1L;
    final String id;
    final int[] quantities;

    Order(String id, int[] quantities) {
      this.id = id;
      this.quantities = quantities;
    }
  }

  private static byte[] serialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  @Test
  void allowedClassesRoundTrip() throws Exception {
    byte[] bytes = serialize(new Order("A-1", new int[] {1, 2}));
    try (ObjectInputStream in = SafeObjectInput.allowing(new ByteArrayInputStream(bytes),
        Order.class)) {
      Order order = (Order) in.readObject();
      assertEquals("A-1", order.id);
      assertEquals(2, order.quantities[1]);
    }
  }

  @Test
  void otherClassesAreRefusedBeforeTheyAreBuilt() throws Exception {
    List<String> gadget = new ArrayList<>(List.of("x"));
    byte[] bytes = serialize(gadget);
    try (ObjectInputStream in = SafeObjectInput.allowing(new ByteArrayInputStream(bytes),
        Order.class)) {
      assertThrows(InvalidClassException.class, in::readObject);
    }
  }

  @Test
  void hugeArraysAreRefused() throws Exception {
    byte[] bytes = serialize(new Order("big", new int[200_000]));
    try (ObjectInputStream in = SafeObjectInput.allowing(new ByteArrayInputStream(bytes),
        Order.class)) {
      assertThrows(InvalidClassException.class, in::readObject);
    }
  }

  @Test
  void anEmptyAllowListIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> SafeObjectInput.allowing(new ByteArrayInputStream(new byte[0])));
  }
}
