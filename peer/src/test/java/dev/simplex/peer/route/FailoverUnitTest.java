package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.grid.ActorCheckpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pieces of failover that need no swarm: rendezvous ownership, checkpoint order, acks. */
class FailoverUnitTest {
  private final ActorSystem system = new ActorSystem();

  @AfterEach
  void shutdown() {
    system.shutdown();
  }

  @Test
  void everySurvivorComputesTheSameOwnerWhateverOrderItSeesTheViewIn() {
    List<String> view = List.of("p1", "p2", "p3");
    for (int i = 0; i < 50; i++) {
      String actor = "a-" + i;
      String owner = Failover.owner(actor, view);
      assertEquals(owner, Failover.owner(actor, List.of("p3", "p1", "p2")));
      assertEquals(owner, Failover.owner(actor, Set.of("p2", "p3", "p1")));
    }
  }

  @Test
  void aDeadPeersActorsAreSplitAmongTheSurvivorsAndOthersDoNotMove() {
    Map<String, Integer> share = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      String actor = "a-" + i;
      String before = Failover.owner(actor, List.of("p1", "p2", "p3"));
      String after = Failover.owner(actor, List.of("p1", "p2"));
      if (!before.equals("p3")) assertEquals(before, after, "only the dead peer's actors move");
      else share.merge(after, 1, Integer::sum);
    }
    assertEquals(Set.of("p1", "p2"), share.keySet(), "both survivors take a share: " + share);
  }

  @Test
  void noLivePeerMeansNoOwner() {
    assertThrows(IllegalArgumentException.class, () -> Failover.owner("a", List.of()));
  }

  @Test
  void aNewerEpochsCheckpointSupersedesAnyOfAnOlderEpoch() {
    ActorCheckpoint old = checkpoint(3, 900);
    ActorCheckpoint next = checkpoint(4, 1);
    assertTrue(next.newerThan(old));
    assertFalse(old.newerThan(next));
    assertTrue(checkpoint(3, 901).newerThan(old));
    assertFalse(checkpoint(3, 900).newerThan(old), "the same checkpoint again is not newer");
    assertTrue(old.newerThan(null));
    assertTrue(next.version() > old.version());
  }

  @Test
  void aCheckpointWithoutStateOrWithABadSequenceIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ActorCheckpoint("a", "T", null, new byte[0], 0, 1, "p", List.of(), null, 0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ActorCheckpoint("a", "T", null, new byte[0], 0, 0, "p", List.of(), new byte[0], 0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ActorCheckpoint(
                "a", "T", null, new byte[0], -1, 1, "p", List.of(), new byte[0], 0));
  }

  @Test
  void aDurableActorAcknowledgesOnlyWhatItsCheckpointReflects() {
    Activation a = activation();
    for (long s = 1; s <= 5; s++) a.admit("o", m(7, s));
    a.checkpointed(List.of(new ActorCheckpoint.Mark("o", 7, 2)));
    assertEquals(List.of(new Activation.AckDue("o", 2)), a.takeAcksDue());
    assertEquals(List.of(), a.takeAcksDue(), "nothing more until the next checkpoint");
    a.processing("o", 7, 5);
    a.checkpointed(a.processedMarks());
    assertEquals(List.of(new Activation.AckDue("o", 5)), a.takeAcksDue());
  }

  @Test
  void aRestoredActorSuppressesWhatItsCheckpointReflectsAndTakesTheRest() {
    Activation a = activation();
    a.restoredFrom(
        new ActorCheckpoint(
            "x",
            "Idle",
            null,
            new byte[0],
            1,
            9,
            "p",
            List.of(new ActorCheckpoint.Mark("o", 7, 3)),
            new byte[0],
            0));
    assertTrue(a.admit("o", m(7, 2)).duplicate());
    assertTrue(a.admit("o", m(7, 3)).duplicate());
    var fourth = a.admit("o", m(7, 4));
    assertFalse(fourth.duplicate());
    assertEquals(List.of(4L), fourth.ready().stream().map(RoutingFrame.Message::seq).toList());
    assertEquals(10, a.nextCheckpointSequence(), "sequences continue after the restored one");
    assertTrue(a.isDurable());
  }

  @Test
  void aReplicatedActorAcknowledgesNothingBeforeItsFirstCheckpoint() {
    Activation a = activation();
    a.durableFromStart();
    for (long s = 1; s <= 40; s++) a.admit("o", m(7, s));
    assertEquals(List.of(), a.takeAcksDue(), "nothing is in a checkpoint yet");
    a.processing("o", 7, 40);
    a.checkpointed(a.processedMarks());
    assertEquals(List.of(new Activation.AckDue("o", 40)), a.takeAcksDue());
  }

  @Test
  void aFencedActivationServesNothing() {
    Activation a = activation();
    a.confirmed(System.nanoTime());
    assertTrue(a.mayServe());
    a.fence();
    assertFalse(a.mayServe());
    assertTrue(a.isReleased());
  }

  private static ActorCheckpoint checkpoint(long epoch, long seq) {
    return new ActorCheckpoint(
        "a", "T", null, new byte[0], epoch, seq, "p", List.of(), new byte[] {1}, 0);
  }

  private Activation activation() {
    return Activations.idle(system);
  }

  private static RoutingFrame.Message m(long lane, long seq) {
    return Activations.message(lane, seq);
  }
}
