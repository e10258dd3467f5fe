package dev.simplex.peer.actor;

import java.util.Objects;

/**
 * One entry of a supervisor's {@code children}: what to start, its restart policy, a local name.
 */
public record ChildSpec(Spawnable child, RestartPolicy restart, String name) {
  public ChildSpec {
    Objects.requireNonNull(child, "child");
    Objects.requireNonNull(restart, "restart policy");
    if (name != null && name.isBlank()) throw new IllegalArgumentException("a child name is blank");
  }

  /** {@code child(A)}: restart {@code Always}, no name. */
  public static ChildSpec of(Spawnable child) {
    return new ChildSpec(child, RestartPolicy.ALWAYS, null);
  }

  public ChildSpec restart(RestartPolicy policy) {
    return new ChildSpec(child, policy, name);
  }

  public ChildSpec named(String localName) {
    return new ChildSpec(child, restart, localName);
  }
}
