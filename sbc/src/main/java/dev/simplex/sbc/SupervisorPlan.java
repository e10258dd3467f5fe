package dev.simplex.sbc;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code spawn S} starts for a {@code supervisor S} (language.md §9), as the compiled {@code
 * S::$supervisor} describes it. Null numbers and durations stand for the language's defaults.
 *
 * @param strategy {@code OneForOne}, {@code OneForAll} or {@code RestForOne}
 * @param maxRestarts {@code max_restarts}, or null for the default
 * @param withinNanos {@code within}, or null for the default
 */
public record SupervisorPlan(
    String name, String strategy, Long maxRestarts, Long withinNanos, List<Child> children) {
  public SupervisorPlan {
    children = List.copyOf(children);
  }

  /**
   * One {@code child(A(args), restart: R, name: "n")}.
   *
   * @param actorType the child's type name: an actor or another supervisor
   * @param initArgs boxed {@code init} arguments in parameter order
   * @param restart {@code Always}, {@code Never} or {@code Transient}
   * @param name the local name, or null
   */
  public record Child(String actorType, List<Object> initArgs, String restart, String name) {
    public Child {
      initArgs = List.copyOf(initArgs);
    }
  }

  /** Reads {@code [strategy, max_restarts, within, [[actor, [args], restart, name], …]]}. */
  static SupervisorPlan decode(String name, Object value) {
    List<Object> plan = items(value, 4, name);
    List<Child> children = new ArrayList<>();
    for (Object c : items(plan.get(3), -1, name)) {
      List<Object> child = items(c, 4, name);
      children.add(
          new Child(
              (String) child.get(0),
              items(child.get(1), -1, name),
              (String) child.get(2),
              child.get(3) instanceof String s ? s : null));
    }
    return new SupervisorPlan(
        name,
        (String) plan.get(0),
        plan.get(1) instanceof Long n ? n : null,
        plan.get(2) instanceof DurationValue d ? d.nanos() : null,
        children);
  }

  private static List<Object> items(Object value, int size, String name) {
    if (value instanceof Values.ListValue l && (size < 0 || l.items.size() == size)) return l.items;
    throw new IllegalArgumentException("malformed plan for supervisor " + name + ": " + value);
  }
}
