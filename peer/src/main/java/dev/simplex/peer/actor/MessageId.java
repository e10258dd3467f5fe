package dev.simplex.peer.actor;

/**
 * Names one message: the sender's id and its sequence number. Sequences grow by one per message a
 * sender sends, so they also grow along every sender-to-receiver pair: enough for a receiver to
 * keep a per-sender watermark and suppress duplicates. Actors have positive sender ids (their actor
 * id); tasks outside actors have negative ones.
 */
public record MessageId(long sender, long sequence) {
  @Override
  public String toString() {
    return sender + ":" + sequence;
  }
}
