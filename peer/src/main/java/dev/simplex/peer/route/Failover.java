package dev.simplex.peer.route;

import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.grid.ActorCheckpoint;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.grid.Placement;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover without a leader (design.md, "Leaderless swarm"): when peers leave the view, every
 * survivor lists the live placements whose peer is gone and, per actor, computes the same owner by
 * rendezvous hashing over the live view. The owner restores the actor from its newest grid
 * checkpoint, under the next epoch, and moves the placement by compare-and-set; a loser of the CAS
 * drops its activation. Senders' lanes held the unacknowledged mail and resend it once the
 * placement names a live peer; the restored watermarks suppress what the state already reflects.
 *
 * <p>Policy for an actor without a checkpoint: it is lost. Its placement is marked stopped (by its
 * rendezvous owner, by CAS), so its pending and later mail become dead letters on the senders'
 * peers and asks to it fail, exactly as for an actor that ended.
 */
final class Failover {
  private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

  private final String self;
  private final Grid grid;
  private final Host host;
  private final ActorSystem system;
  private final BehaviorRegistry registry;
  private final MessageCodec codec;
  private final Supplier<Set<String>> view;
  private final Replicas replicas;

  Failover(
      String self,
      Grid grid,
      Host host,
      ActorSystem system,
      BehaviorRegistry registry,
      MessageCodec codec,
      Supplier<Set<String>> view,
      Replicas replicas) {
    this.replicas = replicas;
    this.self = self;
    this.grid = grid;
    this.host = host;
    this.system = system;
    this.registry = registry;
    this.codec = codec;
    this.view = view;
  }

  /** The survivor that takes {@code actorId} over: highest random weight among {@code live}. */
  static String owner(String actorId, Collection<String> live) {
    ActorId id = new ActorId(actorId);
    return live.stream()
        .max(
            Comparator.comparingLong((String p) -> Placer.rendezvous(id, p))
                .thenComparing(Comparator.reverseOrder()))
        .orElseThrow(() -> new IllegalArgumentException("no live peer to take over " + actorId));
  }

  /**
   * One pass: takes over this peer's share of the actors placed on peers outside the view, then the
   * replicated actors whose placement the grid lost with their peer, of which this peer holds a
   * warm copy and is the owner.
   */
  int takeOver() {
    Set<String> live = view.get();
    int restored = adoptAll(live);
    for (Placement p : grid.placements().orphans(live)) {
      if (!owner(p.actorId(), live).equals(self)) continue;
      // its peer may be back meanwhile: a restarted incarnation with the same id adopts its own
      // actors, and a takeover racing that adoption let both activations acknowledge messages
      if (view.get().contains(p.peerId())) continue;
      if (recover(p)) restored++;
    }
    for (Replicas.Warm w : replicas.orphaned(live)) {
      String id = w.checkpoint().actorId();
      Optional<Placement> p = grid.placements().get(id);
      if (p.isPresent()) {
        if (p.get().status() == Placement.Status.STOPPED) replicas.forget(id);
        continue; // placed: its owner recovers it above, or it lives on a live peer
      }
      if (!owner(id, live).equals(self)) continue;
      if (recoverLost(newest(id).orElse(w.checkpoint()), w.primary())) restored++;
    }
    // checkpoints kept in an object store whose grid entries (placement and checkpoint) were lost
    // with their peer: restored by their rendezvous owner like a replicated actor's
    for (String id : grid.actorCheckpoints().onlyInObjectStore()) {
      if (grid.placements().get(id).isPresent() || host.activation(id).isPresent()) continue;
      if (!owner(id, live).equals(self)) continue;
      Optional<ActorCheckpoint> c = grid.actorCheckpoints().latest(id);
      if (c.isEmpty() || c.get().writerPeer() == null || live.contains(c.get().writerPeer()))
        continue;
      LOG.info(
          "failover: actor {} of lost peer {} has no placement or checkpoint left in the grid;"
              + " restoring it from the object store",
          id,
          c.get().writerPeer());
      if (recoverLost(c.get(), c.get().writerPeer())) restored++;
    }
    return restored;
  }

  /**
   * The placements that name this peer but that this incarnation never hosted: a previous
   * incarnation with the same peer id crashed and this one joined before (or while) the survivors
   * took its actors over, so to them the actors' peer never left. This incarnation restores them.
   */
  private int adoptAll(Set<String> live) {
    Set<String> others = new java.util.HashSet<>(live);
    others.remove(self);
    int adopted = 0;
    for (Placement p : grid.placements().orphans(others)) {
      if (p.peerId().equals(self) && !host.admittedHere(p.actorId()) && adopt(p)) adopted++;
    }
    return adopted;
  }

  private final Object adopting = new Object();

  /**
   * Restores {@code seen}, a placement on this peer that this incarnation never hosted, here under
   * the next epoch; true when the actor is hosted here afterwards. Every peer in the view is told
   * to resend what it did not get acknowledged: frames that reached this incarnation before it
   * routed anything were dropped, and their lanes would not send them again by themselves. {@code
   * null}: returns once the restore under way (if any) ended.
   */
  boolean adopt(Placement seen) {
    synchronized (adopting) {
      if (seen == null) return true; // a frame that waited for the restore under way
      if (host.admittedHere(seen.actorId())) return host.activation(seen.actorId()).isPresent();
      host.restoring(seen.actorId());
      boolean restored = false;
      try {
        restored = restore(seen);
        return restored;
      } finally {
        // a failed restore (the grid still reorganising, the actor's code not yet at hand) leaves
        // the actor not admitted here, so the next frame or failover pass tries again
        host.restored(seen.actorId(), restored);
      }
    }
  }

