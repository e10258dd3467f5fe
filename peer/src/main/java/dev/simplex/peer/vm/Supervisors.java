package dev.simplex.peer.vm;

import dev.simplex.peer.actor.ChildSpec;
import dev.simplex.peer.actor.RestartPolicy;
import dev.simplex.peer.actor.Spawnable;
import dev.simplex.peer.actor.Strategy;
import dev.simplex.peer.actor.SupervisorSpec;
import dev.simplex.sbc.SupervisorPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A compiled {@code supervisor} declaration mapped onto the runtime's {@link SupervisorSpec}. */
final class Supervisors {
  private Supervisors() {}

  /**
   * The spec for {@code plan}; {@code children} makes each child's spawnable (an actor, or a nested
   * supervisor) from its type name and {@code init} arguments.
   */
  static SupervisorSpec spec(SupervisorPlan plan, Function<SupervisorPlan.Child, Spawnable> child) {
    List<ChildSpec> children = new ArrayList<>();
    for (SupervisorPlan.Child c : plan.children())
      children.add(new ChildSpec(child.apply(c), restart(c.restart()), c.name()));
    int maxRestarts =
        plan.maxRestarts() == null
            ? SupervisorSpec.DEFAULT_MAX_RESTARTS
            : (int) Math.clamp(plan.maxRestarts(), -1, Integer.MAX_VALUE);
    Duration within =
        plan.withinNanos() == null
            ? SupervisorSpec.DEFAULT_WITHIN
            : Duration.ofNanos(plan.withinNanos());
    return new SupervisorSpec(
        plan.name(), strategy(plan.strategy()), maxRestarts, within, children);
  }

  static Strategy strategy(String name) {
    return switch (name) {
      case "OneForOne" -> Strategy.ONE_FOR_ONE;
      case "OneForAll" -> Strategy.ONE_FOR_ALL;
      case "RestForOne" -> Strategy.REST_FOR_ONE;
      default -> throw new IllegalArgumentException("unknown strategy " + name);
    };
  }

  static RestartPolicy restart(String name) {
    return switch (name) {
      case "Always" -> RestartPolicy.ALWAYS;
      case "Never" -> RestartPolicy.NEVER;
      case "Transient" -> RestartPolicy.TRANSIENT;
      default -> throw new IllegalArgumentException("unknown restart policy " + name);
    };
  }
}
