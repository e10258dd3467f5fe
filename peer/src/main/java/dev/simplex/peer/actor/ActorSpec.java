package dev.simplex.peer.actor;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An actor type and how to make a fresh incarnation of it; the factory captures the original {@code
 * init} arguments so that a restart without a checkpoint starts the same way again.
 */
public record ActorSpec(String typeName, Supplier<Behavior> behavior) implements Spawnable {
  public ActorSpec {
    if (typeName == null || typeName.isBlank())
      throw new IllegalArgumentException("an actor type needs a name");
    Objects.requireNonNull(behavior, "behavior factory");
  }
}
