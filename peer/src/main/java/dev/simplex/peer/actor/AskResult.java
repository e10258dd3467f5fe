package dev.simplex.peer.actor;

/**
 * The outcome of an ask with a timeout: {@code Result<R, AskError>} with {@code Timeout,
 * ActorDied}.
 */
public sealed interface AskResult {
  record Reply(Object value) implements AskResult {}

  /** No reply in time; the message is still handled and its reply discarded. */
  record Timeout() implements AskResult {}

  /** The target was dead, or died before replying. */
  record ActorDied() implements AskResult {}
}
