package dev.simplex.peer.actor;

/**
 * The code of one incarnation of an actor. The runtime never runs two methods of one behaviour at
 * once, so an implementation keeps its fields in plain (non-volatile) variables. A restart creates
 * a new instance from the {@link ActorSpec}'s factory, so the factory holds the original arguments.
 *
 * <p>A VM-backed implementation runs field initializers, overrides, {@code init} and {@code
 * on_start} in {@link #start}, a handler in {@link #handle}, {@code on_stop} in {@link #onStop},
 * and restores fields from the latest checkpoint plus {@code on_resume} in {@link
 * #restoreLatestCheckpoint}. Any exception thrown is a panic: it crashes the actor.
 */
public interface Behavior {
  /** Starts a fresh incarnation; runs synchronously in the spawner (or the restarting thread). */
  void start(ActorContext ctx);

  /** Handles one message and returns the reply ({@code null} stands for {@code ()}). */
  Object handle(ActorContext ctx, Object message);

  /** Runs exactly once at every end of an incarnation; what it throws is reported and ignored. */
  default void onStop(ActorContext ctx, ExitReason reason) {}

  /** {@code on_termination_warning}: the peer is about to shut down (SIGTERM). */
  default void onTerminationWarning(ActorContext ctx) {}

  /**
   * On a supervisor restart: restores the fields from this actor's latest checkpoint and runs
   * {@code on_resume}, returning true; returns false when there is no checkpoint, and the runtime
   * then calls {@link #start} instead.
   */
  default boolean restoreLatestCheckpoint(ActorContext ctx) {
    return false;
  }
}
