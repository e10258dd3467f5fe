package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaSerialCodecTest {
  record Point(int x, int y) implements Serializable {}

  private final JavaSerialCodec codec = JavaSerialCodec.allowing();

  @Test
  void valuesBytesAndNullRoundTrip() {
    assertEquals(new Point(1, 2), codec.decode(codec.encode(new Point(1, 2))));
    assertEquals(List.of("a", 3L), codec.decode(codec.encode(List.of("a", 3L))));
    assertArrayEquals(new byte[] {5, 6}, (byte[]) codec.decode(codec.encode(new byte[] {5, 6})));
    assertNull(codec.decode(codec.encode(null)));
  }

  @Test
  void aValueThatIsNotSerializableIsRefusedWithItsType() {
    var e = assertThrows(IllegalArgumentException.class, () -> codec.encode(new Object()));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
  }

  @Test
  void classesOutsideTheAllowedPackagesAreRejectedOnDecode() {
    byte[] bytes = codec.encode(new java.net.InetSocketAddress(1).getAddress());
    var e = assertThrows(IllegalArgumentException.class, () -> codec.decode(bytes));
    assertTrue(e.getMessage().contains("rejected"), e.getMessage());
  }

  @Test
  void garbageIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> codec.decode(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> codec.decode(new byte[] {9}));
    assertThrows(IllegalArgumentException.class, () -> codec.decode(new byte[] {2, 1, 2, 3}));
    assertThrows(IllegalArgumentException.class, () -> codec.decode(new byte[] {0, 1}));
  }
}
