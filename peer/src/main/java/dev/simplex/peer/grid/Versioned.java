package dev.simplex.peer.grid;

/** A grid value whose version only grows: placement epochs, checkpoint sequences. */
public interface Versioned {
  long version();
}
