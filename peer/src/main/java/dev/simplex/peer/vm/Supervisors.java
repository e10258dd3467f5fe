package dev.simplex.peer.vm;

import dev.simplex.peer.actor.ChildSpec;
import dev.simplex.peer.actor.ExitReason;
import dev.simplex.peer.actor.RestartPolicy;
import dev.simplex.peer.actor.Spawnable;
import dev.simplex.peer.actor.Strategy;
import dev.simplex.peer.actor.SupervisorSpec;
import dev.simplex.sbc.SupervisorPlan;
import dev.simplex.sbc.Vm;
import java.io.PrintStream;
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
  /**
   * A child's {@code Custom(f)} calls {@code f} through {@code vm}; a panic in {@code f} (or a
   * result that is not a {@code Bool}) means no restart and is reported on {@code err}.
   */
  static SupervisorSpec spec(
      SupervisorPlan plan,
      Function<SupervisorPlan.Child, Spawnable> child,
      Vm vm,
      PrintStream err) {
    List<ChildSpec> children = new ArrayList<>();
    for (SupervisorPlan.Child c : plan.children()) {
      RestartPolicy policy =
          c.custom() != null ? custom(plan.name(), c.custom(), vm, err) : restart(c.restart());
      children.add(new ChildSpec(child.apply(c), policy, c.name()));
    }
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

  /** {@code Custom(f)}: restarts when {@code f(reason)} is true; a panic or non-Bool is false. */
  static RestartPolicy custom(String supervisor, Object f, Vm vm, PrintStream err) {
    if (vm == null) throw new IllegalArgumentException("Custom(f) needs the module's Vm to call f");
    return new RestartPolicy.Custom(
        reason -> {
          Object decided;
          try {
            decided = vm.call(f, List.of(exitReason(reason)));
          } catch (Vm.PanicException | IllegalArgumentException e) {
            err.println(
                "supervisor "
                    + supervisor
                    + ": restart policy Custom(f) panicked: "
                    + e.getMessage()
                    + " (not restarting)");
            return false;
          }
          if (decided instanceof Long b && (b == 0 || b == 1)) return b == 1;
          if (decided instanceof Boolean b) return b;
          err.println(
              "supervisor "
                  + supervisor
                  + ": restart policy Custom(f) returned "
                  + Vm.display(decided)
                  + ", not a Bool (not restarting)");
          return false;
        });
  }

  /** The runtime's exit reason as the program's {@code ExitReason} value. */
  static Object exitReason(ExitReason reason) {
    return switch (reason) {
      case ExitReason.Normal n -> Vm.exitReason("Normal", null);
      case ExitReason.Error e -> Vm.exitReason("Error", e.message());
      case ExitReason.Killed k -> Vm.exitReason("Killed", null);
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
