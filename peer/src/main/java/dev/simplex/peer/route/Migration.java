package dev.simplex.peer.route;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished move: the actor, the peers it left and reached, its new placement epoch, the size of
 * its snapshot before and after Zstd, and how long the move took as its initiator saw it. An actor
 * already on the target reports {@code from == to} and nothing shipped.
 */
public record Migration(
    ActorId actor,
    String from,
    String to,
    long epoch,
    int stateBytes,
    int shippedBytes,
    Duration took) {

  /** For the admin endpoint's JSON reply. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actor", actor.value());
    m.put("from", from);
    m.put("to", to);
    m.put("epoch", epoch);
    m.put("stateBytes", stateBytes);
    m.put("shippedBytes", shippedBytes);
    m.put("millis", took.toNanos() / 1_000_000.0);
    return m;
  }
}
