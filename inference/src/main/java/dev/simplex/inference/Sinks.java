package dev.simplex.inference;

import java.util.function.Consumer;

/** Where streamed pieces of a completion go. */
final class Sinks {
  /** Nobody listens: models may skip streaming altogether (compared by identity). */
  static final Consumer<String> NONE = piece -> {};

  private Sinks() {}
}
