package dev.simplex.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.checkpoint.Checkpoint.MessageId;
import dev.simplex.checkpoint.Checkpoint.PendingMessage;
import dev.simplex.checkpoint.Checkpoint.SupervisorLink;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

  static Checkpoint full(String actorId, long sequence) {
    var ctx =
        new ExecutionContext(
            SnapshotValues.hash(1),
            17,
            List.of(
                new ExecutionContext.Frame(
                    SnapshotValues.hash(2), 3, List.of(SnapshotValue.of(1), SnapshotValue.of("x"))),
                new ExecutionContext.Frame(SnapshotValues.hash(3), 0, List.of())));
    return new Checkpoint(
        actorId,
        SnapshotValues.hash(9),
        sequence,
        Instant.parse("2026-11-23T10:15:30.123456789Z"),
        SnapshotValues.everyKind(),
        Optional.of(ctx),
        List.of(
            new PendingMessage(new MessageId("sender-a", 4), "Deposit", SnapshotValue.of(100)),
            new PendingMessage(new MessageId("sender-b", 1), "Close", SnapshotValue.unit())),
        List.of(
            new SupervisorLink(SupervisorLink.Role.SUPERVISOR, "crew", SnapshotValue.unit()),
            new SupervisorLink(
                SupervisorLink.Role.CHILD,
                "worker-1",
                new SnapshotValue.Variant("Restart", "Always", SnapshotValue.unit()))),
        Map.of("sender-a", 3L, "sender-b", 0L));
  }

  @Test
  void fullCheckpointRoundTripsThroughItsEncoding() throws Exception {
    Checkpoint c = full("bank-1", 7);
    assertEquals(c, c.encode().decode());
  }

  @Test
  void checkpointWithoutExecutionContextRoundTrips() throws Exception {
    Checkpoint c =
        Checkpoint.ofFields("a", SnapshotValues.hash(1), 0, Instant.EPOCH, SnapshotValue.of(5));
    assertEquals(c, EncodedCheckpoint.of(c.encode().bytes()).decode());
  }

  @Test
  void equalCheckpointsEncodeToEqualBytes() {
    assertTrue(Arrays.equals(full("a", 1).encode().bytes(), full("a", 1).encode().bytes()));
  }

  @Test
  void compressedFormRoundTripsForMigration() throws Exception {
    Checkpoint c = full("mover", 3);
    EncodedCheckpoint back = EncodedCheckpoint.fromCompressed(c.encode().compressed());
    assertEquals("mover", back.actorId());
    assertEquals(3, back.sequence());
    assertEquals(c, back.decode());
  }

  @Test
  void garbageIsNotMistakenForACompressedCheckpoint() {
    var e =
        assertThrows(
            CheckpointFormatException.class,
            () -> EncodedCheckpoint.fromCompressed("not zstd at all".getBytes()));
    assertTrue(
        e.getMessage().startsWith("compressed checkpoint is not a Zstd frame"), e.getMessage());
  }

  @Test
  void wrongMagicIsRejected() {
    var e =
        assertThrows(
            CheckpointFormatException.class, () -> EncodedCheckpoint.of("hello world".getBytes()));
    assertTrue(e.getMessage().contains("magic bytes SXCP"), e.getMessage());
  }

  @Test
  void newerFormatVersionIsRejectedWithAnUpgradeHint() {
    byte[] b = full("a", 1).encode().bytes();
    b[4] = 2;
    var e = assertThrows(CheckpointFormatException.class, () -> EncodedCheckpoint.of(b));
    assertTrue(e.getMessage().contains("version 2 is not supported"), e.getMessage());
  }

  @Test
  void missingSectionIsNamed() {
    byte[] b = full("a", 1).encode().bytes();
    byte[] headerOnly = Arrays.copyOf(b, 5 + 2 + (b[6] & 0x7F));
    var e = assertThrows(CheckpointFormatException.class, () -> EncodedCheckpoint.of(headerOnly));
    assertTrue(e.getMessage().contains("fields section is missing"), e.getMessage());
  }

  @Test
  void everyTruncationAndRandomCorruptionIsAFormatError() {
    byte[] full = full("a", 1).encode().bytes();
    for (int len = 0; len < full.length; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      assertThrows(CheckpointFormatException.class, () -> EncodedCheckpoint.of(cut));
    }
    Random r = new Random(7);
    for (int i = 0; i < 5000; i++) {
      byte[] bad = full.clone();
      bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
      try {
        EncodedCheckpoint.of(bad);
      } catch (CheckpointFormatException expected) {
        // a single changed byte may still be a valid checkpoint (a different balance, say)
      }
    }
  }

  @Test
  void emptyActorIdIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Checkpoint.ofFields(
                "", SnapshotValues.hash(1), 0, Instant.EPOCH, SnapshotValue.unit()));
  }

  @Test
  void negativeSequenceIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Checkpoint.ofFields(
                    "a", SnapshotValues.hash(1), -1, Instant.EPOCH, SnapshotValue.unit()));
    assertTrue(e.getMessage().contains("actor a"), e.getMessage());
  }
}
