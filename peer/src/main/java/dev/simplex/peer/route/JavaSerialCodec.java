package dev.simplex.peer.route;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The stand-in codec: a tag byte, then the raw bytes of a {@code byte[]} or the Java serialisation
 * of a {@link java.io.Serializable} value. Bytes come from other peers, so decoding admits only
 * classes under allowed package prefixes and bounds depth, array sizes and object counts.
 */
public final class JavaSerialCodec implements MessageCodec {
  private static final byte NULL = 0;
  private static final byte BYTES = 1;
  private static final byte SERIAL = 2;
  private static final List<String> BASE =
      List.of("java.lang.", "java.util.", "java.time.", "java.math.", "dev.simplex.");

  private final List<String> allowed;

  private JavaSerialCodec(List<String> allowed) {
    this.allowed = allowed;
  }

  /** Admits the JDK's value classes, this project's and those under {@code morePackages}. */
  public static JavaSerialCodec allowing(String... morePackages) {
    var all = new java.util.ArrayList<>(BASE);
    for (String p : morePackages) {
      if (p == null || p.isBlank()) throw new IllegalArgumentException("blank package prefix");
      all.add(p.endsWith(".") ? p : p + ".");
    }
    return new JavaSerialCodec(List.copyOf(all));
  }

  @Override
  public byte[] encode(Object value) {
    if (value == null) return new byte[] {NULL};
    if (value instanceof byte[] b) {
      byte[] out = new byte[b.length + 1];
      out[0] = BYTES;
      System.arraycopy(b, 0, out, 1, b.length);
      return out;
    }
    var bytes = new ByteArrayOutputStream();
    bytes.write(SERIAL);
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          "a "
              + value.getClass().getName()
              + " cannot travel between peers: "
              + e.getMessage()
              + " is not Serializable",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "a " + value.getClass().getName() + " cannot be encoded: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0)
      throw new IllegalArgumentException("an encoded value needs at least its tag byte");
    return switch (bytes[0]) {
      case NULL -> {
        if (bytes.length != 1) throw new IllegalArgumentException("a null value has no body");
        yield null;
      }
      case BYTES -> Arrays.copyOfRange(bytes, 1, bytes.length);
      case SERIAL -> deserialize(bytes);
      default -> throw new IllegalArgumentException("unknown value tag " + bytes[0]);
    };
  }

  private Object deserialize(byte[] bytes) {
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
      in.setObjectInputFilter(this::check);
      Object value = in.readObject();
      if (in.read() != -1) throw new IllegalArgumentException("bytes left after the value");
      return value;
    } catch (InvalidClassException e) {
      throw new IllegalArgumentException("value rejected: " + e.getMessage(), e);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("value cannot be decoded: " + e, e);
    }
  }

  private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
    if (info.depth() > 64 || info.references() > 1_000_000 || info.arrayLength() > 64 << 20)
      return ObjectInputFilter.Status.REJECTED;
    Class<?> c = info.serialClass();
    if (c == null) return ObjectInputFilter.Status.UNDECIDED;
    while (c.isArray()) c = c.getComponentType();
    if (c.isPrimitive()) return ObjectInputFilter.Status.ALLOWED;
    String name = c.getName();
    return allowed.stream().anyMatch(name::startsWith)
        ? ObjectInputFilter.Status.ALLOWED
        : ObjectInputFilter.Status.REJECTED;
  }
}
