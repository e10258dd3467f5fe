package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationFrameTest {
  private static RoutingFrame roundTrip(RoutingFrame f) {
    return assertInstanceOf(RoutingFrame.Valid.class, RoutingFrame.decode(f.encode())).frame();
  }

  @Test
  void migrationFramesRoundTrip() {
    for (RoutingFrame f :
        List.of(
            new RoutingFrame.Migrate(1, "a/1", "b"),
            new RoutingFrame.Migrated(2, 5, 1 << 20, 4096),
            new RoutingFrame.MigrationFailed(3, "peer b left"),
            new RoutingFrame.Installed(4),
            new RoutingFrame.Abort("a/1", 6))) assertEquals(f, roundTrip(f));
  }

  @Test
  void installCarriesWatermarksArgsAndSnapshot() {
    var marks =
        List.of(new RoutingFrame.Watermark("c", -7, 120), new RoutingFrame.Watermark("a", 3, 1));
    var i =
        new RoutingFrame.Install(
            9, "a/1", "Counter", "tally", 4, new byte[] {1}, marks, new byte[] {5, 6, 7});
    var back = (RoutingFrame.Install) roundTrip(i);
    assertEquals(
        List.of(9L, "a/1", "Counter", "tally", 4L, marks),
        List.of(
            back.callId(),
            back.actorId(),
            back.typeName(),
            back.name(),
            back.epoch(),
            back.watermarks()));
    assertArrayEquals(i.args(), back.args());
    assertArrayEquals(i.snapshot(), back.snapshot());
  }

  @Test
  void installCarriesTheAskerOfAHandlerCapturedInAnAsk() {
    var replyTo = new dev.simplex.peer.grid.ActorCheckpoint.ReplyTo("c", 41);
    var i =
        new RoutingFrame.Install(
            9,
            "a/1",
            "Asker",
            null,
            4,
            new byte[0],
            List.of(),
            new byte[] {5},
            RoutingFrame.Hints.DEFAULT,
            replyTo);
    assertEquals(replyTo, ((RoutingFrame.Install) roundTrip(i)).replyTo());
    byte[] bytes = i.encode();
    bytes[bytes.length - 1] = 0; // call id 0 is never an ask's
    assertTrue(
        assertInstanceOf(RoutingFrame.Malformed.class, RoutingFrame.decode(bytes))
            .reason()
            .contains("call id 0 is not positive"));
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertInstanceOf(RoutingFrame.Malformed.class, RoutingFrame.decode(cut));
  }

  @Test
  void forwardedMessageKeepsItsOriginAndLane() {
    var m =
        new RoutingFrame.Message(
            "a/1", 77, 12, RoutingFrame.Mode.SEND, 0, -3, "c/main", new byte[] {9});
    var back = (RoutingFrame.Forwarded) roundTrip(new RoutingFrame.Forwarded("c", m));
    assertEquals("c", back.origin());
    assertEquals(List.of(77L, 12L), List.of(back.message().lane(), back.message().seq()));
  }

  @Test
  void malformedMigrationFramesSayWhy() throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(13);
      out.writeLong(1);
      out.writeUTF("a/1");
      out.writeUTF("Counter");
      out.writeUTF("");
      out.writeLong(2);
      out.writeInt(0);
      out.writeInt(1_000_000); // a watermark count the frame cannot hold
    }
    var bad =
        assertInstanceOf(RoutingFrame.Malformed.class, RoutingFrame.decode(bytes.toByteArray()));
    assertTrue(bad.reason().contains("1000000 watermarks do not fit"), bad.reason());
    byte[] notAMessage = new RoutingFrame.Ack("a/1", 3).encode();
    var wrapped = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(wrapped)) {
      out.writeByte(16);
      out.writeUTF("c");
      out.writeInt(notAMessage.length);
      out.write(notAMessage);
    }
    var notMsg =
        assertInstanceOf(RoutingFrame.Malformed.class, RoutingFrame.decode(wrapped.toByteArray()));
    assertEquals("a forwarded frame is not a message", notMsg.reason());
    byte[] zeroEpoch =
        new RoutingFrame.Install(1, "a/1", "T", null, 1, new byte[0], List.of(), new byte[0])
            .encode();
    zeroEpoch[1 + 8 + 5 + 3 + 2 + 7] = 0; // the epoch's low byte: epoch 0 is never an install's
    assertTrue(
        assertInstanceOf(RoutingFrame.Malformed.class, RoutingFrame.decode(zeroEpoch))
            .reason()
            .contains("epoch 0 is not positive"));
  }
}
