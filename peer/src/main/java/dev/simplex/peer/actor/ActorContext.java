package dev.simplex.peer.actor;

/** What a running behaviour may ask of the runtime about its own actor. */
public interface ActorContext {
  ActorRef self();

  ActorSystem system();

  /** The id of the message being handled, or null outside a handler (start and hooks). */
  MessageId currentMessageId();

  /** {@code stop(self)}: the actor ends when the current handler returns. */
  void stopSelf();

  /** {@code drain()}: later sends become dead letters; the actor ends once its queue is empty. */
  void drain();

  /**
   * The messages waiting in this actor's mailbox behind the one being handled, oldest first (a
   * snapshot: mail may arrive meanwhile); for a checkpoint to carry them.
   */
  default java.util.List<Pending> pendingMessages() {
    return java.util.List.of();
  }

  /** A message waiting in the mailbox: who sent it, its id, and what it says. */
  record Pending(String sender, MessageId id, Object payload) {}
}
