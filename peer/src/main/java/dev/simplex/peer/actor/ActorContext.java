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
}
