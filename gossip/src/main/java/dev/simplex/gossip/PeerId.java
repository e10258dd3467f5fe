package dev.simplex.gossip;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A peer's stable name in the swarm. Unlike a JGroups address, which is new on every connect, a
 * peer id is chosen once (or persisted by the peer) and survives restarts and reconnects.
 */
public record PeerId(String value) implements Comparable<PeerId> {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public PeerId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "peer id '"
              + value
              + "' is invalid: use 1-64 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit");
    }
  }

  /** A fresh random id, for peers that have not persisted one. */
  public static PeerId random() {
    return new PeerId("peer-" + UUID.randomUUID().toString().substring(0, 13));
  }

  @Override
  public int compareTo(PeerId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
