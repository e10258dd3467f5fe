package dev.simplex.peer.route;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.Behavior;
import dev.simplex.peer.actor.ExitReason;
import dev.simplex.peer.migrate.Migratable;

/**
 * Every behaviour the router hosts, wrapped so a move can reach it between two messages: a snapshot
 * request waits in the mailbox behind the mail already handed over, which is how "finish the
 * current message" falls out of mailbox order. Control messages are unforgeable: they are compared
 * by identity, and nothing decoded from the wire is identical to them.
 */
final class Mobile implements Behavior {
  /** Asks for the state; the reply is a {@link Taken}. */
  static final Object SNAPSHOT = new Object();

  /** The actor moved away: its coming stop is not an end, so the stop hook does not run. */
  static final Object DEPART = new Object();

  /**
   * First in a restored actor's mailbox (its host delivers it on admission, before the placement
   * names it): the {@link Migratable#resumed} turn, run as a turn of {@code activation}.
   */
  record Resumed(Activation activation) {}

  /** The answer to {@link #SNAPSHOT}. */
  sealed interface Taken {
    record State(byte[] bytes) implements Taken {}

    record Refused(String why) implements Taken {}
  }

  /**
   * A message from a lane, as the host hands it over: the actor's activation and the message's lane
   * position travel with it, so a checkpoint taken while handling it records exactly which messages
   * its state reflects.
   */
  record Routed(
      Activation activation,
      String origin,
      long lane,
      long seq,
      long callId,
      Object payload,
      RoutingFrame.Message frame) {}

  /**
   * The turn running on this thread: who handles which activation's message, and where the reply of
   * the ask it answers goes (null for a send), so that a checkpoint taken in the middle records it.
   */
  private record Turn(
      Mobile mobile,
      ActorContext ctx,
      Activation activation,
      dev.simplex.peer.grid.ActorCheckpoint.ReplyTo replyTo) {}

  private static final ThreadLocal<Turn> CURRENT = new ThreadLocal<>();

  /**
   * Stores a snapshot durably for an activation, with the reply address of the ask being answered
   * (or null); false when a newer activation exists.
   */
  interface Persister {
    boolean persist(
        Activation a, byte[] state, dev.simplex.peer.grid.ActorCheckpoint.ReplyTo replyTo);
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Mobile.class);

  private final Behavior inner;
  private byte[] restoreFrom;
  private boolean departed;

  /** {@code restoreFrom}: the snapshot this incarnation starts from, or null for a fresh start. */
  Mobile(Behavior inner, byte[] restoreFrom) {
    this.inner = inner;
    this.restoreFrom = restoreFrom;
  }

  @Override
  public void start(ActorContext ctx) {
    byte[] state = restoreFrom;
    restoreFrom = null;
    if (state == null) {
      inner.start(ctx);
    } else if (inner instanceof Migratable m) {
      m.restore(ctx, state);
    } else {
      throw new IllegalStateException(
          "actor type " + ctx.self().typeName() + " cannot be restored: it is not Migratable");
    }
  }

  /** How long a message waits for its activation's placement to be readable again. */
  static final long VERDICT_WAIT_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

