package dev.simplex.peer.route;

import dev.simplex.peer.actor.ActorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An actor living on this peer as the swarm sees it: its local ref, the placement epoch it was
 * activated under, and per incoming lane the delivery watermark that suppresses duplicates and a
 * reorder buffer for frames that arrive ahead of a gap. (Durable actors will carry the watermarks
 * in their checkpoint; a fresh activation starts each lane at the first frame it sees.)
 */
final class Activation {

  /** Early frames kept per lane; more than this means the gap will not fill, so they are taken. */
  static final int REORDER_LIMIT = 10_000;

  /** An acknowledgement is sent at least this often per lane, and by the flush tick otherwise. */
  static final int ACK_EVERY = 32;

  final ActorId id;
  final ActorRef ref;
  final long epoch;
  final String name;

  /** The encoded spawn arguments: a move ships them, so a restart on the new host starts alike. */
  final byte[] args;

  /** Resources it reserved here and its replica count, as its spawn asked. */
  volatile RoutingFrame.Hints hints = RoutingFrame.Hints.DEFAULT;

  /** The peers holding warm copies of its checkpoints (replicas > 1), best ranked first. */
  volatile List<String> standbys = List.of();

  /** Its newest stored checkpoint, to seed a standby chosen later (replicas > 1). */
  volatile dev.simplex.peer.grid.ActorCheckpoint latest;

  /** When it arrived by migration (System.nanoTime), 0 when spawned or restored here. */
  volatile long arrivedNanos;

  /**
   * Why a move of it was refused (its behaviour cannot migrate): rebalancing leaves it; or null.
   */
  volatile String unmovable;

  private volatile boolean released;
  private final Map<String, Inbox> lanes = new HashMap<>();
  private final AtomicBoolean moving = new AtomicBoolean();
  private boolean paused;
  private final List<Held> held = new ArrayList<>();

  /**
   * Completed when a move asks the handler of this activation that waits in an {@code ask} to be
   * captured there (so the move need not wait for the reply); renewed when a move fails.
   */
  private volatile java.util.concurrent.CompletableFuture<Void> suspendRequest =
      new java.util.concurrent.CompletableFuture<>();

  /**
   * A handler of it was captured in an {@code ask} and has not continued yet: it continues in the
   * actor's next resumed turn (here if the move fails, on the target otherwise); mail the actor is
   * handed meanwhile is given back ({@link #giveBack}), since one message is handled at a time.
   */
  volatile boolean suspended;

  /** Mail given back while a handler was suspended, in the order it had been handed over. */
  private final List<Held> returned = new ArrayList<>();

  /**
   * Durable: it has a checkpoint in the grid. Its lanes are then acknowledged only up to what its
   * newest checkpoint reflects, so a sender keeps (and after a failover resends) everything else.
   */
  private volatile boolean durable;

  /**
   * Its placement was read (or written by its host) naming it: from then on a missing placement
   * means the grid lost the entry with a dead member, not a placement still under way.
   */
  volatile boolean placementSeen;

  /** Stopped by a newer placement epoch (fencing): its remaining mail is not handled. */
  private volatile boolean fenced;

  private long checkpointSequence;

  /**
   * Until when (System.nanoTime) its placement was last confirmed to name it: it serves mail only
   * within this lease; past it, the placement is read again first (fencing by epoch).
   */
  private volatile long confirmedUntil;

  /** How long a confirmation of the placement lasts; far below failure detection's timeout. */
  static final long LEASE_NANOS = 1_000_000_000L;

  /** Confirms (or fences) an activation whose lease ran out; the host sets it on admission. */
  volatile java.util.function.Predicate<Activation> confirmer;

  /** Where its checkpoints go (the host sets it on admission). */
  volatile Mobile.Persister persister;

  /** Sends a reply to an asker on behalf of this activation (the host sets it on admission). */
  interface Replier {
    void reply(dev.simplex.peer.grid.ActorCheckpoint.ReplyTo to, Object value);
  }

  volatile Replier replier;

  /**
   * Restored from a checkpoint taken in the middle of a handler answering an ask: where the reply
   * of the continued handler goes; null otherwise.
   */
  volatile dev.simplex.peer.grid.ActorCheckpoint.ReplyTo resumeReplyTo;

  private boolean firstServedPending;

  /** What arrived on one lane: keyed by origin peer and lane id. */
  private static final class Inbox {
    final String origin;
    final long lane;
    long delivered;
    long acked;

    /** The last sequence the actor began to handle, and the last one a checkpoint reflects. */
    long processed;

    long checkpointed;

