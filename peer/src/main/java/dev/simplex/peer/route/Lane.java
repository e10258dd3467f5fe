package dev.simplex.peer.route;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one ordered channel from this peer to one actor. Every message gets the next sequence number
 * and stays here until the host acknowledges it, so that a bounce (the actor moved) can resend it,
 * in order, to the new host: a message on a stale route is redirected, never dropped. The route is
 * this peer's cache of the actor's placement; a redirect with a higher epoch replaces it.
 */
final class Lane {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Lane.class);

  /** How a lane reaches out: resolve a placement, send a frame, give up on frames. */
  interface Links {
    Resolution resolve(String actorId);

    boolean send(String peer, RoutingFrame frame);

    /** The frames can never be delivered: dead letters here, their asks fail. */
    void undeliverable(RoutingFrame.Message m, String why);
  }

  /** What the placement map says about an actor, seen from the sender. */
  sealed interface Resolution {
    record Hosted(Route route) implements Resolution {}

    /** No placement, or a stopped one. */
    record Gone(String why) implements Resolution {}

    /**
     * No placement at all. For an actor this lane reached before, its placement was lost with a
     * dead grid member: wait, as for an unreachable peer, for a standby to place it again.
     */
    record Missing(String why) implements Resolution {}

    /** Placed on a peer that is not in the view (crashed or leaving): wait for failover. */
    record Unreachable(String peerId) implements Resolution {}
  }

  final String actorId;
  private final long id = ThreadLocalRandom.current().nextLong();
  private final Links links;
  private final ArrayDeque<RoutingFrame.Message> unacked = new ArrayDeque<>();

  /**
   * The newest acknowledged frames, kept for a {@link #replay}: an activation restored from a
   * checkpoint older than what an earlier activation acknowledged asks for them (the grid can lose
   * its newest writes with a member). At most {@link #RETAIN_FRAMES} frames, {@link #RETAIN_BYTES}
   * bytes of bodies, and none acknowledged longer ago than {@link #RETAIN_NANOS}.
   */
  private final ArrayDeque<Kept> retained = new ArrayDeque<>();

  private record Kept(RoutingFrame.Message m, long since) {}

  private long retainedBytes;

  // 1,024 frames: the grid lost some 150 frames' worth of one actor's checkpoints (about 4.5 s of
  // a chaos run's sends) in a wave that killed two peers, more than the 128 kept before
  static final int RETAIN_FRAMES = 1024;
  static final long RETAIN_BYTES = 256L << 10;
  static final long RETAIN_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
  private final AtomicLong acked = new AtomicLong();
  private Route route;
  private long nextSeq = 1;
  private long stalledSince; // System.nanoTime() when the route was lost; 0 while routed
  private boolean placedOnce; // a placement was seen: its absence later means it was lost
  private String missing; // why the last read found no placement; null when it found one

  Lane(String actorId, Links links) {
    this.actorId = actorId;
    this.links = links;
  }

  synchronized void send(
      RoutingFrame.Mode mode, long callId, long senderId, String sender, byte[] body) {
    trim();
    var m = new RoutingFrame.Message(actorId, id, nextSeq++, mode, callId, senderId, sender, body);
    unacked.addLast(m);
    if (stalledSince != 0) return; // the retry tick resends it with the rest
    if (route == null) {
      boolean routed;
      try {
        routed = resolve();
      } catch (RuntimeException e) {
        // the placement cannot be read now (a split, partitions moving): a send never fails,
        // the retry tick reads it again
        stalledSince = System.nanoTime();
        return;
      }
      if (!routed) return;
    }
    transmit(m);
  }

  /** Cumulative: the host took every message up to {@code seq}. Lock-free: acks must not wait. */
  void acked(long seq) {
    acked.accumulateAndGet(seq, Math::max);
  }

  /**
   * The actor moved to {@code to}: every message before {@code fromSeq} was taken (1 for a bounce,
   * which claims nothing), the rest is resent there. Redirects are followed in any order; one whose
   * epoch is not newer than the route's is already followed and ignored.
   */
  synchronized boolean redirected(long fromSeq, Route to) {
    if (route != null && to.epoch() <= route.epoch()) return false; // already followed
    acked(fromSeq - 1);
    trim();
    route = to;
    placedOnce = true;
    stalledSince = 0;
    resendAll();
    return true;
  }

  /** The retry tick: re-resolves a stalled lane; after {@code orphanNanos} its mail is given up. */
  synchronized void retry(long now, long orphanNanos) {
    trim();
    if (stalledSince == 0) return;
    if (unacked.isEmpty()) {
      stalledSince = 0;
      route = null;
      return;
    }
    if (resolve()) {
      resendAll();
    } else if (stalledSince != 0 && now - stalledSince > orphanNanos) {
      giveUp(
          missing != null
              ? missing
              : "its peer " + (route == null ? "?" : route.peerId()) + " stayed unreachable");
    }
  }

  /**
   * The retry tick over every lane, each on its own: one whose placement read fails (the grid
   * cannot answer for its partition) does not keep the others from resending.
   */
  static void retryAll(
      Iterable<Lane> lanes,
      long now,
      long orphanNanos,
      java.util.function.BiConsumer<Lane, RuntimeException> failed) {
    for (Lane lane : lanes) {
      try {
        lane.retry(now, orphanNanos);
      } catch (RuntimeException e) {
        failed.accept(lane, e);
      }
    }
  }

  /**
   * The peer the lane sent to found no placement of the actor (the grid lost it, or could not show
   * it for a moment): nothing was taken there, so the lane reads the placement again on the next
   * retry tick and resends everything it holds once it is found; it gives the mail up only when the
   * placement stays missing for the orphan timeout, as for a lost placement it reads itself.
   */
  synchronized void unplaced() {
    if (stalledSince == 0) stalledSince = System.nanoTime();
  }

  /** The peer left the view: the lane re-resolves on the next retry tick. */
  synchronized void peerLeft(String peer) {
    if (route != null && route.peerId().equals(peer) && stalledSince == 0)
      stalledSince = System.nanoTime();
  }

  /** This lane's id: its frames' sequence numbers count within it. */
  long id() {
    return id;
  }

  synchronized Route route() {
    return route;
  }

  synchronized int unackedCount() {
    trim();
    return unacked.size();
  }

  /** True when routed; otherwise the lane is stalled or its mail was given up. */
  private boolean resolve() {
    switch (links.resolve(actorId)) {
      case Resolution.Hosted h -> {
        missing = null;
        route = h.route();
        placedOnce = true;
        stalledSince = 0;
        return true;
      }
      case Resolution.Gone g -> {
        giveUp(g.why());
        return false;
      }
      case Resolution.Missing m -> {
        missing = m.why();
        if (!placedOnce) {
          giveUp(m.why());
          return false;
        }
        if (stalledSince == 0) stalledSince = System.nanoTime();
        return false;
      }
      case Resolution.Unreachable u -> {
        missing = null;
        if (stalledSince == 0) stalledSince = System.nanoTime();
        route = new Route(u.peerId(), route == null ? -1 : route.epoch());
        return false;
      }
    }
  }

  private void resendAll() {
    for (RoutingFrame.Message m : unacked) {
      if (!transmit(m)) return;
    }
  }

  private boolean transmit(RoutingFrame.Message m) {
    if (links.send(route.peerId(), m.withAcked(acked.get()))) return true;
    if (stalledSince == 0) stalledSince = System.nanoTime();
    return false;
  }

  private void giveUp(String why) {
    if (!unacked.isEmpty())
      LOG.warn(
          "{} messages to actor {} (from {}) cannot be delivered: {}",
          unacked.size(),
          actorId,
          unacked.peekFirst().seq(),
          why);
    RoutingFrame.Message m;
    while ((m = unacked.pollFirst()) != null) links.undeliverable(m, why);
    route = null;
    stalledSince = 0;
  }

  private void trim() {
    long upTo = acked.get();
    long now = System.nanoTime();
    while (!unacked.isEmpty() && unacked.peekFirst().seq() <= upTo) {
      RoutingFrame.Message m = unacked.pollFirst();
      retained.addLast(new Kept(m, now));
      retainedBytes += m.body().length;
    }
    while (!retained.isEmpty()
        && (retained.size() > RETAIN_FRAMES
            || retainedBytes > RETAIN_BYTES
            || now - retained.peekFirst().since() > RETAIN_NANOS)) {
      retainedBytes -= retained.pollFirst().m().body().length;
    }
  }

  /**
   * {@code peer} hosts an activation that lacks this lane's acknowledged frames {@code
   * fromSeq..upTo} (see {@link RoutingFrame.Replay}): answers {@link RoutingFrame.Gone} for those
   * no longer kept, then resends the kept ones in order, each with an acknowledged watermark just
   * below itself so the activation takes it instead of skipping to the lane's watermark.
   */
  synchronized void replay(String peer, long laneId, long fromSeq, long upTo) {
    trim();
    List<RoutingFrame.Message> kept = new ArrayList<>();
    if (laneId == id) {
      for (Kept k : retained) if (k.m().seq() >= fromSeq && k.m().seq() <= upTo) kept.add(k.m());
      for (RoutingFrame.Message m : unacked) if (m.seq() >= fromSeq && m.seq() <= upTo) kept.add(m);
    }
    long first = kept.isEmpty() ? upTo + 1 : kept.getFirst().seq();
    if (first > fromSeq) {
      LOG.warn(
          "actor {} on {} lacks frames {}..{} of lane {} that were acknowledged, and this peer no"
              + " longer holds them",
          actorId,
          peer,
          fromSeq,
          first - 1,
          laneId);
      links.send(peer, new RoutingFrame.Gone(actorId, laneId, first - 1));
    }
    for (RoutingFrame.Message m : kept) links.send(peer, m.withAcked(m.seq() - 1));
  }
}
