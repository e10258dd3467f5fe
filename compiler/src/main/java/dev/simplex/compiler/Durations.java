package dev.simplex.compiler;

import java.util.List;

/** The {@code Duration} type: a non-negative span with nanosecond resolution (language.md §2). */
final class Durations {
  private Durations() {}

  static final Type DURATION = new Type.Builtin("Duration", List.of());
}
