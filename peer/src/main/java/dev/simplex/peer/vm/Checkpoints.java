package dev.simplex.peer.vm;

import dev.simplex.checkpoint.Checkpoint;
import dev.simplex.sbc.ExecutionContext;

/**
 * The latest checkpoint of one actor, shared by all its incarnations (the behaviour factory holds
 * it) so that a supervisor restart finds what the crashed incarnation saved. Kept in memory, and
 * with {@code --data} also persisted under the actor's stable id.
 */
final class Checkpoints {
  private final String actorId;
  private final Durability durability;
  private volatile Object latest;

  /** A stored checkpoint to resume from at the first start (recovery), or null. */
  private volatile Checkpoint recovered;

  /** {@code durability} persists each checkpoint; {@link Durability#NONE} keeps them in memory. */
  Checkpoints(String actorId, Durability durability) {
    this.actorId = actorId;
    this.durability = durability;
    this.recovered = durability.recoverable(actorId);
  }

  String actorId() {
    return actorId;
  }

  /**
   * Stores a private copy of the fields (the caller already deep-copied them) and hands it to the
   * durable store, which encodes it before returning.
   */
  void save(ActorType type, Object fields, ExecutionContext.Capture capture) {
    save(type, fields, capture, java.util.List.of());
  }

  /** As above, with the mail that waited in the mailbox when the checkpoint was taken. */
  void save(
      ActorType type,
      Object fields,
      ExecutionContext.Capture capture,
      java.util.List<dev.simplex.peer.actor.ActorContext.Pending> mailbox) {
    durability.save(actorId, type, fields, capture, mailbox);
    latest = fields;
  }

  /** Recovery restored {@code fields} from the store: they are the latest now. */
  void restored(Object fields) {
    latest = fields;
  }

  /** The latest saved fields, or null when the actor never called {@code checkpoint()}. */
  Object latest() {
    return latest;
  }

  /** The stored checkpoint to resume from, once: later starts are restarts or fresh starts. */
  Checkpoint takeRecovered() {
    Checkpoint r = recovered;
    recovered = null;
    return r;
  }
}
