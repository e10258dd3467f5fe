package dev.simplex.peer.migrate;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.Behavior;

/**
 * A behaviour that can move to another peer: its state as bytes, taken between two messages, and
 * restored on the new host instead of a fresh {@link #start}. Java behaviours encode their own
 * fields; the VM will encode an actor's fields with its value encoding.
 */
public interface Migratable extends Behavior {
  /**
   * What {@link #handle} returns when a move asked for the handler waiting in an {@code ask} and it
   * was captured there (its execution context is part of the next {@link #snapshot}): the message
   * is not finished and has no reply yet; {@link #resumed} continues it, with the ask's reply, on
   * whichever peer the actor lives on then.
   */
  Object SUSPENDED =
      new Object() {
        @Override
        public String toString() {
          return "$suspended";
        }
      };

  /** The state after the last handled message; called on the actor's own turn. */
  byte[] snapshot(ActorContext ctx);

  /**
   * Runs on the new host in place of {@link #start}: the fields become what {@link #snapshot}
   * captured. What it throws fails the migration, and the actor keeps running where it was.
   */
  void restore(ActorContext ctx, byte[] state);

  /**
   * The first turn after {@link #restore}, before any message (on the actor's own thread, where
   * {@code restore} may run on the spawner's): the place for resume hooks and for continuing a
   * handler that the snapshot caught in the middle (language.md §8, Lifecycle). Returns that
   * handler's reply (null when none ran), which goes to the asker it was answering, or {@link
   * #SUSPENDED} when the continued handler was captured in an ask once more. Also runs, without a
   * restore, on the source of a move that failed after a handler was captured: the handler then
   * continues where it was.
   */
  default Object resumed(ActorContext ctx) {
    return null;
  }
}
