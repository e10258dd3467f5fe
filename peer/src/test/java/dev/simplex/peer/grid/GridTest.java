package dev.simplex.peer.grid;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.checkpoint.Checkpoint;
import dev.simplex.checkpoint.CheckpointFormatException;
import dev.simplex.checkpoint.CheckpointStore;
import dev.simplex.checkpoint.ChunkedStore;
import dev.simplex.checkpoint.CodeHash;
import dev.simplex.checkpoint.SnapshotValue;
import dev.simplex.checkpoint.StoreOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real grid members on loopback whose membership is fed, as in a peer, from a view they do not
 * own.
 */
class GridTest {
  static final List<InetSocketAddress> view = new CopyOnWriteArrayList<>();
  static Grid first;
  static Grid second;

  @BeforeAll
  static void startTwoMembers() {
    String swarm = "grid-test-" + ProcessHandle.current().pid();
    first = Grid.start(GridConfig.loopback(swarm), () -> List.copyOf(view));
    view.add(first.address());
    second = Grid.start(GridConfig.loopback(swarm), () -> List.copyOf(view));
    view.add(second.address());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> first.memberCount() == 2 && second.memberCount() == 2);
  }

  @AfterAll
  static void stop() {
    if (second != null) second.close();
    if (first != null) first.close();
  }

  @Test
  void membersFoundThroughTheFedViewFormOneGrid() {
    assertEquals(2, first.memberCount());
    assertEquals(2, second.memberCount());
  }

  @Test
  void onlyOnePeerWinsTheFirstPlacementOfAnActor() {
    PlacementMap.Outcome a = first.placements().place("actor-1", "peer-a");
    PlacementMap.Outcome b = second.placements().place("actor-1", "peer-b");
    assertTrue(a.won());
    assertFalse(b.won());
    assertEquals("peer-a", b.current().peerId(), "the loser learns the winner");
  }

  @Test
  void aMoveBasedOnAStaleEpochLoses() {
    Placement seen = first.placements().place("actor-2", "peer-a").current();
    PlacementMap.Outcome moved = second.placements().move(seen, "peer-b", Placement.Status.ACTIVE);
    assertTrue(moved.won());
    assertEquals(1, moved.current().epoch());
    PlacementMap.Outcome stale = first.placements().move(seen, "peer-c", Placement.Status.ACTIVE);
    assertFalse(stale.won());
    assertEquals("peer-b", first.placements().get("actor-2").orElseThrow().peerId());
  }

  @Test
  void aNameBelongsToTheFirstActorThatClaimsIt() {
    assertEquals("actor-x", first.claimName("store", "actor-x"));
    assertEquals("actor-x", second.claimName("store", "actor-y"));
  }

  @Test
  void publishedCodeIsFetchedFromAnotherPeerAndCheckedAgainstItsHash() throws Exception {
    byte[] code = "fn main() {}".getBytes(StandardCharsets.UTF_8);
    String hash = first.code(GridTest::sha256).publish(code);
    assertArrayEquals(code, second.code(GridTest::sha256).fetch(hash).orElseThrow());
    assertTrue(second.code(GridTest::sha256).fetch(sha256(new byte[] {1})).isEmpty());
  }

  @Test
  void tamperedCodeIsRefused() {
    String claimed = sha256("the real thing".getBytes(StandardCharsets.UTF_8));
    first.codeMap().put(claimed, "something else".getBytes(StandardCharsets.UTF_8));
    CodeRegistry.TamperedCodeException e =
        assertThrows(
            CodeRegistry.TamperedCodeException.class,
            () -> second.code(GridTest::sha256).fetch(claimed));
    assertTrue(e.getMessage().contains(claimed), e.getMessage());
  }

  @Test
  void aCheckpointWrittenThroughOnePeerIsReadThroughAnother() throws Exception {
    CodeHash type = CodeHash.ofHex("cd".repeat(32));
    try (CheckpointStore writer =
        ChunkedStore.open(first.checkpointObjects(), StoreOptions.shared())) {
      writer.put(Checkpoint.ofFields("counter", type, 1, Instant.EPOCH, new SnapshotValue.I64(41)));
      writer.put(Checkpoint.ofFields("counter", type, 2, Instant.EPOCH, new SnapshotValue.I64(42)));
    }
    try (CheckpointStore reader =
        ChunkedStore.open(second.checkpointObjects(), StoreOptions.shared())) {
      Checkpoint latest = reader.latest("counter").orElseThrow();
      assertEquals(2, latest.sequence());
      assertEquals(new SnapshotValue.I64(42), latest.fields());
    }
  }

  @Test
  void anActorCheckpointOfAStaleActivationCannotReplaceItsSuccessors() {
    String id = "ckpt-" + System.nanoTime();
    var newer =
        new ActorCheckpoint(
            id, "T", null, new byte[0], 2, 1, "b", java.util.List.of(), new byte[] {2}, 0);
    var stale =
        new ActorCheckpoint(
            id, "T", null, new byte[0], 1, 50, "a", java.util.List.of(), new byte[] {1}, 0);
    assertTrue(first.actorCheckpoints().save(newer));
    assertFalse(second.actorCheckpoints().save(stale));
    var read = second.actorCheckpoints().latest(id).orElseThrow();
    assertEquals(2, read.epoch());
    assertArrayEquals(new byte[] {2}, read.state());
  }

  @Test
  void orphansAreTheLivePlacementsOfPeersOutsideTheView() {
    String id = "orphan-" + System.nanoTime();
    first.placements().place(id, "gone-peer");
    assertTrue(
        second.placements().orphans(java.util.Set.of("x")).stream()
            .anyMatch(p -> p.actorId().equals(id)));
    assertFalse(
        second.placements().orphans(java.util.Set.of("gone-peer")).stream()
            .anyMatch(p -> p.actorId().equals(id)));
  }

  @Test
  void anOversizedGridObjectIsRefusedWithoutBeingUsed() {
    first.checkpointObjects().put("big/object", new byte[2048]);
    CheckpointFormatException e =
        assertThrows(
            CheckpointFormatException.class,
            () -> second.checkpointObjects().get("big/object", 1024));
    assertTrue(e.getMessage().contains("big/object"), e.getMessage());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
