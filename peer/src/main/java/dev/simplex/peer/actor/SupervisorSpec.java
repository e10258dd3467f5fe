package dev.simplex.peer.actor;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A supervisor as data (OTP style): strategy, restart intensity ({@code maxRestarts} restart
 * decisions within {@code within}) and the children, started in order.
 */
public record SupervisorSpec(
    String typeName, Strategy strategy, int maxRestarts, Duration within, List<ChildSpec> children)
    implements Spawnable {
  public static final int DEFAULT_MAX_RESTARTS = 3;
  public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(5);

  public SupervisorSpec {
    if (typeName == null || typeName.isBlank())
      throw new IllegalArgumentException("a supervisor type needs a name");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(within, "within");
    if (maxRestarts < 0)
      throw new IllegalArgumentException(
          "supervisor " + typeName + ": max_restarts must be >= 0, got " + maxRestarts);
    if (within.isNegative() || within.isZero())
      throw new IllegalArgumentException(
          "supervisor " + typeName + ": within must be positive, got " + within);
    children = List.copyOf(children);
    if (children.isEmpty())
      throw new IllegalArgumentException("supervisor " + typeName + " has no children");
    var names = new HashSet<String>();
    for (ChildSpec c : children)
      if (c.name() != null && !names.add(c.name()))
        throw new IllegalArgumentException(
            "supervisor " + typeName + ": two children are named \"" + c.name() + "\"");
  }

  /** The language's defaults: OneForOne, 3 restarts within 5 seconds. */
  public static SupervisorSpec of(String typeName, List<ChildSpec> children) {
    return new SupervisorSpec(
        typeName, Strategy.ONE_FOR_ONE, DEFAULT_MAX_RESTARTS, DEFAULT_WITHIN, children);
  }
}
