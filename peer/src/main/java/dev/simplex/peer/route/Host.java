package dev.simplex.peer.route;

import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.actor.MessageId;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.grid.Placement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side: the activations this peer hosts, and what becomes of a message that arrives
 * here. Hosted: deduplicated, reordered if need be, handed to the local actor, acknowledged. Not
 * hosted but placed elsewhere: bounced to its sender with the current placement. Unknown or
 * stopped: a dead letter recorded on this peer, its ask failed.
 */
final class Host implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Host.class);

  private final String self;
  private final ActorSystem system;
  private final Grid grid;
  private final MessageCodec codec;
  private final Transport transport;
  private final RouteCounters counters;
  private final Map<String, Activation> hosted = new ConcurrentHashMap<>();

  /**
   * Every actor this incarnation of the peer took an activation of. A placement that names this
   * peer for an actor not in here was written for a previous incarnation with the same id (which
   * crashed and was restarted before the survivors took its actors over): see {@link #adopt}.
   */
  private final java.util.Set<String> admitted = ConcurrentHashMap.newKeySet();

  /**
   * Restores an actor whose placement names this peer but which this incarnation never hosted, true
   * when it is hosted here now (set by the router: {@link Failover#adopt}).
   */
  volatile java.util.function.Predicate<Placement> adopt = p -> false;

  /** Per actor being restored by {@link #adopt}: how many of its frames wait for that. */
  private final Map<String, Integer> restoring = new ConcurrentHashMap<>();

  /** Runs restores and the frames waiting for them, one at a time in arrival order. */
  private final ExecutorService restores =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("simplex-restore").unstarted(r));

  /**
   * Takes {@code m} once {@code seen} (a placement on this peer that this incarnation never hosted;
   * null: the restore already under way) was restored here, off the thread that delivers the
   * origin's other frames: a restore waits on the grid, which may be slow while it recovers from
   * the crash. The frames that arrive meanwhile queue behind it, in arrival order (an activation
   * without a watermark for a lane starts that lane at the first frame it sees).
   */
  private void afterRestore(Placement seen, String origin, RoutingFrame.Message m) {
    if (closing) return;
    restoring.merge(m.actorId(), 1, Integer::sum);
    restores.execute(
        () -> {
          boolean hostedHere = false;
          try {
            hostedHere = restoreHere(seen, m.actorId());
          } finally {
            if (hostedHere || seen == null) route(origin, m);
            else stillPlacedHere(origin, m);
            restoring.computeIfPresent(m.actorId(), (k, n) -> n == 1 ? null : n - 1);
          }
        });
  }

  /** How often a failed restore of an actor placed on this peer is tried for one frame. */
  static final int RESTORE_ATTEMPTS = 10;

  /** The pause between those attempts. */
  static final java.time.Duration RESTORE_PAUSE = java.time.Duration.ofMillis(300);

  /**
   * Restores {@code seen} here, trying again while it stays placed on this peer without an
   * activation: a restore right after this incarnation joined can fail for a while (the grid still
   * reorganising, the actor's code not yet at hand), and its frames must not become dead letters.
   * True when the actor is hosted here afterwards; also true for {@code null} (the frame waited for
   * a restore under way, whatever its outcome).
   */
  private boolean restoreHere(Placement seen, String actorId) {
    Placement p = seen;
    // frames that follow one whose attempts all failed try once each, so that an actor that
    // cannot be restored for long does not hold every other restore up for seconds per frame
    Long failed = unrestorable.get(actorId);
    int attempts =
        failed != null && System.nanoTime() - failed < RESTORE_PAUSE.toNanos() * RESTORE_ATTEMPTS
            ? 1
            : RESTORE_ATTEMPTS;
    for (int attempt = 1; ; attempt++) {
      try {
        if (adopt.test(p)) {
          unrestorable.remove(actorId);
          return true;
        }
      } catch (RuntimeException e) {
        LOG.warn("restoring actor {} here failed (attempt {}): {}", actorId, attempt, e.toString());
      }
      if (p != null && attempt == attempts) unrestorable.put(actorId, System.nanoTime());
      if (p == null || closing || attempt == attempts) return p == null;
      p = placedHereWithoutActivation(actorId).orElse(null);
      if (p == null) return false; // placed elsewhere or stopped meanwhile: route the frame there
      try {
        Thread.sleep(RESTORE_PAUSE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** When the last frame of each actor whose restores all failed gave up (System.nanoTime()). */
  private final Map<String, Long> unrestorable = new ConcurrentHashMap<>();

  /** The placement of {@code actorId} when it names this peer and no activation serves it here. */
  private Optional<Placement> placedHereWithoutActivation(String actorId) {
    if (hosted.containsKey(actorId)) return Optional.empty();
    try {
      return grid.placements()
          .get(actorId)
          .filter(p -> p.peerId().equals(self) && p.status() != Placement.Status.STOPPED);
    } catch (RuntimeException e) {
      LOG.info("the placement of {} cannot be read: {}", actorId, e.toString());
      return Optional.empty();
    }
  }

  /**
   * After the restores failed: routes {@code m} as usual unless its actor is still placed on this
   * peer without an activation. Such a frame is dropped unacknowledged (its sender keeps it, and
   * resends it when a peer announces the actor restored), never a dead letter: acknowledging it
   * would also acknowledge every frame of its lane before it.
   */
  private void stillPlacedHere(String origin, RoutingFrame.Message m) {
    if (placedHereWithoutActivation(m.actorId()).isEmpty()) {
      route(origin, m);
      return;
    }
    counters.unrestored.increment();
    LOG.warn(
        "actor {} is placed on this peer but cannot be restored here yet: frame {} from {} is"
            + " kept by its sender",
        m.actorId(),
        m.seq(),
        origin);
  }

  /** Where actors released from here went, so bounces need no grid read. */
  private final Map<String, Route> departed = new ConcurrentHashMap<>();

  private final ExecutorService endings = Executors.newVirtualThreadPerTaskExecutor();

  /** Warm standby copies (replicas > 1) and the view they are chosen from; set by the router. */
  volatile Replicas replicas;

  volatile java.util.function.Supplier<java.util.Set<String>> view = java.util.Set::of;

  Host(
      String self,
      ActorSystem system,
      Grid grid,
      MessageCodec codec,
      Transport transport,
      RouteCounters counters) {
    this.self = self;
    this.system = system;
    this.grid = grid;
    this.codec = codec;
    this.transport = transport;
    this.counters = counters;
  }

  Optional<Activation> activation(String actorId) {
    return Optional.ofNullable(hosted.get(actorId));
  }

  /** Whether this incarnation of the peer ever took an activation of {@code actorId}. */
  boolean admittedHere(String actorId) {
    return admitted.contains(actorId);
  }

  /**
   * Restoring {@code actorId} here is tried now, once: until {@link #restored}, its frames wait (in
   * arrival order) instead of finding no activation.
   */
  void restoring(String actorId) {
    restoring.merge(actorId, 1, Integer::sum);
    admitted.add(actorId);
  }

  /**
   * The restore of {@code actorId} ended; {@code hostedHere} false: it failed, and this incarnation
   * counts as never having hosted the actor, so the next frame or failover pass tries again.
   */
  void restored(String actorId, boolean hostedHere) {
    if (!hostedHere && !hosted.containsKey(actorId)) admitted.remove(actorId);
    restoring.computeIfPresent(actorId, (k, n) -> n == 1 ? null : n - 1);
  }

  /**
   * Tells {@code peers} that {@code actorId} is served here under {@code epoch}: each lane to it
   * resends every message not yet acknowledged (a bounce claims nothing taken).
   */
  void announce(String actorId, long epoch, java.util.Collection<String> peers) {
    for (String peer : peers)
      if (!peer.equals(self))
        transport.send(peer, RoutingFrame.Redirect.bounce(actorId, self, epoch));
  }

  /** The activation whose local actor is {@code ref}, if this peer hosts it. */
  Optional<Activation> activationOf(ActorRef ref) {
    for (Activation a : hosted.values())
      if (a.ref.equals(ref) && !a.isReleased()) return Optional.of(a);
    return Optional.empty();
  }

  int size() {
    return hosted.size();
  }

  /**
   * The resources reserved by the activations hosted here (released or moved ones do not count).
   */
  Resources reserved() {
    Resources sum = Resources.NONE;
    for (Activation a : hosted.values()) if (!a.isReleased()) sum = sum.plus(a.hints.resources());
    return sum;
  }

  /** The activations hosted here now. */
  java.util.Collection<Activation> all() {
    return hosted.values();
  }

  /**
   * Takes a new activation in. Called before its placement is written, so a message that follows
   * the placement always finds it.
   */
  void admit(Activation a) {
    a.persister = this::persist;
    a.replier =
        (to, value) -> {
          RoutingFrame frame;
          try {
            frame = new RoutingFrame.Reply(to.callId(), codec.encode(value));
          } catch (IllegalArgumentException e) {
            frame = new RoutingFrame.Died(to.callId(), "its reply could not be encoded");
          }
          answer(to.peer(), frame);
        };
    a.confirmer = this::confirm;
    a.resumer = x -> system.deliver(x.ref, MOVE_ID, "migration", new Mobile.Resumed(x));
    a.confirmed(System.nanoTime());
    departed.remove(a.id.value());
    admitted.add(a.id.value());
    Activation old = hosted.put(a.id.value(), a);
    if (old != null) old.release();
    Replicas r = replicas;
    if (r != null) r.forget(a.id.value()); // a primary is not its own standby
    a.ref.whenEnded().thenRunAsync(() -> ended(a), endings);
  }

  /**
   * Undoes {@link #admit} for an activation whose placement was lost to another peer (or whose
   * placement could not be written): this incarnation counts as never having hosted the actor.
   */
  void withdraw(Activation a) {
    synchronized (a) {
      a.release();
    }
    if (hosted.remove(a.id.value(), a)) admitted.remove(a.id.value());
    system.stopLater(a.ref);
  }

  /**
   * Takes one message for a hosted actor. Admission and hand-off share the activation's lock: a
   * lane's frames may arrive on two threads during a move (forwarded and resent), yet reach the
   * mailbox in sequence order.
   */
  void onMessage(String origin, RoutingFrame.Message m) {
    if (restoring.containsKey(m.actorId())) {
      afterRestore(null, origin, m);
      return;
    }
    route(origin, m);
  }

  private void route(String origin, RoutingFrame.Message m) {
    Activation a = hosted.get(m.actorId());
    if (a != null) {
      synchronized (a) {
        if (!a.isReleased()) {
          if (!a.hold(origin, m)) take(a, origin, m);
          return;
        }
      }
    }
    notHosted(origin, m);
  }

  private void take(Activation a, String origin, RoutingFrame.Message m) {
    Activation.Admitted admitted = a.admit(origin, m);
    if (admitted.replay() != null) {
      counters.replaysAsked.increment();
      transport.send(origin, admitted.replay());
    }
    if (admitted.duplicate()) counters.duplicates.increment();
    for (RoutingFrame.Message ready : admitted.ready()) hand(a, origin, ready);
    if (admitted.ackUpTo() != Activation.Admitted.NO_ACK)
      transport.send(origin, new RoutingFrame.Ack(m.actorId(), admitted.ackUpTo()));
  }

  // ---- moves (the steps are Mover's) ----

  /** The move failed: mail held meanwhile is taken now, in arrival order, ahead of newer mail. */
  void resume(Activation a) {
    synchronized (a) {
      boolean captured = a.suspended;
      // first the move's state goes (a fresh suspend request): the continuation may start at once
      java.util.List<Activation.Held> taken = a.resume();
      // a handler captured in an ask for the move continues first, here, with the ask's reply
      if (captured) a.resumer.accept(a);
      for (Activation.Held h : taken) take(a, h.origin(), h.message());
    }
  }

  /**
   * The actor now lives on {@code to}: this activation ends without its stop hook, what it never
   * delivered goes to the new host, and the senders of that mail resend there from the first frame
   * the old host did not deliver (the new host drops what it has seen).
   */
  void depart(Activation a, Route to, Object departMarker) {
    Activation.Departure d;
    synchronized (a) {
      departed.put(a.id.value(), to);
      d = a.depart();
      hosted.remove(a.id.value(), a);
    }
    flushAcksOf(a);
    for (Activation.Held h : d.pending())
      transport.send(to.peerId(), new RoutingFrame.Forwarded(h.origin(), h.message()));
    d.resendFrom()
        .forEach(
            (origin, seq) ->
                transport.send(
                    origin, new RoutingFrame.Redirect(a.id.value(), seq, to.peerId(), to.epoch())));
    system.deliver(a.ref, MOVE_ID, "migration", departMarker);
    system.stopLater(a.ref);
    releaseCopies(a);
  }

  /** The activation no longer serves here: its standbys drop the copies it pushed. */
  private void releaseCopies(Activation a) {
    Replicas r = replicas;
    if (r == null) return;
    try {
      r.release(a);
    } catch (RuntimeException e) {
      LOG.debug("withdrawing the warm copies of {}: {}", a.id, e.toString());
    }
  }

  /** The id of the router's own control messages to an actor it moves. */
  static final MessageId MOVE_ID = new MessageId(0, 0);

  private void hand(Activation a, String origin, RoutingFrame.Message m) {
    ActorRef ref = a.ref;
    Object payload;
    try {
      long call = m.mode() == RoutingFrame.Mode.ASK ? m.callId() : 0;
      payload = new Mobile.Routed(a, origin, m.lane(), m.seq(), call, codec.decode(m.body()), m);
    } catch (IllegalArgumentException e) {
      counters.malformed.increment();
      LOG.warn(
          "message {} from {} to {} cannot be decoded: {}",
          m.seq(),
          m.sender(),
          ref,
          e.getMessage());
      system.recordDeadLetter(id(m), m.sender(), ref.toString(), null);
      if (m.callId() > 0)
        answer(origin, new RoutingFrame.Died(m.callId(), "the message could not be decoded"));
      return;
    }
    switch (m.mode()) {
      case SEND -> system.deliver(ref, id(m), m.sender(), payload);
      case ASK ->
          system
              .deliverAsk(ref, id(m), m.sender(), payload)
              .whenComplete(
                  (reply, failure) -> {
                    // suspended in an ask for a move: the continuation answers, wherever it runs
                    if (reply != dev.simplex.peer.migrate.Migratable.SUSPENDED)
                      answer(origin, replyFrame(m, ref, reply, failure));
                  });
      case STOP ->
          system
              .stopLater(ref)
              .thenRun(
                  () -> answer(origin, new RoutingFrame.Reply(m.callId(), codec.encode(null))));
    }
  }

  private RoutingFrame replyFrame(
      RoutingFrame.Message m, ActorRef ref, Object reply, Throwable failure) {
    if (failure != null) return new RoutingFrame.Died(m.callId(), "actor died");
    try {
      return new RoutingFrame.Reply(m.callId(), codec.encode(reply));
    } catch (IllegalArgumentException e) {
      LOG.warn("the reply of {} to {} cannot travel back: {}", ref, m.sender(), e.getMessage());
      return new RoutingFrame.Died(m.callId(), "its reply could not be encoded: " + e.getMessage());
    }
  }

  private void notHosted(String origin, RoutingFrame.Message m) {
    Route moved = departed.get(m.actorId());
    Optional<Placement> p = Optional.empty();
    if (moved == null) {
      p = grid.placements().get(m.actorId());
      if (p.isPresent()
          && p.get().status() != Placement.Status.STOPPED
          && p.get().peerId().equals(self)
          && !admitted.contains(m.actorId())) {
        // placed on this peer's previous incarnation, which crashed: restored here from its
        // checkpoint (or taken over elsewhere meanwhile), never a dead letter
        afterRestore(p.get(), origin, m);
        return;
      }
      if (p.isPresent()
          && p.get().status() != Placement.Status.STOPPED
          && !p.get().peerId().equals(self)) {
        moved = new Route(p.get().peerId(), p.get().epoch());
      }
    }
    if (moved == null && p.isEmpty()) {
      // placements are never deleted: the grid lost this one with a member, or could not show it
      // for a moment while its partitions moved. A dead letter here would be acknowledged, and an
      // acknowledgement covers every earlier frame of the lane too, taken or not: the sender reads
      // the placement again instead, and gives the mail up itself if it stays missing
      counters.unplaced.increment();
      transport.send(origin, new RoutingFrame.Unplaced(m.actorId()));
      return;
    }
    if (moved != null) {
      counters.redirectsSent.increment();
      // the bounce claims nothing: the messages before this one may be bouncing too, and their
      // redirects are followed in any order (one claiming "all before 110 taken" that was
      // followed before the bounce of 100 made the lane forget 100-109: lost mail)
      transport.send(
          origin, RoutingFrame.Redirect.bounce(m.actorId(), moved.peerId(), moved.epoch()));
      return;
    }
    String why =
        p.get().status() == Placement.Status.STOPPED
            ? "stopped actor " + m.actorId()
            : "actor " + m.actorId() + " (no activation on peer " + self + ")";
    Object payload;
    try {
      payload = codec.decode(m.body());
    } catch (IllegalArgumentException e) {
      payload = null;
    }
    // stopping an actor that already ended loses nothing: no dead letter, as on one peer
    if (m.mode() != RoutingFrame.Mode.STOP)
      system.recordDeadLetter(id(m), m.sender(), why, payload);
    if (m.callId() > 0) {
      answer(
          origin,
          m.mode() == RoutingFrame.Mode.STOP
              ? new RoutingFrame.Reply(m.callId(), codec.encode(null))
              : new RoutingFrame.Died(m.callId(), why));
    }
    transport.send(origin, new RoutingFrame.Ack(m.actorId(), m.seq()));
  }

  /**
   * {@code origin} no longer holds acknowledged frames an activation here lacks (see {@link
   * RoutingFrame.Replay}): they are skipped, and the frames waiting behind them are taken.
   */
  void onGone(String origin, RoutingFrame.Gone g) {
    Activation a = hosted.get(g.actorId());
    if (a == null) return;
    synchronized (a) {
      if (a.isReleased()) return;
      for (RoutingFrame.Message ready : a.gone(origin, g.lane(), g.upTo())) hand(a, origin, ready);
    }
  }

  /** The actor now lives on {@code from} under {@code epoch}: the activation here ends. */
  void onRelease(String from, RoutingFrame.Release r) {
    departed.put(r.actorId(), new Route(from, r.epoch()));
    Activation a = hosted.get(r.actorId());
    if (a != null && a.epoch < r.epoch()) {
      synchronized (a) {
        a.release();
        hosted.remove(r.actorId(), a);
      }
      // its senders learn what it took before their next frames bounce (same channel, in order)
      flushAcksOf(a);
      system.stopLater(a.ref);
    }
  }

  // ---- fencing by epoch ----

  /**
   * Reads {@code a}'s placement again (its lease ran out, e.g. this peer hung): true, with a fresh
   * lease, when it still names this activation; otherwise the activation is fenced and ends. A grid
   * that cannot answer confirms nothing: the message is not handled (its sender resends).
   */
  boolean confirm(Activation a) {
    long now = System.nanoTime();
    Optional<Placement> p;
    try {
      p = grid.placements().get(a.id.value());
    } catch (RuntimeException e) {
      // once per activation until a read succeeds again: during a split every message asks
      if (unconfirmed.add(a.id.value()))
        LOG.info("cannot confirm the placement of {}: {}", a.id, e.toString());
      return false;
    }
    if (unconfirmed.remove(a.id.value())) LOG.info("the placement of {} can be read again", a.id);
    return check(a, p.orElse(null), now);
  }

  /** Activations whose last placement read failed (grid unreachable or without a majority). */
  private final java.util.Set<String> unconfirmed =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Renews every lease in one grid read (the flush tick calls it a few times a second). */
  void renewLeases() {
    if (hosted.isEmpty()) return;
    long now = System.nanoTime();
    Map<String, Placement> all = grid.placements().getAll(java.util.Set.copyOf(hosted.keySet()));
    for (Activation a : hosted.values()) if (!a.isReleased()) check(a, all.get(a.id.value()), now);
  }

  private boolean check(Activation a, Placement p, long now) {
    if (a.isFenced()) return false;
    if (p == null) {
      if (!a.placementSeen) return false; // being placed (a spawn or move is under way)
      return replaceLost(a, now);
    }
    if (p.peerId().equals(self) && p.epoch() == a.epoch) {
      a.placementSeen = true;
      a.confirmed(now);
      return true;
    }
    if (p.epoch() > a.epoch) {
      fence(a, new Route(p.peerId(), p.epoch()));
      return false;
    }
    return false; // a move to this activation is not yet placed: wait
  }

  /**
   * The placement of a live activation vanished: its grid partition died with a member that kept no
   * backup. The activation places itself again under its epoch (only if still absent), so its
   * senders, who wait on a missing placement, find it.
   */
  private boolean replaceLost(Activation a, long now) {
    var outcome = grid.placements().replace(a.id.value(), self, a.epoch);
    if (outcome.won()) {
      LOG.warn(
          "placement of actor {} was lost with a grid member; placed again on {} under epoch {}",
          a.id,
          self,
          a.epoch);
      a.confirmed(now);
      return true;
    }
    return outcome.current() != null && check(a, outcome.current(), now);
  }

  /** A newer activation owns the actor: this one handles nothing more and ends quietly. */
  private void fence(Activation a, Route owner) {
    synchronized (a) {
      if (a.isFenced()) return;
      a.fence();
      departed.put(a.id.value(), owner);
      hosted.remove(a.id.value(), a);
    }
    LOG.warn(
        "fenced: actor {} is now on {} under epoch {} > {}; this activation stops",
        a.id,
        owner.peerId(),
        owner.epoch(),
        a.epoch);
    system.deliver(a.ref, MOVE_ID, "fencing", Mobile.DEPART);
    system.stopLater(a.ref);
    releaseCopies(a);
  }

  // ---- durability ----

  /**
   * Stores {@code state} as {@code a}'s newest checkpoint in the grid with the watermarks of what
   * it handled; false when a newer activation's checkpoint is stored (then {@code a} is stale).
   */
  boolean persist(Activation a, byte[] state) {
    return persist(a, state, null);
  }

  boolean persist(
      Activation a, byte[] state, dev.simplex.peer.grid.ActorCheckpoint.ReplyTo replyTo) {
    var marks = a.processedMarks();
    var c =
        new dev.simplex.peer.grid.ActorCheckpoint(
            a.id.value(),
            a.ref.typeName(),
            a.name,
            a.args,
            a.epoch,
            a.nextCheckpointSequence(),
            self,
            marks,
            state,
            System.currentTimeMillis(),
            a.hints.replicas() > 1 || !a.hints.resources().isNone() ? a.hints.bytes() : null,
            replyTo);
    if (!grid.actorCheckpoints().save(c)) {
      LOG.warn("checkpoint of {} refused: a newer activation of it exists", a.id);
      return false;
    }
    a.latest = c;
    Replicas r = replicas;
    if (r != null && a.hints.replicas() > 1) r.push(a, c, view.get());
    a.checkpointed(marks);
    return true;
  }

  /** Sends the acknowledgements owed (the flush tick). */
  void flushAcks() {
    for (Activation a : hosted.values())
      for (Activation.AckDue due : a.takeAcksDue())
        transport.send(due.origin(), new RoutingFrame.Ack(a.id.value(), due.seq()));
  }

  /**
   * The actor ended for good: its placement is marked stopped and its name freed, unless it was
   * released because it moved (then both belong to the new activation).
   */
  private void ended(Activation a) {
    hosted.remove(a.id.value(), a);
    if (a.isReleased()) return;
    // first what it handled: a sender that then finds the actor stopped gives up only the rest
    flushAcksOf(a);
    releaseCopies(a);
    try {
      // only while the placement still names this activation: one that ended on the minority
      // side of a split, or after its actor was restored elsewhere, must not stop the actor's
      // successor, free its name or delete the checkpoint the successor runs from
      Optional<Placement> current =
          grid.placements()
              .get(a.id.value())
              .filter(p -> p.peerId().equals(self) && p.epoch() == a.epoch);
      if (current.isPresent()) {
        grid.placements().move(current.get(), self, Placement.Status.STOPPED);
        if (a.name != null) grid.names().remove(a.name, NameEntry.encode(a.ref.typeName(), a.id));
        if (a.isDurable() && !a.isFenced()) grid.actorCheckpoints().remove(a.id.value());
      }
    } catch (RuntimeException e) {
      LOG.warn("could not record the end of {} in the grid: {}", a.id, e.toString());
    }
  }

  private void flushAcksOf(Activation a) {
    for (Activation.AckDue due : a.takeAcksDue())
      transport.send(due.origin(), new RoutingFrame.Ack(a.id.value(), due.seq()));
  }

  private void answer(String origin, RoutingFrame frame) {
    if (!transport.send(origin, frame))
      LOG.info("peer {} left before its answer could be sent", origin);
  }

  private static MessageId id(RoutingFrame.Message m) {
    return new MessageId(m.senderId(), m.seq());
  }

  private volatile boolean closing;

  @Override
  public void close() {
    closing = true;
    restores.shutdown();
    endings.shutdown();
  }
}
