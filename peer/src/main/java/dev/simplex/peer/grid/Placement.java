package dev.simplex.peer.grid;

import java.io.Serializable;

/**
 * Where an actor lives: the peer hosting its activation, the placement epoch, and its status. A
 * placement change always raises the epoch, so two peers can never both own an actor after a
 * decision.
 */
public record Placement(String actorId, String peerId, long epoch, Status status)
    implements Serializable, Versioned {
  public enum Status {
    ACTIVE,
    MIGRATING,
    RECOVERING,
    STOPPED
  }

  public Placement {
    if (epoch < 0) {
      throw new IllegalArgumentException("placement epoch must be >= 0, got " + epoch);
    }
  }

  @Override
  public long version() {
    return epoch;
  }

  /** The same actor moved to {@code peer} under the next epoch. */
  public Placement movedTo(String peer, Status newStatus) {
    return new Placement(actorId, peer, epoch + 1, newStatus);
  }
}
