package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneTest {
  /** Links that record what was sent where; the placement says {@code placedOn}. */
  static final class FakeLinks implements Lane.Links {
    Lane.Resolution placement = new Lane.Resolution.Hosted(new Route("b", 0));
    final List<String> sent = new ArrayList<>();
    final List<String> dead = new ArrayList<>();
    boolean reachable = true;
    boolean gridDown;

    @Override
    public Lane.Resolution resolve(String actorId) {
      if (gridDown) throw new IllegalStateException("the grid cannot answer for " + actorId);
      return placement;
    }

    @Override
    public boolean send(String peer, RoutingFrame frame) {
      if (!reachable) return false;
      sent.add(
          switch (frame) {
            case RoutingFrame.Message m -> peer + ":" + m.seq();
            case RoutingFrame.Gone g -> peer + ":gone up to " + g.upTo();
            default -> peer + ":" + frame;
          });
      if (frame instanceof RoutingFrame.Message m) watermarks.add(m.acked());
      return true;
    }

    final List<Long> watermarks = new ArrayList<>();

    @Override
    public void undeliverable(RoutingFrame.Message m, String why) {
      dead.add(m.seq() + " " + why);
    }
  }

  private static void send(Lane lane, int n) {
    for (int i = 0; i < n; i++) lane.send(RoutingFrame.Mode.SEND, 0, 1, "t", new byte[] {0});
  }

  @Test
  void aRedirectResendsTheUnacknowledgedMessagesInOrderToTheNewHost() {
    var links = new FakeLinks();
    var lane = new Lane("x", links);
    send(lane, 5);
    lane.acked(2);
    assertTrue(lane.redirected(4, new Route("c", 1)));
    send(lane, 1);
    assertEquals(List.of("b:1", "b:2", "b:3", "b:4", "b:5", "c:4", "c:5", "c:6"), links.sent);
  }

  @Test
  void aSecondRedirectForTheSameMoveIsIgnored() {
    var links = new FakeLinks();
    var lane = new Lane("x", links);
    send(lane, 3);
    assertTrue(lane.redirected(2, new Route("c", 1)));
    assertFalse(lane.redirected(3, new Route("c", 1)));
    assertEquals(List.of("b:1", "b:2", "b:3", "c:2", "c:3"), links.sent);
  }

  @Test
  void bouncesFollowedOutOfOrderLoseNothing() {
    var links = new FakeLinks();
    var lane = new Lane("x", links);
    send(lane, 5);
    // b bounced 3, 4 and 5; the bounce of 5 is followed first (redirects run concurrently)
    var bounce5 = RoutingFrame.Redirect.bounce("x", "c", 1);
    assertTrue(lane.redirected(bounce5.fromSeq(), new Route(bounce5.peerId(), bounce5.epoch())));
    assertFalse(lane.redirected(1, new Route("c", 1)));
    assertEquals(
        List.of("b:1", "b:2", "b:3", "b:4", "b:5", "c:1", "c:2", "c:3", "c:4", "c:5"), links.sent);
    assertEquals(5, lane.unackedCount());
  }

  @Test
  void aLaneWhosePlacementCannotBeReadDoesNotHoldUpTheOthers() {
    var failing = new FakeLinks();
    var fine = new FakeLinks();
    var stuck = new Lane("x", failing);
    var waiting = new Lane("y", fine);
    failing.reachable = false;
    fine.reachable = false;
    send(stuck, 1);
    send(waiting, 1);
    // the grid cannot answer for x's partition; y's host is reachable again
    failing.gridDown = true;
    fine.reachable = true;
    List<String> failures = new ArrayList<>();
    Lane.retryAll(
        List.of(stuck, waiting),
        System.nanoTime(),
        Long.MAX_VALUE,
        (lane, e) -> failures.add(lane.actorId));
    assertEquals(List.of("x"), failures);
    assertEquals(List.of("b:1"), fine.sent, "y was resent although x's read failed first");
  }

  @Test
  void aSendWhilePlacementsCannotBeReadIsKeptAndSentOnceTheyCan() {
    var links = new FakeLinks();
    links.gridDown = true;
    var lane = new Lane("x", links);
    send(lane, 2);
    assertEquals(2, lane.unackedCount());
    assertEquals(List.of(), links.sent);
    links.gridDown = false;
    lane.retry(System.nanoTime(), Long.MAX_VALUE);
    assertEquals(List.of("b:1", "b:2"), links.sent);
  }

  @Test
  void mailForAnUnknownActorIsGivenUpAsDeadLetters() {
    var links = new FakeLinks();
    links.placement = new Lane.Resolution.Gone("unknown actor x");
    var lane = new Lane("x", links);
    send(lane, 2);
    assertEquals(List.of("1 unknown actor x", "2 unknown actor x"), links.dead);
    assertEquals(0, lane.unackedCount());
  }

  @Test
  void anUnreachableHostHoldsTheMailUntilTheRetryFindsOneThenGivesUpAfterTheOrphanTimeout() {
    var links = new FakeLinks();
    links.reachable = false;
    var lane = new Lane("x", links);
    send(lane, 2);
    assertEquals(2, lane.unackedCount());
    links.reachable = true;
    lane.retry(System.nanoTime(), Long.MAX_VALUE);
    assertEquals(List.of("b:1", "b:2"), links.sent);

    var orphan = new Lane("y", links);
    links.placement = new Lane.Resolution.Unreachable("gone");
    send(orphan, 1);
    orphan.retry(System.nanoTime() + 1, 0);
    assertEquals(List.of("1 its peer gone stayed unreachable"), links.dead);
  }

  /**
   * The host found no placement of the actor (the grid lost it, or could not show it for a moment)
   * and took nothing: the lane keeps everything, sends nothing new while stalled, resends all in
   * order once its own read finds the actor again, and gives the mail up only if the placement
   * stays missing for the orphan timeout.
   */
  @Test
  void aLaneWhoseHostFoundNoPlacementResendsEverythingOnceItIsFoundAndGivesUpOnlyWhenItStaysLost() {
    var links = new FakeLinks();
    var lane = new Lane("x", links);
    send(lane, 3);
    lane.acked(1);
    lane.unplaced();
    send(lane, 1);
    assertEquals(List.of("b:1", "b:2", "b:3"), links.sent, "nothing new while stalled");
    links.placement = new Lane.Resolution.Missing("unknown actor x");
    lane.retry(System.nanoTime(), Long.MAX_VALUE);
    assertEquals(3, lane.unackedCount(), "kept while the placement is missing");
    links.placement = new Lane.Resolution.Hosted(new Route("c", 1));
    lane.retry(System.nanoTime(), Long.MAX_VALUE);
    assertEquals(List.of("b:1", "b:2", "b:3", "c:2", "c:3", "c:4"), links.sent);
    assertEquals(List.of(), links.dead);

    var lost = new Lane("y", links);
    links.placement = new Lane.Resolution.Hosted(new Route("b", 0));
    send(lost, 2);
    lost.unplaced();
    links.placement = new Lane.Resolution.Missing("unknown actor y");
    lost.retry(System.nanoTime() + 1, 0);
    assertEquals(List.of("1 unknown actor y", "2 unknown actor y"), links.dead);
  }

  /**
   * A lane keeps its newest acknowledged frames: an activation restored from a checkpoint older
   * than what an earlier one acknowledged gets them again, each with a watermark just below it;
   * what the lane no longer holds is answered as gone first.
   */
  @Test
  void aLaneReplaysAcknowledgedFramesItStillHoldsAndSaysWhichAreGone() {
    var links = new FakeLinks();
    var lane = new Lane("x", links);
    send(lane, 5);
    lane.acked(4);
    assertEquals(1, lane.unackedCount());
    links.sent.clear();
    links.watermarks.clear();
    lane.replay("c", lane.id(), 3, 4);
    assertEquals(List.of("c:3", "c:4"), links.sent);
    assertEquals(List.of(2L, 3L), links.watermarks);

    links.sent.clear();
    lane.replay("c", lane.id() + 1, 3, 4); // a lane this peer no longer has
    assertEquals(List.of("c:gone up to 4"), links.sent);

    var busy = new Lane("y", links);
    send(busy, Lane.RETAIN_FRAMES + 10);
    busy.acked(Lane.RETAIN_FRAMES + 10);
    busy.unackedCount();
    links.sent.clear();
    busy.replay("c", busy.id(), 1, 12);
    assertEquals(List.of("c:gone up to 10", "c:11", "c:12"), links.sent);
  }
}
