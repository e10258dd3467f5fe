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
   * @param restart {@code Always}, {@code Never}, {@code Transient} or {@code Custom}
   * @param custom for {@code Custom(f)}, the function value {@code f: fn(ExitReason) -> Bool} (call
   *     it with {@link Vm#call} and a {@link Vm#exitReason}); null otherwise
   * @param name the local name, or null
   */
  public record Child(
      String actorType, List<Object> initArgs, String restart, Object custom, String name) {
    public Child {
      initArgs = List.copyOf(initArgs);
      if ((custom != null) != "Custom".equals(restart))
        throw new IllegalArgumentException("a function goes with restart Custom, and only there");
    }

    /** A child with a named policy ({@code Always}, {@code Never} or {@code Transient}). */
    public Child(String actorType, List<Object> initArgs, String restart, String name) {
      this(actorType, initArgs, restart, null, name);
    }
  }

  /** {@code enum ExitReason { Normal, Error(String), Killed }} of the prelude (§9). */
  static final TypeDef EXIT_REASON =
      new TypeDef(
          "ExitReason",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("Normal", false, List.of()),
              new TypeDef.Variant("Error", false, List.of(""), List.of("String")),
              new TypeDef.Variant("Killed", false, List.of())));

  /**
   * Reads {@code [strategy, max_restarts, within, [[actor, [args], restart, name], …]]}; restart is
   * a policy name, or the function value of {@code Custom(f)}.
   */
  static SupervisorPlan decode(String name, Object value) {
    List<Object> plan = items(value, 4, name);
    List<Child> children = new ArrayList<>();
    for (Object c : items(plan.get(3), -1, name)) {
      List<Object> child = items(c, 4, name);
      Object restart = child.get(2);
      if (!(restart instanceof String || restart instanceof Values.Closure))
        throw new IllegalArgumentException(
            "malformed restart policy for supervisor " + name + ": " + restart);
      children.add(
          new Child(
              (String) child.get(0),
              items(child.get(1), -1, name),
              restart instanceof String policy ? policy : "Custom",
              restart instanceof Values.Closure f ? f : null,
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
    if (value instanceof Values.ListValue l && (size < 0 || l.size() == size)) return l.view();
    throw new IllegalArgumentException("malformed plan for supervisor " + name + ": " + value);
  }
}
