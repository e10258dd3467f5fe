package dev.simplex.peer.vm;

/**
 * The latest checkpoint of one actor, shared by all its incarnations (the behaviour factory holds
 * it) so that a supervisor restart finds what the crashed incarnation saved. Kept in memory.
 */
final class Checkpoints {
  private volatile Object latest;

  /** Stores a private copy of the fields; the caller already deep-copied them. */
  void save(Object fields) {
    latest = fields;
  }

  /** The latest saved fields, or null when the actor never called {@code checkpoint()}. */
  Object latest() {
    return latest;
  }
}
