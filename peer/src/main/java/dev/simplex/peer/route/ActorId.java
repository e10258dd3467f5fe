package dev.simplex.peer.route;

import java.io.Serializable;
import java.util.UUID;

/**
 * An actor's swarm-wide id: the key of its placement entry, the same on every peer and across
 * migrations and recoveries (design.md, "Names used everywhere").
 */
public record ActorId(String value) implements Serializable {
  static final int MAX_LENGTH = 200;

  public ActorId {
    if (value == null || value.isBlank())
      throw new IllegalArgumentException("an actor id must not be blank");
    if (value.length() > MAX_LENGTH)
      throw new IllegalArgumentException(
          "an actor id is at most " + MAX_LENGTH + " characters, got " + value.length());
  }

  /** A new id, unique without coordination: the spawning peer's id and a random UUID. */
  static ActorId fresh(String spawningPeer) {
    return new ActorId(spawningPeer + "/" + UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value;
  }
}
