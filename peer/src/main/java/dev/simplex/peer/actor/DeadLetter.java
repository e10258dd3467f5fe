package dev.simplex.peer.actor;

/**
 * A message that no actor handled: sent to a stopped or dead actor or an unknown name, or left in a
 * mailbox when its actor ended. {@code sender} and {@code target} are display forms ({@code
 * <Store#3>}, {@code main}, {@code name "store"}).
 */
public record DeadLetter(MessageId id, String sender, String target, String messageType) {
  @Override
  public String toString() {
    return "dead letter: " + messageType + " to " + target + " from " + sender;
  }
}
