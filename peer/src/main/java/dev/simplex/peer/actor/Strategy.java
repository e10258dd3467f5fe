package dev.simplex.peer.actor;

/** Which children a supervisor restarts when one of them fails (language.md §9). */
public enum Strategy {
  /** Only the failed child. */
  ONE_FOR_ONE,
  /** Every child: the others are killed in reverse order, then all restart in order. */
  ONE_FOR_ALL,
  /** The failed child and those started after it. */
  REST_FOR_ONE
}
