package dev.simplex.peer.actor;

/** What travels through a mailbox. */
sealed interface Envelope {
  /** A user message; {@code reply} is null for a plain send. {@code sender} is a display form. */
  record Message(MessageId id, String sender, Object payload, ReplySlot reply)
      implements Envelope {}

  /**
   * {@code stop(r)}: queued behind earlier messages; {@code done} completes when the actor ended.
   */
  record Stop(ReplySlot done) implements Envelope {}

  /** Runs {@code on_termination_warning} between two messages; {@code done} completes after it. */
  record Warning(ReplySlot done) implements Envelope {}
}