    final TreeMap<Long, RoutingFrame.Message> early = new TreeMap<>();

    /**
     * The highest sequence an earlier activation acknowledged that this one has not seen (its
     * checkpoint does not reflect it), asked of the sender again; 0 when there is no such gap.
     */
    long replayWanted;

    /** When the gap was first seen and when its frames were last asked for (System.nanoTime). */
    long gapSince;

    long replayAskedAt;

    Inbox(String origin, long lane, long delivered) {
      this.origin = origin;
      this.lane = lane;
      this.delivered = delivered;
      this.acked = delivered;
      this.processed = delivered;
      this.checkpointed = delivered;
    }
  }

  /** The frames to hand to the actor now, in order; {@code duplicate} when one was seen already. */
  record Admitted(
      List<RoutingFrame.Message> ready,
      boolean duplicate,
      long ackUpTo,
      RoutingFrame.Replay replay) {
    static final long NO_ACK = -1;

    Admitted(List<RoutingFrame.Message> ready, boolean duplicate, long ackUpTo) {
      this(ready, duplicate, ackUpTo, null);
    }
  }

  /**
   * How long a lane waits for its sender to replay acknowledged frames it lacks, then skips them.
   */
  static final long REPLAY_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  /** After this long without them, the next frame of the lane asks for them again. */
  static final long REPLAY_RETRY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

  /** A message that arrived while the actor was paused for a move, with the peer that sent it. */
  record Held(String origin, RoutingFrame.Message message) {}

  /**
   * What a departing activation leaves behind: the frames it never handed to the actor, and per
   * origin peer the lane sequence its sender must resend from to reach the new host.
   */
  record Departure(List<Held> pending, Map<String, Long> resendFrom) {}

  Activation(ActorId id, ActorRef ref, long epoch, String name) {
    this(id, ref, epoch, name, new byte[0]);
  }

  Activation(ActorId id, ActorRef ref, long epoch, String name, byte[] args) {
    this.id = id;
    this.ref = ref;
    this.epoch = epoch;
    this.name = name;
    this.args = args;
  }

  boolean isReleased() {
    return released;
  }

  void release() {
    released = true;
  }

  synchronized Admitted admit(String origin, RoutingFrame.Message m) {
    Inbox in =
        lanes.computeIfAbsent(
            origin + "/" + m.lane(), k -> new Inbox(origin, m.lane(), m.seq() - 1));
    RoutingFrame.Replay replay = null;
    if (m.acked() > in.delivered) {
      // an earlier activation acknowledged these and this one was restored from a checkpoint that
      // does not reflect them (the earlier one acknowledged before its first checkpoint made it
      // durable, or the grid lost its newest checkpoint with a member): the sender keeps
      // acknowledged frames for a while, so they are asked for again; they are skipped only when
      // the sender no longer has them or does not answer within REPLAY_WAIT_NANOS
      long now = System.nanoTime();
      if (in.gapSince == 0) in.gapSince = now;
      if (now - in.gapSince > REPLAY_WAIT_NANOS) {
        skip(in, Math.max(m.acked(), in.replayWanted), "were not replayed by their sender in time");
      } else if (m.acked() > in.replayWanted || now - in.replayAskedAt > REPLAY_RETRY_NANOS) {
        in.replayWanted = Math.max(in.replayWanted, m.acked());
        in.replayAskedAt = now;
        replay = new RoutingFrame.Replay(id.value(), in.lane, in.delivered + 1, in.replayWanted);
      }
    }
    if (m.seq() <= in.delivered || in.early.containsKey(m.seq())) {
      long upTo = ackable(in);
      in.acked = Math.max(in.acked, upTo);
      return new Admitted(List.of(), true, upTo, replay);
    }
    List<RoutingFrame.Message> ready = new ArrayList<>();
    if (m.seq() == in.delivered + 1) {
      ready.add(m);
      in.delivered = m.seq();
    } else {
      in.early.put(m.seq(), m);
      if (in.early.size() > REORDER_LIMIT) in.delivered = in.early.firstKey() - 1;
    }
    drain(in, ready);
    if (ackable(in) - in.acked >= ACK_EVERY) {
      in.acked = ackable(in);
      return new Admitted(ready, false, in.acked, replay);
    }
    return new Admitted(ready, false, Admitted.NO_ACK, replay);
  }

  /** Moves the early frames that now follow the watermark to {@code ready}; closes a filled gap. */
  private static void drain(Inbox in, List<RoutingFrame.Message> ready) {
    while (!in.early.isEmpty() && in.early.firstKey() == in.delivered + 1) {
      ready.add(in.early.pollFirstEntry().getValue());
      in.delivered++;
    }
    if (in.delivered >= in.replayWanted) {
      in.replayWanted = 0;
      in.gapSince = 0;
    }
  }

