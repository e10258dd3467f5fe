package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rebalancing policy (issue 7 item 2) as each peer applies it to the published loads. */
class RebalancerTest {
  static final Rebalancer.Policy POLICY = Rebalancer.Policy.DEFAULTS;

  /** Actor ids {@code prefix-0 .. prefix-(n-1)}. */
  static Set<String> actors(String prefix, int n) {
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) ids.add(prefix + "-" + i);
    return ids;
  }

  @Test
  void aPeerInsideTheToleranceBandMovesNothing() {
    // mean 10: 12 is within 25% above it
    assertEquals(
        List.of(),
        Rebalancer.plan("a", Map.of("a", 12L, "b", 10L, "c", 8L), actors("a", 12), POLICY, false));
    assertEquals(
        List.of(),
        Rebalancer.plan("a", Map.of("a", 10L, "b", 10L, "c", 10L), actors("a", 10), POLICY, false));
  }

  @Test
  void aSmallExcessBelowMinExcessMovesNothing() {
    // 2 against 0: twice the mean, but only one actor above it
    assertEquals(
        List.of(), Rebalancer.plan("a", Map.of("a", 2L, "b", 0L), actors("a", 2), POLICY, false));
  }

  @Test
  void aJoiningPeerReceivesActorsUntilTheSenderIsAtTheMean() {
    var moves = Rebalancer.plan("a", Map.of("a", 20L, "b", 0L), actors("a", 20), POLICY, false);
    assertEquals(10, moves.size());
    assertTrue(moves.stream().allMatch(m -> m.to().equals("b")), moves.toString());
    assertEquals(10, moves.stream().map(Rebalancer.Move::actorId).distinct().count());
  }

  @Test
  void movesGoToTheLeastLoadedPeerCountingThePlannedOnes() {
    var moves =
        Rebalancer.plan(
            "a", Map.of("a", 30L, "b", 6L, "c", 0L, "d", 4L), actors("a", 30), POLICY, false);
    Map<String, Long> to = new TreeMap<>();
    for (var m : moves) to.merge(m.to(), 1L, Long::sum);
    // mean 10: a would shed 20, 16 this round; c fills up to d, then c and d up to b, then all
    // three level up together: b 6 -> 9, c 0 -> 9, d 4 -> 8
    assertEquals(Map.of("b", 3L, "c", 9L, "d", 4L), to);
    assertEquals(16, moves.size(), "at most maxMoves per round; the rest next round");
  }

  @Test
  void onlyMovableActorsMoveAndEachOnce() {
    Set<String> movable = actors("free", 3);
    var moves = Rebalancer.plan("a", Map.of("a", 20L, "b", 0L), movable, POLICY, false);
    assertEquals(3, moves.size());
    assertEquals(movable, new HashSet<>(moves.stream().map(Rebalancer.Move::actorId).toList()));
  }

  @Test
  void theChoiceOfActorsIsTheSameEveryRound() {
    var first = Rebalancer.plan("a", Map.of("a", 9L, "b", 1L), actors("a", 9), POLICY, false);
    var again = Rebalancer.plan("a", Map.of("a", 9L, "b", 1L), actors("a", 9), POLICY, false);
    assertEquals(first, again);
    assertEquals(4, first.size());
  }

  /**
   * Every peer plans on the same published loads each round and the moves are applied: whatever the
   * start, the swarm settles within the band in a few rounds, after which no peer moves anything,
   * and no actor ever moves back to where it came from.
   */
  @Test
  void aSwarmSettlesAndThenNothingMovesAgain() {
    settles(POLICY);
    // few moves per round: the shedding goes on over rounds down to the mean
    settles(new Rebalancer.Policy(Duration.ofSeconds(1), 0.25, 2, 2, Duration.ZERO, Duration.ZERO));
  }

  @Test
  void aPeerThatShedLastRoundGoesOnDownToTheMean() {
    // 13 of 21 over two peers is inside the band, but a peer already shedding goes on to 11
    assertEquals(
        List.of(), Rebalancer.plan("a", Map.of("a", 13L, "b", 8L), actors("a", 13), POLICY, false));
    assertEquals(
        2, Rebalancer.plan("a", Map.of("a", 13L, "b", 8L), actors("a", 13), POLICY, true).size());
    assertEquals(
        List.of(), Rebalancer.plan("a", Map.of("a", 11L, "b", 10L), actors("a", 11), POLICY, true));
  }

  private static void settles(Rebalancer.Policy policy) {
    int[][] starts = {{40, 0}, {25, 25, 0}, {60, 3, 0, 1}, {13, 0, 0, 0, 0}, {7, 9, 8}};
    for (int[] start : starts) {
      Set<String> shedding = new HashSet<>();
      Map<String, Set<String>> hosted = new TreeMap<>();
      for (int p = 0; p < start.length; p++)
        hosted.put("p" + p, new LinkedHashSet<>(actors("p" + p, start[p])));
      Map<String, String> cameFrom = new HashMap<>();
      int total = 0;
      int rounds = 0;
      while (true) {
        Map<String, Long> counts = new HashMap<>();
        hosted.forEach((p, ids) -> counts.put(p, (long) ids.size()));
        List<Rebalancer.Move> all = new ArrayList<>();
        List<String> from = new ArrayList<>();
        for (String p : hosted.keySet()) {
          var planned = Rebalancer.plan(p, counts, hosted.get(p), policy, shedding.contains(p));
          if (planned.isEmpty()) shedding.remove(p);
          else shedding.add(p);
          for (var m : planned) {
            all.add(m);
            from.add(p);
          }
        }
        if (all.isEmpty()) break;
        assertTrue(++rounds <= 40, "still moving after 40 rounds from " + Arrays.toString(start));
        for (int i = 0; i < all.size(); i++) {
          var m = all.get(i);
          assertTrue(
              !m.to().equals(cameFrom.get(m.actorId())), m.actorId() + " moved back to " + m.to());
          hosted.get(from.get(i)).remove(m.actorId());
          hosted.get(m.to()).add(m.actorId());
          cameFrom.put(m.actorId(), from.get(i));
          total++;
        }
      }
      int sum = hosted.values().stream().mapToInt(Set::size).sum();
      double mean = (double) sum / hosted.size();
      for (var e : hosted.entrySet())
        assertTrue(
            e.getValue().size() <= mean * (1 + POLICY.tolerance())
                || e.getValue().size() - mean < 2,
            e.getKey() + " ended with " + e.getValue().size() + " of " + sum);
      assertTrue(total <= sum, total + " moves for " + sum + " actors");
    }
  }

  @Test
  void movesCountOnTopOfAReceiversLoadUntilASampleSurelyIncludesThem() {
    Rebalancer.Sent sent = new Rebalancer.Sent();
    sent.moved("b", 7);
    sent.moved("b", 7);
    sent.moved("c", 3);
    assertEquals(2, sent.extra("b", 7), "the sample the moves were made against");
    assertEquals(2, sent.extra("b", 8), "the next one may have been taken during the moves");
    sent.moved("b", 8);
    assertEquals(3, sent.extra("b", 8));
    assertEquals(1, sent.extra("b", 9), "sample 9 includes the moves made against 7");
    assertEquals(0, sent.extra("b", 10));
    assertEquals(1, sent.extra("c", 3));
    assertEquals(0, sent.extra("c", 1), "a lower number: c restarted and counts afresh");
    assertEquals(0, sent.extra("d", 5), "no moves to d");
  }

  @Test
  void aPeerThatCountsItsOwnMovesStopsAtTheMeanWhenTheReceiversLoadIsStale() {
    Rebalancer.Sent sent = new Rebalancer.Sent();
    Set<String> movable = actors("a", 21);
    long own = 21;
    boolean shedding = false;
    Rebalancer.Policy fourPerRound =
        new Rebalancer.Policy(Duration.ofSeconds(1), 0.25, 2, 4, Duration.ZERO, Duration.ZERO);
    for (int round = 0; round < 10; round++) {
      // b published once, with 0 actors, before any move, and never again
      Map<String, Long> counts = Map.of("a", own, "b", 0 + sent.extra("b", 1));
      List<Rebalancer.Move> moves = Rebalancer.plan("a", counts, movable, fourPerRound, shedding);
      shedding = !moves.isEmpty();
      for (Rebalancer.Move m : moves) {
        movable.remove(m.actorId());
        own--;
        sent.moved(m.to(), 1);
      }
    }
    assertEquals(11, own, "a sheds to the mean rounded up, not past it");
  }

  @Test
  void aPolicyWithBadValuesIsRefusedNamingTheValue() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Rebalancer.Policy(
                    Duration.ZERO, 0.25, 2, 16, Duration.ofSeconds(1), Duration.ZERO));
    assertTrue(e.getMessage().contains("interval"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Rebalancer.Policy(
                    Duration.ofSeconds(1), -0.5, 2, 16, Duration.ofSeconds(1), Duration.ZERO));
    assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Rebalancer.Policy(
                    Duration.ofSeconds(1), 0.25, 2, 0, Duration.ofSeconds(1), Duration.ZERO));
    assertTrue(e.getMessage().contains("maxMoves"), e.getMessage());
  }

  @Test
  void onlyActorsSpawnedByLoadWithOneCopyAreRebalanceable() {
    assertTrue(RoutingFrame.Hints.of(SpawnOptions.DEFAULT).rebalanceable());
    assertTrue(
        RoutingFrame.Hints.of(new SpawnOptions(null, PlacementHint.SPREAD, Resources.NONE, 1))
            .rebalanceable());
    assertTrue(
        !RoutingFrame.Hints.of(new SpawnOptions(null, PlacementHint.BIN_PACKING, Resources.NONE, 1))
            .rebalanceable());
    assertTrue(
        !RoutingFrame.Hints.of(new SpawnOptions(null, PlacementHint.ANY, Resources.NONE, 2))
            .rebalanceable());
    assertTrue(
        !RoutingFrame.Hints.of(
                new SpawnOptions(null, PlacementHint.ANY, Resources.of(1, "1MB", 0), 1))
            .rebalanceable());
    // the pin travels with the hints (spawn, install, checkpoint); old bytes read as not pinned
    var pinned = new RoutingFrame.Hints(Resources.NONE, 1, true);
    assertEquals(pinned, RoutingFrame.Hints.of(pinned.bytes()));
    byte[] old = new RoutingFrame.Hints(Resources.NONE, 1).bytes();
    assertEquals(
        RoutingFrame.Hints.DEFAULT,
        RoutingFrame.Hints.of(java.util.Arrays.copyOf(old, old.length - 1)));
  }
}
