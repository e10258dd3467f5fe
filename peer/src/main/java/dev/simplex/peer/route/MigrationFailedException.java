package dev.simplex.peer.route;

/** A move that did not happen; the actor keeps serving where it was. The message says why. */
public final class MigrationFailedException extends IllegalStateException {
  public MigrationFailedException(String message) {
    super(message);
  }
}