  private void skip(Inbox in, long upTo, String why) {
    org.slf4j.LoggerFactory.getLogger(Activation.class)
        .info(
            "actor {}: frames {}..{} of lane {} from {} were acknowledged by an earlier activation,"
                + " are not in the checkpoint it was restored from, and {}; skipped",
            id,
            in.delivered + 1,
            upTo,
            in.lane,
            in.origin,
            why);
    in.delivered = upTo;
    in.early.headMap(in.delivered, true).clear();
    in.replayWanted = 0;
    in.gapSince = 0;
  }

  /**
   * The sender of {@code origin}'s lane {@code lane} no longer holds its acknowledged frames up to
   * {@code upTo}: they are skipped. Returns the early frames to hand to the actor now, in order
   * (none while a move holds the activation: the next frame takes them).
   */
  synchronized List<RoutingFrame.Message> gone(String origin, long lane, long upTo) {
    Inbox in = lanes.get(origin + "/" + lane);
    if (in == null || upTo <= in.delivered) return List.of();
    skip(in, upTo, "their sender no longer holds them");
    if (paused) return List.of();
    List<RoutingFrame.Message> ready = new ArrayList<>();
    drain(in, ready);
    return ready;
  }

  // ---- moving (see Mover) ----

  /** False when another move of this actor is under way. */
  boolean beginMove() {
    return moving.compareAndSet(false, true);
  }

  /** From now on new mail is held, not handed to the actor. */
  synchronized void pause() {
    paused = true;
  }

  /** Holds {@code m} when paused; false when it should be taken now. */
  synchronized boolean hold(String origin, RoutingFrame.Message m) {
    if (!paused) return false;
    held.add(new Held(origin, m));
    return true;
  }

  /** Completes when a move asks a handler waiting in an ask to be captured. */
  java.util.concurrent.CompletableFuture<Void> suspendRequest() {
    return suspendRequest;
  }

  /**
   * A handler waiting in an ask is about to be captured for a move: it counts as suspended from now
   * on, but only while a move holds the activation paused (true). The end of that move, {@code
   * Host.resume} or the departure, then continues the handler, and mail handed over until then is
   * given back and taken again after it. False: the move already ended, and the handler must go on
   * waiting where it is; captured then, nothing would continue it before the mail behind it, which
   * would be given back with no move to take it again.
   */
  synchronized boolean claimSuspension() {
    if (!paused) return false;
    suspended = true;
    return true;
  }

  /** The claimed handler could not be captured after all: it goes on waiting where it is. */
  synchronized void unclaimSuspension() {
    suspended = false;
  }

  /** Delivers the resumed turn of this activation to its actor (the host sets it on admission). */
  volatile java.util.function.Consumer<Activation> resumer;

  /** A move is under way: a handler waiting in an ask may be captured instead of awaited. */
  void requestSuspend() {
    suspendRequest.complete(null);
  }

  /**
   * A message the actor was handed but did not handle, because a handler of it is suspended: it
   * goes back ahead of the mail held since the pause, and its lane's watermark goes back below it
   * so that it is delivered again (here if the move fails, on the target otherwise).
   */
  synchronized void giveBack(String origin, RoutingFrame.Message m) {
    Inbox in = lanes.get(origin + "/" + m.lane());
    if (in != null && m.seq() <= in.delivered) in.delivered = m.seq() - 1;
    returned.add(new Held(origin, m));
  }

  /**
   * The move failed: mail flows again; returns what was given back and then what was held, in
   * order, to take now.
   */
  synchronized List<Held> resume() {
    paused = false;
    moving.set(false);
    suspendRequest = new java.util.concurrent.CompletableFuture<>();
    List<Held> taken = new ArrayList<>(returned);
    taken.addAll(held);
    returned.clear();
    held.clear();
    return taken;
  }

  /** The per-lane delivery watermarks, for the snapshot that moves. */
  synchronized List<RoutingFrame.Watermark> watermarks() {
    return lanes.values().stream()
        .map(in -> new RoutingFrame.Watermark(in.origin, in.lane, in.delivered))
        .toList();
  }

  /** What may be acknowledged on a lane: all it took, or for a durable actor what is stored. */
  private long ackable(Inbox in) {
    return durable ? Math.min(in.delivered, in.checkpointed) : in.delivered;
  }

  // ---- durability and failover ----

