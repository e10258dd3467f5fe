package dev.simplex.peer.actor;

/** A task outside every actor is blocked while nothing in the runtime can run (language.md §13). */
public final class DeadlockDetectedException extends RuntimeException {
  public DeadlockDetectedException() {
    super("deadlock detected");
  }
}
