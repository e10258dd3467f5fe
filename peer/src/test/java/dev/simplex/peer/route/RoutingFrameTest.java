package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingFrameTest {
  @Test
  void everyFrameTypeRoundTrips() {
    List<RoutingFrame> frames =
        List.of(
            new RoutingFrame.Ack("a/1", 9),
            new RoutingFrame.Redirect("a/1", 4, "c", 2),
            new RoutingFrame.Unplaced("a/1"),
            new RoutingFrame.Replay("a/1", -3, 4, 9),
            new RoutingFrame.Gone("a/1", -3, 9),
            new RoutingFrame.Died(3, "actor died"),
            new RoutingFrame.Spawned(5, 0),
            new RoutingFrame.SpawnFailed(6, "no type"),
            new RoutingFrame.Release("a/1", 3));
    for (RoutingFrame f : frames)
      assertEquals(new RoutingFrame.Valid(f), RoutingFrame.decode(f.encode()));
    var m =
        new RoutingFrame.Message(
            "a/1", -5, 7, RoutingFrame.Mode.ASK, 2, 11, "a/main", new byte[] {1, 2}, 4);
    var back =
        (RoutingFrame.Message) ((RoutingFrame.Valid) RoutingFrame.decode(m.encode())).frame();
    assertEquals(
        List.of(m.actorId(), m.lane(), m.seq(), m.mode(), m.callId(), m.sender(), 4L),
        List.of(
            back.actorId(),
            back.lane(),
            back.seq(),
            back.mode(),
            back.callId(),
            back.sender(),
            back.acked()));
    assertArrayEquals(m.body(), back.body());
    var s = new RoutingFrame.Spawn(1, "a/1", "Counter", null, new byte[] {0});
    var sb = (RoutingFrame.Spawn) ((RoutingFrame.Valid) RoutingFrame.decode(s.encode())).frame();
    assertEquals(null, sb.name());
    assertEquals("Counter", sb.typeName());
  }

  private static String reason(byte[] bytes) {
    return assertInstanceOf(RoutingFrame.Malformed.class, RoutingFrame.decode(bytes)).reason();
  }

  @Test
  void malformedFramesSayWhy() {
    assertEquals("empty routing frame", reason(new byte[0]));
    assertEquals("empty routing frame", reason(null));
    assertTrue(reason(new byte[] {42}).contains("unknown routing frame type 42"));
    byte[] ack = new RoutingFrame.Ack("a/1", 9).encode();
    assertTrue(reason(Arrays.copyOf(ack, ack.length - 1)).contains("truncated"));
    assertTrue(reason(Arrays.copyOf(ack, ack.length + 2)).contains("2 bytes after"));
    assertTrue(reason(new RoutingFrame.Ack("a/1", 0).encode()).contains("not positive"));
    byte[] reply = new RoutingFrame.Reply(1, new byte[] {1, 2, 3}).encode();
    reply[12] = 100; // the body's length now claims more than the frame holds
    assertTrue(reason(reply).contains("does not fit"), reason(reply));
    byte[] negative =
        new RoutingFrame.Message("a/1", 1, 7, RoutingFrame.Mode.SEND, 0, 1, "s", new byte[0], 0)
            .encode();
    negative[negative.length - 8] = (byte) 0x80; // the acknowledged watermark's sign bit
    assertTrue(reason(negative).contains("acknowledged watermark"), reason(negative));
    assertTrue(reason(new RoutingFrame.Unplaced("").encode()).contains("blank id"));
    assertTrue(reason(new RoutingFrame.Replay("a/1", 1, 9, 4).encode()).contains("is empty"));
    assertTrue(reason(new RoutingFrame.Gone("a/1", 1, 0).encode()).contains("not positive"));
  }

  @Test
  void aSpawnCarriesItsResourcesAndReplicasAndBadOnesAreRefused() {
    var hints = new RoutingFrame.Hints(Resources.of(2, "1GB", 1), 3, true);
    var s = new RoutingFrame.Spawn(1, "a/1", "Counter", "c", new byte[] {0}, hints);
    var back = (RoutingFrame.Spawn) ((RoutingFrame.Valid) RoutingFrame.decode(s.encode())).frame();
    assertEquals(hints, back.hints());
    assertEquals(hints, RoutingFrame.Hints.of(hints.bytes()));
    assertEquals(RoutingFrame.Hints.DEFAULT, RoutingFrame.Hints.of(new byte[] {1, 2}));
    byte[] bytes = s.encode();
    bytes[bytes.length - 2] = 0; // replicas 0 (the pin flag is the last byte)
    assertTrue(reason(bytes).contains("replicas 0 out of range"), reason(bytes));
    byte[] negative = s.encode();
    negative[negative.length - 21] = (byte) 0x80; // cpu < 0
    assertTrue(reason(negative).contains("cpu must be >= 0"), reason(negative));
    byte[] cut = Arrays.copyOf(s.encode(), s.encode().length - 3);
    assertTrue(reason(cut).contains("truncated"), reason(cut));
  }
}