  /**
   * Whether {@code a} may handle a message: at once when its lease is current or the placement
   * confirms it; when the placement cannot be read (a grid hiccup, or this peer on the minority
   * side of a split) the message waits, parking only this actor's virtual thread, until the read
   * confirms the activation (it serves), fences it (a newer epoch owns the actor: false), or {@code
   * maxNanos} pass. Dropping the message instead lost it: a later message's acknowledgement covered
   * it, and an ask was answered with null.
   */
  static boolean awaitVerdict(Activation a, long maxNanos) {
    if (a.mayServe()) return true;
    long until = System.nanoTime() + maxNanos;
    while (!a.isFenced() && !a.isReleased() && System.nanoTime() - until < 0) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (a.mayServe()) return true;
    }
    return false;
  }

  @Override
  public Object handle(ActorContext ctx, Object message) {
    if (message == SNAPSHOT) return snapshot(ctx);
    if (message == DEPART) {
      departed = true;
      return null;
    }
    if (message instanceof Resumed rs) {
      // only once the restore won the placement (a lost race withdraws the activation)
      Activation a = rs.activation();
      if (inner instanceof Migratable m && awaitVerdict(a, VERDICT_WAIT_NANOS)) {
        Turn outer = CURRENT.get();
        var replyTo = a.resumeReplyTo;
        CURRENT.set(new Turn(this, ctx, a, replyTo));
        a.suspended = false;
        try {
          Object reply = m.resumed(ctx);
          if (reply == Migratable.SUSPENDED) {
            // captured in an ask once more, claimed while the next move held the activation
            // (Activation.claimSuspension): that move's end continues it
          } else if (replyTo != null && a.replier != null) {
            // the interrupted handler answered an ask: its asker still waits
            a.resumeReplyTo = null;
            a.replier.reply(replyTo, reply);
          }
        } finally {
          if (outer == null) CURRENT.remove();
          else CURRENT.set(outer);
        }
      }
      return null;
    }
    if (!(message instanceof Routed r)) return inner.handle(ctx, message);
    Activation a = r.activation();
    if (a.suspended && r.frame() != null) {
      // a handler of this actor waits, captured, for its ask's reply: this message comes after it
      a.giveBack(r.origin(), r.frame());
      return Migratable.SUSPENDED;
    }
    if (!awaitVerdict(a, VERDICT_WAIT_NANOS)) {
      // a newer activation owns the actor: this one handles nothing more (its senders resend)
      LOG.debug("fenced activation of {} dropped message {}", a.id, r.seq());
      return null;
    }
    a.processing(r.origin(), r.lane(), r.seq());
    if (a.firstServedAfterRestore())
      LOG.info(
          "failover: restored actor {} serves its first message at wall {} ms",
          a.id,
          System.currentTimeMillis());
    Turn outer = CURRENT.get();
    CURRENT.set(
        new Turn(
            this,
            ctx,
            a,
            r.callId() > 0
                ? new dev.simplex.peer.grid.ActorCheckpoint.ReplyTo(r.origin(), r.callId())
                : null));
    try {
      Object reply = inner.handle(ctx, r.payload());
      if (reply == Migratable.SUSPENDED) {
        // captured in an ask for a move: the reply of this message comes from its continuation
        // claimed while the move held the activation (Activation.claimSuspension): the move's
        // end continues it
        a.resumeReplyTo = CURRENT.get().replyTo();
      }
      return reply;
    } finally {
      if (outer == null) CURRENT.remove();
      else CURRENT.set(outer);
    }
  }

  /** The activation whose message (or resumed turn) this thread handles, or null. */
  static Activation currentActivation() {
    Turn t = CURRENT.get();
    return t == null ? null : t.activation();
  }

  /**
   * {@code checkpoint()} of the actor handling a routed message on this thread: its snapshot and
   * the watermarks of what it has handled go to the grid. False when no routed actor runs here or
   * it cannot snapshot; throws when a newer activation of it exists (it was fenced).
   */
  static boolean checkpointRunning() {
    Turn t = CURRENT.get();
    if (t == null || !(t.mobile().inner instanceof Migratable m)) return false;
    Persister persister = t.activation().persister;
    if (persister == null) return false;
    byte[] state = m.snapshot(t.ctx());
    if (state == null) return false;
    if (!persister.persist(t.activation(), state, t.replyTo())) {
      t.activation().fence();
      throw new IllegalStateException(
          "actor " + t.activation().id + " was taken over by a newer activation elsewhere");
    }
    return true;
  }

  /** A failing snapshot refuses the move instead of crashing the actor: it keeps serving. */
  private Taken snapshot(ActorContext ctx) {
    if (!(inner instanceof Migratable m))
      return new Taken.Refused(
          "actor type "
              + ctx.self().typeName()
              + " cannot migrate: its behaviour does not implement Migratable");
    try {
      byte[] state = m.snapshot(ctx);
      if (state == null) return new Taken.Refused("its snapshot returned null");
      return new Taken.State(state);
    } catch (RuntimeException e) {
      return new Taken.Refused(
          "its snapshot failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  @Override
  public void onStop(ActorContext ctx, ExitReason reason) {
    if (!departed) inner.onStop(ctx, reason);
  }

  @Override
  public void onTerminationWarning(ActorContext ctx) {
    inner.onTerminationWarning(ctx);
  }

  @Override
  public boolean restoreLatestCheckpoint(ActorContext ctx) {
    return inner.restoreLatestCheckpoint(ctx);
  }
}
