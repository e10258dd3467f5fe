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

  @Test
  void aRestoredLaneSkipsWhatAnEarlierActivationAcknowledgedButNotWhatIsMerelyLate() {
    Activation a = activation();
    // the checkpoint reflects 1..199 of lane 5; 200 was acknowledged by the lost activation before
    // its first checkpoint made it durable, so the sender (acknowledged up to 200) resends from 201
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
            List.of(new dev.simplex.peer.grid.ActorCheckpoint.Mark(origin, 5, 199)),
            new byte[0],
            0));
    // a frame that overtook the resent ones (acknowledged watermark still 199): 202 waits for 201
    assertEquals(List.of(), seqs(a.admit(origin, m(5, 202).withAcked(199))));
    assertEquals(
        List.of(201L, 202L),
        seqs(a.admit(origin, m(5, 201).withAcked(200))),
        "201 comes with the sender's acknowledged 200: not held back for it");
    assertTrue(a.admit(origin, m(5, 201).withAcked(200)).duplicate());
    // later gaps wait as always
    assertEquals(List.of(), seqs(a.admit(origin, m(5, 204).withAcked(200))));
    assertEquals(List.of(203L, 204L), seqs(a.admit(origin, m(5, 203).withAcked(200))));
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
}
