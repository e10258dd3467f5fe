package dev.simplex.peer.actor;

/** An untimed ask whose target was dead or died before replying (language.md §8). */
public final class ActorDiedException extends RuntimeException {
  public ActorDiedException() {
    super("ask failed: actor died");
  }
}
