package dev.simplex.peer.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.checkpoint.ObjectStore;
import dev.simplex.checkpoint.s3.S3ObjectStore;
import dev.simplex.checkpoint.s3.S3Server;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Swarm actor checkpoints in an S3-compatible bucket (s3proxy on loopback). */
class CheckpointObjectsTest {
  static S3Server server;
  static ObjectStore bucket;

  @BeforeAll
  static void start() throws Exception {
    server = S3Server.start("swarm");
    bucket = S3ObjectStore.open(server.config("swarm", "objects-test/"));
  }

  @AfterAll
  static void stop() throws Exception {
    bucket.close();
    server.close();
  }

  static ActorCheckpoint checkpoint(String id, long epoch, long seq, byte[] state) {
    return new ActorCheckpoint(
        id,
        "T",
        null,
        new byte[] {1},
        epoch,
        seq,
        "p1",
        List.of(new ActorCheckpoint.Mark("p2", 7, 40)),
        state,
        1234,
        new byte[0],
        new ActorCheckpoint.ReplyTo("p2", 9));
  }

  @Test
  void theNewestCheckpointComesBackWithEveryFieldAndOnlyTheTwoNewestAreKept() throws Exception {
    CheckpointObjects objects = new CheckpointObjects(bucket);
    String id = "p1/actor-" + System.nanoTime();
    for (long seq = 1; seq <= 5; seq++)
      objects.put(checkpoint(id, 2, seq, new byte[] {(byte) seq}));
    ActorCheckpoint back = objects.latest(id).orElseThrow();
    assertEquals(5, back.sequence());
    assertArrayEquals(new byte[] {5}, back.state());
    assertEquals(new ActorCheckpoint.ReplyTo("p2", 9), back.replyTo());
    assertEquals(List.of(new ActorCheckpoint.Mark("p2", 7, 40)), back.marks());
    assertEquals("p1", back.writerPeer());
    assertEquals(
        CheckpointObjects.KEEP,
        bucket.list("actors/" + CheckpointObjects.escape(id) + "/").size(),
        "older checkpoints are dropped");
    assertTrue(objects.actorIds().contains(id), "the id reads back from the object names");
    objects.remove(id);
    assertFalse(objects.has(id));
  }

  @Test
  void aDamagedNewestCheckpointIsSkippedForTheOneBeforeIt() throws Exception {
    CheckpointObjects objects = new CheckpointObjects(bucket);
    String id = "p1/damaged-" + System.nanoTime();
    objects.put(checkpoint(id, 1, 1, new byte[] {1}));
    ActorCheckpoint newest = checkpoint(id, 1, 2, new byte[] {2});
    byte[] bytes = CheckpointObjects.encode(newest);
    bytes[bytes.length / 2] ^= 0x10; // a bit flipped at rest
    bucket.put(CheckpointObjects.name(newest), bytes);
    assertEquals(1, objects.latest(id).orElseThrow().sequence());
  }

  @Test
  void bytesThatAreNotACheckpointObjectAreRefusedWithTheReason() {
    byte[] good = CheckpointObjects.encode(checkpoint("a/1", 1, 1, new byte[] {1}));
    assertEquals(
        "not a checkpoint object",
        assertThrows(IllegalArgumentException.class, () -> CheckpointObjects.decode(new byte[3]))
            .getMessage());
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
    assertEquals(
        "its SHA-256 does not match its bytes",
        assertThrows(IllegalArgumentException.class, () -> CheckpointObjects.decode(cut))
            .getMessage());
  }

  @Test
  void actorIdsWithAnyCharacterMakeValidObjectNamesAndReadBack() {
    for (String id : Set.of("p1/0a-b", "peer one/ü", "x%2Fy", "a.b~c_d")) {
      String name = CheckpointObjects.name(checkpoint(id, 3, 4, new byte[0]));
      assertEquals(name, ObjectStore.checkName(name));
      String escaped = name.substring("actors/".length(), name.lastIndexOf('/'));
      assertEquals(id, CheckpointObjects.unescape(escaped));
    }
  }
}
