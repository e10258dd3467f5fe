package dev.simplex.gossip;

/** The swarm could not be joined or used; the message says what to change. */
public final class SwarmException extends RuntimeException {
  public SwarmException(String message, Throwable cause) {
    super(message, cause);
  }
}