  /** The actor begins to handle {@code seq} of {@code origin}'s lane {@code lane}. */
  synchronized void processing(String origin, long lane, long seq) {
    Inbox in = lanes.get(origin + "/" + lane);
    if (in != null && seq > in.processed) in.processed = seq;
  }

  /** The watermarks of what the actor has handled (or is handling), for its checkpoint. */
  synchronized List<dev.simplex.peer.grid.ActorCheckpoint.Mark> processedMarks() {
    return lanes.values().stream()
        .map(in -> new dev.simplex.peer.grid.ActorCheckpoint.Mark(in.origin, in.lane, in.processed))
        .toList();
  }

  /** The next checkpoint sequence of this activation. */
  synchronized long nextCheckpointSequence() {
    return ++checkpointSequence;
  }

  /** A checkpoint with {@code marks} is stored: acknowledgements may go up to them. */
  synchronized void checkpointed(List<dev.simplex.peer.grid.ActorCheckpoint.Mark> marks) {
    durable = true;
    for (var m : marks) {
      Inbox in = lanes.get(m.origin() + "/" + m.lane());
      if (in != null && m.seq() > in.checkpointed) in.checkpointed = m.seq();
    }
  }

  /**
   * Restored by a survivor from {@code c}: lanes continue after what the checkpoint reflects, and
   * it is durable from the start.
   */
  synchronized void restoredFrom(dev.simplex.peer.grid.ActorCheckpoint c) {
    for (var m : c.marks())
      lanes.put(m.origin() + "/" + m.lane(), new Inbox(m.origin(), m.lane(), m.seq()));
    checkpointSequence = c.sequence();
    durable = true;
    firstServedPending = true;
  }

  /** True once, for the first message a restored activation handles. */
  synchronized boolean firstServedAfterRestore() {
    boolean first = firstServedPending;
    firstServedPending = false;
    return first;
  }

  boolean isDurable() {
    return durable;
  }

  /**
   * Durable before its first checkpoint (a replicated actor): its senders keep every message until
   * a checkpoint reflects it, so none is acknowledged that its standbys could not restore.
   */
  void durableFromStart() {
    durable = true;
  }

  boolean isFenced() {
    return fenced;
  }

  /** The placement named this activation's epoch at {@code now}: it may serve for a lease. */
  void confirmed(long now) {
    confirmedUntil = now + LEASE_NANOS;
  }

  /**
   * Whether it may handle a message now: not fenced, and its lease is current or the placement,
   * read again, still names it.
   */
  boolean mayServe() {
    if (fenced) return false;
    if (System.nanoTime() - confirmedUntil < 0) return true;
    var c = confirmer;
    return c == null || c.test(this);
  }

  /** A newer placement epoch exists: this activation must not handle anything more. */
  void fence() {
    fenced = true;
    released = true;
  }

  /** On the new host, before any mail: lanes continue where the old host stopped. */
  synchronized void restore(List<RoutingFrame.Watermark> marks) {
    for (RoutingFrame.Watermark w : marks)
      lanes.put(w.origin() + "/" + w.lane(), new Inbox(w.origin(), w.lane(), w.delivered()));
  }

  /** Releases this activation for a move and hands over everything it never delivered. */
  synchronized Departure depart() {
    released = true;
    List<Held> pending = new ArrayList<>();
    Map<String, Long> from = new HashMap<>();
    for (Inbox in : lanes.values()) {
      for (RoutingFrame.Message m : in.early.values()) pending.add(new Held(in.origin, m));
      if (!in.early.isEmpty()) from.merge(in.origin, in.delivered + 1, Math::min);
      in.early.clear();
    }
    List<Held> left = new ArrayList<>(returned);
    left.addAll(held);
    returned.clear();
    for (Held h : left) {
      Inbox in = lanes.get(h.origin() + "/" + h.message().lane());
      // a lane that never reached this activation claims nothing: its earlier frames may still be
      // on their way to, or bouncing from, another peer
      long resend = in == null ? 1 : in.delivered + 1;
      from.merge(h.origin(), resend, Math::min);
      pending.add(h);
    }
    held.clear();
    return new Departure(pending, from);
  }

  /** An acknowledgement owed on a lane: origin peer and the sequence up to which all arrived. */
  record AckDue(String origin, long seq) {}

  /** The acknowledgements not yet sent, marked as sent. */
  synchronized List<AckDue> takeAcksDue() {
    List<AckDue> due = new ArrayList<>();
    for (Inbox in : lanes.values()) {
      long upTo = ackable(in);
      if (upTo > in.acked) {
        in.acked = upTo;
        due.add(new AckDue(in.origin, upTo));
      }
    }
    return due;
  }
}
