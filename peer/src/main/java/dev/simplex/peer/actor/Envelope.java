package dev.simplex.peer.actor;

/**
 * What travels through a mailbox. An envelope is also its own mailbox node ({@link #next}), so a
 * message costs one object in the queue, not an envelope, a queue node and a message id.
 */
abstract sealed class Envelope {
  /** A sender that is not a cell of this runtime: a task (main) or an actor of another peer. */
  record Origin(long id, String label) {
    /** The sender of the placeholder a new mailbox starts with. */
    static final Origin NOBODY = new Origin(0, null);
  }

  /** The next envelope in the mailbox; written once by the sender that linked this one. */
  volatile Envelope next;

  /**
   * A user message; {@code reply} is null for a plain send. The sender is its cell (id and display
   * form read from it) or an {@link Origin}; the id is built on demand ({@link #id()}) from the
   * sender's id and the sequence. 40 bytes with its mailbox link: a fan-in queues a million.
   */
  static final class Message extends Envelope {
    private final Object from;
    private final long sequence;
    private Object payload;
    private ReplySlot reply;

    /** From an actor of this runtime: its cell. */
    Message(Cell from, long sequence, Object payload, ReplySlot reply) {
      this.from = from;
      this.sequence = sequence;
      this.payload = payload;
      this.reply = reply;
    }

    /** From a task or another peer. */
    Message(Origin from, long sequence, Object payload, ReplySlot reply) {
      this.from = from;
      this.sequence = sequence;
      this.payload = payload;
      this.reply = reply;
    }

    Message(MessageId id, String sender, Object payload, ReplySlot reply) {
      this(new Origin(id.sender(), sender), id.sequence(), payload, reply);
    }

    MessageId id() {
      long sender =
          switch (from) {
            case Cell c -> c.id;
            case Origin o -> o.id();
            default -> throw new IllegalStateException("no sender: " + from);
          };
      return new MessageId(sender, sequence);
    }

    /** The sender's display form. */
    String sender() {
      return switch (from) {
        case Cell c -> c.label();
        case Origin o -> o.label();
        default -> throw new IllegalStateException("no sender: " + from);
      };
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
