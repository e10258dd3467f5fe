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

  /** The answer to {@link #SNAPSHOT}. */
  sealed interface Taken {
    record State(byte[] bytes) implements Taken {}

    record Refused(String why) implements Taken {}
  }

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

  @Override
  public Object handle(ActorContext ctx, Object message) {
    if (message == SNAPSHOT) return snapshot(ctx);
    if (message == DEPART) {
      departed = true;
      return null;
    }
    return inner.handle(ctx, message);
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
