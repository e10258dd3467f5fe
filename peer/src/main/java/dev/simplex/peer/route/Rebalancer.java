package dev.simplex.peer.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Automatic rebalancing (issue 7 item 2). Leaderless: every peer looks at the actor counts the live
 * peers publish, every {@link Policy#interval}, and moves only actors it hosts itself, each by an
 * ordinary live migration (final snapshot, placement CAS, held mail forwarded); no peer decides for
 * another, so two peers never fight over one actor.
 *
 * <p>The policy, with hysteresis so that actors do not flap:
 *
 * <ul>
 *   <li>a peer's load is the number of actors it hosts, the measure placement spreads new actors
 *       by; for the others, the count they last published plus the moves this peer made to them
 *       since ({@link Sent}), so a stale sample does not draw actors past the mean;
 *   <li>a peer acts only when it hosts more than {@code (1 + tolerance)} times the mean of the live
 *       peers that publish a load, and at least {@code minExcess} more than the mean;
 *   <li>it then sheds actors down to the mean (rounded up), not merely below the threshold, over as
 *       many rounds as that takes (a peer that shed last round goes on while it is above the mean),
 *       so it ends well inside the band and a small change of load does not set it off again;
 *   <li>each move goes to the least loaded peer, counting the moves planned before it, and only
 *       while that peer would still host fewer actors than this one after the move: a move never
 *       makes the pair less even, so a peer that received actors never has a reason to send them
 *       back;
 *   <li>at most {@code maxMoves} per round; an actor that arrived by migration less than {@code
 *       cooldown} ago stays; after a view change a peer waits {@code settle} so that a newcomer's
 *       first load is published before anyone counts it, and it waits while the grid is not safe
 *       (partitions moving or re-replicating, a rejoined peer merging);
 *   <li>actors pinned by their spawn hints ({@code Locality}, {@code BinPacking}, {@code
 *       resources}, {@code replicas} above 1) and actors whose behaviour cannot migrate stay.
 * </ul>
 *
 * A joining peer publishes no actors: the others are above the band and shed toward it. An
 * overloaded peer (a failover landed a dead peer's actors on it) sheds to the others. Two peers
 * that both shed in one round each move only their own excess over the mean, so the receiver ends
 * near the mean too.
 */
final class Rebalancer {
  /**
   * @param interval how often a peer looks at the loads
   * @param tolerance how far above the mean (a fraction of it) a peer may be before it sheds
   * @param minExcess how many actors above the mean a peer must be before it sheds
   * @param maxMoves the most moves one peer makes in one round
   * @param cooldown how long an actor that arrived by migration stays before it may move again
   * @param settle how long after a view change a peer waits before it rebalances
   */
  record Policy(
      Duration interval,
      double tolerance,
      int minExcess,
      int maxMoves,
      Duration cooldown,
      Duration settle) {
    static final Policy DEFAULTS =
        new Policy(
            Duration.ofSeconds(5), 0.25, 2, 16, Duration.ofSeconds(60), Duration.ofSeconds(10));

    Policy {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(cooldown, "cooldown");
      Objects.requireNonNull(settle, "settle");
      if (interval.isNegative() || interval.isZero())
        throw new IllegalArgumentException("rebalance interval must be positive, got " + interval);
      if (!(tolerance >= 0 && tolerance <= 10))
        throw new IllegalArgumentException(
            "rebalance tolerance must be in 0..10, got " + tolerance);
      if (minExcess < 1)
        throw new IllegalArgumentException("rebalance minExcess must be >= 1, got " + minExcess);
      if (maxMoves < 1)
        throw new IllegalArgumentException("rebalance maxMoves must be >= 1, got " + maxMoves);
      if (cooldown.isNegative() || settle.isNegative())
        throw new IllegalArgumentException("rebalance cooldown and settle must not be negative");
    }
  }

  /**
   * The moves this peer made to others, counted on top of their published loads until a sample that
   * surely includes them: loads are published about once a second and may be older still when read
   * (a publisher held up, a grid slow to answer), and a peer that counted a receiver's stale load
   * round after round would move far past the mean. A move made while the receiver's newest sample
   * was number {@code s} counts until the receiver publishes {@code s + 2} (sample {@code s + 1}
   * may have been taken while the move was under way; counting a move twice only moves less), or a
   * lower number (the receiver restarted, and its count starts afresh). Confined to the rebalancing
   * thread.
   */
  static final class Sent {
    private record Batch(long sequence, long moves) {}

    private final Map<String, List<Batch>> byPeer = new HashMap<>();

    /** A move to {@code peer} succeeded while its newest published sample was {@code sequence}. */
    void moved(String peer, long sequence) {
      List<Batch> batches = byPeer.computeIfAbsent(peer, p -> new ArrayList<>());
      if (!batches.isEmpty() && batches.getLast().sequence() == sequence)
        batches.set(batches.size() - 1, new Batch(sequence, batches.getLast().moves() + 1));
      else batches.add(new Batch(sequence, 1));
    }

    /** The moves to count on top of {@code peer}'s published sample number {@code sequence}. */
    long extra(String peer, long sequence) {
      List<Batch> batches = byPeer.get(peer);
      if (batches == null) return 0;
      batches.removeIf(b -> sequence >= b.sequence() + 2 || sequence < b.sequence());
      if (batches.isEmpty()) {
        byPeer.remove(peer);
        return 0;
      }
      return batches.stream().mapToLong(Batch::moves).sum();
    }

    /** Forgets peers that are no longer in the view. */
    void retain(Set<String> peers) {
      byPeer.keySet().retainAll(peers);
    }
  }

  /** One planned move: actor {@code actorId} to peer {@code to}. */
  record Move(String actorId, String to) {}

  private Rebalancer() {}

  /**
   * The moves peer {@code self} makes this round.
   *
   * @param counts actors hosted per live peer that publishes a load, {@code self} included
   * @param movable the actors {@code self} may move (not pinned, not cooling down)
   * @param shedding whether {@code self} moved actors last round: it goes on down to the mean
   */
  static List<Move> plan(
      String self, Map<String, Long> counts, Set<String> movable, Policy policy, boolean shedding) {
    Long own = counts.get(self);
    if (own == null || counts.size() < 2 || movable.isEmpty()) return List.of();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    double mean = (double) total / counts.size();
    long floor = (long) Math.ceil(mean);
    boolean above = own > mean * (1 + policy.tolerance()) && own - mean >= policy.minExcess();
    if (!above && !(shedding && own > floor)) return List.of();
    Map<String, Long> planned = new HashMap<>(counts);
    Set<String> left = new LinkedHashSet<>(movable);
    List<Move> moves = new ArrayList<>();
    long mine = own;
    while (mine > floor && moves.size() < policy.maxMoves() && !left.isEmpty()) {
      String to =
          planned.entrySet().stream()
              .filter(e -> !e.getKey().equals(self))
              .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry::getKey))
              .orElseThrow()
              .getKey();
      long theirs = planned.get(to);
      if (theirs + 1 >= mine) break; // the move would not make the pair more even
      // the actor that rendezvous hashing ties closest to the target: the same choice every round
      String actor =
          left.stream()
              .max(Comparator.comparingLong((String a) -> Placer.rendezvous(new ActorId(a), to)))
              .orElseThrow();
      left.remove(actor);
      moves.add(new Move(actor, to));
      planned.put(to, theirs + 1);
      mine--;
    }
    return moves;
  }
}
