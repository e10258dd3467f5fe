package dev.simplex.peer.actor;

/**
 * What travels through a mailbox. An envelope is also its own mailbox node ({@link #next}), so a
 * message costs one object in the queue, not an envelope, a queue node and a message id.
 */
abstract sealed class Envelope {
  /** The next envelope in the mailbox; written once by the sender that linked this one. */
  volatile Envelope next;

  /**
   * A user message; {@code reply} is null for a plain send. {@code sender} is a display form. The
   * id is kept as its two numbers and built on demand ({@link #id()}).
   */
  static final class Message extends Envelope {
    private final long senderId;
    private final long sequence;
    private final String sender;
    private Object payload;
    private ReplySlot reply;

    Message(long senderId, long sequence, String sender, Object payload, ReplySlot reply) {
      this.senderId = senderId;
      this.sequence = sequence;
      this.sender = sender;
      this.payload = payload;
      this.reply = reply;
    }

    Message(MessageId id, String sender, Object payload, ReplySlot reply) {
      this(id.sender(), id.sequence(), sender, payload, reply);
    }

    MessageId id() {
      return new MessageId(senderId, sequence);
    }

    String sender() {
      return sender;
    }

    Object payload() {
      return payload;
    }

    ReplySlot reply() {
      return reply;
    }

    /**
     * Handled: the mailbox keeps the last envelope it gave out as its head, so it lets go of what
     * this one carried.
     */
    void consumed() {
      payload = null;
      reply = null;
    }
  }

  /**
   * {@code stop(r)}: queued behind earlier messages; {@code done} completes when the actor ended.
   */
  static final class Stop extends Envelope {
    private final ReplySlot done;

    Stop(ReplySlot done) {
      this.done = done;
    }

    ReplySlot done() {
      return done;
    }
  }

  /** Runs {@code on_termination_warning} between two messages; {@code done} completes after it. */
  static final class Warning extends Envelope {
    private final ReplySlot done;

    Warning(ReplySlot done) {
      this.done = done;
    }

    ReplySlot done() {
      return done;
    }
  }
}
