package dev.simplex.peer.route;

/**
 * A spawn in the swarm that made no actor: the type is unknown there, start panicked, no answer.
 */
public final class SpawnFailedException extends RuntimeException {
  public SpawnFailedException(String message) {
    super(message);
  }
}
