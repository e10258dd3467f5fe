package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.actor.ActorSystem;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActivationTest {
  private final ActorSystem system = new ActorSystem();

  @AfterEach
  void shutdown() {
    system.shutdown();
  }

  private Activation activation() {
    return Activations.idle(system);
  }

  private static RoutingFrame.Message m(long lane, long seq) {
    return Activations.message(lane, seq);
  }

  private static List<Long> seqs(Activation.Admitted a) {
    return a.ready().stream().map(RoutingFrame.Message::seq).toList();
  }

  /**
   * A restored activation whose checkpoint is older than what an earlier activation acknowledged
   * (acknowledged before its first checkpoint made it durable, or the grid lost its newest
   * checkpoint with a member) asks the sender for the missing frames instead of skipping them, and
   * skips only those the sender says it no longer holds.
   */
  @Test
  void aRestoredLaneAsksItsSenderForAcknowledgedFramesItLacksAndSkipsOnlyThoseGone() {
    Activation a = activation();
    String origin = "p1";
    a.restoredFrom(
        new dev.simplex.peer.grid.ActorCheckpoint(
            "a/1",
            "T",
            null,
            new byte[0],
            1,
            9,
            "p2",
            List.of(
                new dev.simplex.peer.grid.ActorCheckpoint.Mark(origin, 5, 199),
                new dev.simplex.peer.grid.ActorCheckpoint.Mark(origin, 6, 99)),
            new byte[0],
            0));
    // the checkpoint reflects 1..199 of lane 5; the sender had 200 acknowledged: 202 (which
    // overtook 201) waits, and 200 is asked for
    var first = a.admit(origin, m(5, 202).withAcked(200));
    assertEquals(List.of(), seqs(first));
    assertEquals(new RoutingFrame.Replay("x", 5, 200, 200), first.replay());
    assertEquals(null, a.admit(origin, m(5, 202).withAcked(200)).replay(), "asked once");
    // the sender replays 200 with a watermark below it, then 201 arrives as resent
    assertEquals(List.of(200L), seqs(a.admit(origin, m(5, 200).withAcked(199))));
    assertEquals(List.of(201L, 202L), seqs(a.admit(origin, m(5, 201).withAcked(200))));
    assertTrue(a.admit(origin, m(5, 200).withAcked(199)).duplicate());
    // later gaps wait as always, without asking
    var late = a.admit(origin, m(5, 204).withAcked(200));
    assertEquals(List.of(), seqs(late));
    assertEquals(null, late.replay());
    assertEquals(List.of(203L, 204L), seqs(a.admit(origin, m(5, 203).withAcked(200))));

    // lane 6: the sender no longer holds 100..103, acknowledged by the earlier activation
    var asked = a.admit(origin, m(6, 105).withAcked(103));
    assertEquals(new RoutingFrame.Replay("x", 6, 100, 103), asked.replay());
    assertEquals(List.of(), a.gone(origin, 6, 103), "104 is still missing");
    assertEquals(List.of(104L, 105L), seqs(a.admit(origin, m(6, 104).withAcked(103))));
    assertEquals(List.of(), a.gone(origin, 6, 103), "a second answer changes nothing");
  }

  @Test
  void aMessageWaitsWhileThePlacementCannotBeReadAndIsServedOnceItConfirms() {
    Activation a = activation();
    int[] reads = {0};
    a.confirmer =
        x -> {
          if (++reads[0] < 3) return false; // unreadable twice (a grid hiccup)
          x.confirmed(System.nanoTime());
          return true;
        };
    assertTrue(Mobile.awaitVerdict(a, java.util.concurrent.TimeUnit.SECONDS.toNanos(10)));
    assertEquals(3, reads[0]);
  }

  @Test
  void aFencedActivationServesNothingAndDoesNotWait() {
    Activation a = activation();
    int[] reads = {0};
    a.confirmer =
        x -> {
          reads[0]++;
          return false;
        };
    a.fence();
    assertTrue(!Mobile.awaitVerdict(a, java.util.concurrent.TimeUnit.MINUTES.toNanos(5)));
    assertEquals(0, reads[0], "a fenced activation does not even read the placement");
  }

  @Test
  void aResentMessageIsNotHandledTwice() {
    Activation a = activation();
    assertEquals(List.of(1L), seqs(a.admit("o", m(7, 1))));
    assertEquals(List.of(2L), seqs(a.admit("o", m(7, 2))));
    Activation.Admitted again = a.admit("o", m(7, 2));
    assertTrue(again.duplicate());
    assertEquals(List.of(), seqs(again));
    assertEquals(2, again.ackUpTo(), "a duplicate is acknowledged again at once");
  }

  @Test
  void framesAheadOfAGapWaitUntilItFills() {
    Activation a = activation();
    a.admit("o", m(7, 1));
    assertEquals(List.of(), seqs(a.admit("o", m(7, 3))));
    assertEquals(List.of(), seqs(a.admit("o", m(7, 4))));
    assertEquals(List.of(2L, 3L, 4L), seqs(a.admit("o", m(7, 2))));
  }

  @Test
  void aNewLaneFromTheSameOriginStartsAfresh() {
    Activation a = activation();
    a.admit("o", m(7, 1));
    a.admit("o", m(7, 2));
    assertEquals(List.of(1L), seqs(a.admit("o", m(8, 1))), "lane 8 is not lane 7 repeating itself");
    assertEquals(
        List.of(new Activation.AckDue("o", 2), new Activation.AckDue("o", 1)).size(),
        a.takeAcksDue().size());
    assertEquals(List.of(), a.takeAcksDue());
  }

  /**
   * A handler waiting in an ask is captured only while a move holds its activation: once the move
   * failed (resumed), nothing would continue a handler captured late before the mail behind it,
   * which would be given back with no move left to take it again.
   */
  @Test
  void aHandlerIsClaimedForCaptureOnlyWhileAMoveHoldsTheActivation() {
    Activation a = activation();
    assertEquals(false, a.claimSuspension(), "no move");
    assertTrue(a.beginMove());
    a.pause();
    a.requestSuspend();
    assertTrue(a.suspendRequest().isDone());
    assertTrue(a.claimSuspension(), "the move holds it");
    assertTrue(a.suspended);
    a.unclaimSuspension(); // it could not be captured
    assertEquals(false, a.suspended);
    a.resume(); // the move failed
    assertEquals(false, a.claimSuspension(), "the move ended");
    assertEquals(false, a.suspended);
    assertEquals(false, a.suspendRequest().isDone(), "a fresh request for the next move");
  }
}
