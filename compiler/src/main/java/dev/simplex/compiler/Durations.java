package dev.simplex.compiler;

import java.util.List;

/** The {@code Duration} type: a non-negative span with nanosecond resolution (language.md §2). */
final class Durations {
  private Durations() {}

  static final Type DURATION = new Type.Builtin("Duration", List.of());

  /**
   * {@code Dynamic} (§2): a boxed sendable value with its type, represented at run time as the
   * tuple (type name, boxed value); displays as the contained value.
   */
  static final Type DYNAMIC = new Type.Builtin("Dynamic", List.of());

  static boolean isDynamic(Type t) {
    return t instanceof Type.Builtin b && b.name().equals("Dynamic");
  }

  /** Whether a value of {@code t} may be boxed into a Dynamic: concrete and sendable. */
  static boolean boxable(Type t, Inference inf) {
    return boxable(inf.resolve(t)) && !inf.hasUnsolved(t);
  }

  private static boolean boxable(Type t) {
    return !isDynamic(t)
        && !(t instanceof Type.Var)
        && !(t instanceof Type.Param)
        && !(t instanceof Type.Error)
        && t != Type.Prim.NEVER
        && Traits.isSendable(t);
  }
}