  private boolean restore(Placement seen) {
    LOG.info(
        "failover: actor {} is placed on this peer's previous incarnation ({}, epoch {});"
            + " restoring it here",
        seen.actorId(),
        self,
        seen.epoch());
    if (!recover(seen)) return false;
    host.announce(seen.actorId(), seen.epoch() + 1, view.get());
    return true;
  }

  /**
   * The newest of the grid's checkpoint and this peer's warm copy: the copy when it is newer or
   * equal (so a standby restores even when the grid lost its entry).
   */
  private Optional<ActorCheckpoint> newest(String id) {
    Optional<ActorCheckpoint> stored = grid.actorCheckpoints().latest(id);
    Optional<ActorCheckpoint> warm = replicas.warm(id).map(Replicas.Warm::checkpoint);
    if (warm.isPresent() && (stored.isEmpty() || !stored.get().newerThan(warm.get()))) {
      LOG.info(
          "failover: actor {} restores from this peer's warm copy (checkpoint {} of epoch {};"
              + " the grid has {})",
          id,
          warm.get().sequence(),
          warm.get().epoch(),
          stored.map(c -> "checkpoint " + c.sequence() + " of epoch " + c.epoch()).orElse("none"));
      return warm;
    }
    return stored;
  }

  /**
   * An actor whose placement is gone with its peer {@code lostPeer}: placed again here from {@code
   * c} (a warm copy, or the object store's checkpoint).
   */
  private boolean recoverLost(ActorCheckpoint c, String lostPeer) {
    String id = c.actorId();
    Activation a = start(c, c.epoch() + 1);
    if (a == null) return false;
    var outcome = placeOrWithdraw(a, () -> grid.placements().replace(id, self, c.epoch() + 1));
    if (outcome.won()) a.placementSeen = true;
    if (!outcome.won()) {
      system.deliver(a.ref, Host.MOVE_ID, "failover", Mobile.DEPART);
      host.withdraw(a);
      LOG.info("failover: actor {} was placed again elsewhere: {}", id, outcome.current());
      return false;
    }
    LOG.info(
        "failover: restored actor {} of lost peer {} on {} from checkpoint {} (epoch {}, wall {}"
            + " ms; its placement was lost with the peer)",
        id,
        lostPeer,
        self,
        c.sequence(),
        outcome.current().epoch(),
        System.currentTimeMillis());
    seedStandbys(a);
    return true;
  }

  /**
   * Writes the placement of the just started {@code a}; when the grid fails to answer, {@code a} is
   * withdrawn (whether the write happened is unknown: a placement on this peer without an
   * activation is restored by its next frame) and the failure propagates.
   */
  private <T> T placeOrWithdraw(Activation a, Supplier<T> write) {
    try {
      return write.get();
    } catch (RuntimeException e) {
      system.deliver(a.ref, Host.MOVE_ID, "failover", Mobile.DEPART);
      host.withdraw(a);
      throw e;
    }
  }

  /** Starts the actor here from {@code c} under {@code epoch}; null when it cannot start. */
  private Activation start(ActorCheckpoint c, long epoch) {
    ActorRef ref;
    try {
      ref = system.spawn(registry.restored(c.typeName(), codec.decode(c.args()), c.state()));
    } catch (RuntimeException e) {
      LOG.warn(
          "failover: actor {} cannot be restored here from its checkpoint: {}",
          c.actorId(),
          e.toString());
      return null;
    }
    Activation a = new Activation(new ActorId(c.actorId()), ref, epoch, c.name(), c.args());
    a.hints = RoutingFrame.Hints.of(c.hints());
    a.restoredFrom(c);
    a.resumeReplyTo = c.replyTo();
    a.latest = c;
    host.admit(a);
    system.deliver(ref, Host.MOVE_ID, "failover", new Mobile.Resumed(a));
    return a;
  }

  /** A restored replicated actor gets standbys again at once, from the state it restored. */
  private void seedStandbys(Activation a) {
    if (a.hints.replicas() < 2 || a.latest == null) return;
    try {
      replicas.push(a, a.latest, view.get());
    } catch (RuntimeException e) {
      LOG.info("failover: seeding the standbys of {} failed: {}", a.id, e.toString());
    }
  }

  private boolean recover(Placement seen) {
    String id = seen.actorId();
    Optional<ActorCheckpoint> stored = newest(id);
    if (stored.isEmpty()) {
      var outcome = grid.placements().move(seen, seen.peerId(), Placement.Status.STOPPED);
      if (outcome.won())
        LOG.warn(
            "failover: actor {} of lost peer {} had no checkpoint; it is lost (its mail goes to"
                + " dead letters)",
            id,
            seen.peerId());
      return false;
    }
    ActorCheckpoint c = stored.get();
    Activation a = start(c, seen.epoch() + 1);
    if (a == null) return false;
    var outcome =
        placeOrWithdraw(a, () -> grid.placements().move(seen, self, Placement.Status.ACTIVE));
    if (outcome.won()) a.placementSeen = true;
    if (!outcome.won()) {
      system.deliver(a.ref, Host.MOVE_ID, "failover", Mobile.DEPART);
      host.withdraw(a);
      LOG.info("failover: actor {} was taken over elsewhere: {}", id, outcome.current());
      return false;
    }
    LOG.info(
        "failover: restored actor {} of lost peer {} on {} from checkpoint {} (epoch {}, wall {}"
            + " ms)",
        id,
        seen.peerId(),
        self,
        c.sequence(),
        outcome.current().epoch(),
        System.currentTimeMillis());
    seedStandbys(a);
    return true;
  }
}
