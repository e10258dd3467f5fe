package dev.simplex.peer.route;

import java.io.Serializable;
import java.util.Objects;

/**
 * A location-transparent reference to an actor anywhere in the swarm: its swarm-wide id and its
 * type. It holds no address; {@link SwarmActors} resolves it through a route cache backed by the
 * grid's placement map, so a ref stays valid when its actor moves. Refs are serialisable, so they
 * travel inside messages.
 */
public record SwarmRef(ActorId id, String typeName) implements Serializable {
  public SwarmRef {
    Objects.requireNonNull(id, "id");
    if (typeName == null || typeName.isBlank())
      throw new IllegalArgumentException("a swarm ref needs its actor type's name");
  }

  @Override
  public String toString() {
    return "<" + typeName + "@" + id + ">";
  }
}
