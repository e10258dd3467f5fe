package dev.simplex.peer.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One peer of the swarm as the admin endpoint reports it: membership from the swarm view, load from
 * the peer's entry in the grid.
 *
 * @param health {@code up} (its load entry keeps changing), {@code joining} (in the view, no load
 *     yet), {@code stale} (its load stopped changing) or {@code suspected} (failure detection)
 * @param cpu the peer process's CPU load, 0..1, or -1 where the JVM cannot tell
 */
public record PeerRow(
    String id,
    String address,
    String health,
    boolean self,
    long actors,
    double messagesPerSecond,
    double checkpointsPerMinute,
    double cpu,
    long heapUsed,
    long heapMax) {

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("address", address);
    m.put("health", health);
    m.put("self", self);
    m.put("actors", actors);
    m.put("messagesPerSecond", messagesPerSecond);
    m.put("checkpointsPerMinute", checkpointsPerMinute);
    m.put("cpu", cpu);
    m.put("heapUsed", heapUsed);
    m.put("heapMax", heapMax);
    return m;
  }

  /** Reads a row back from the endpoint's JSON; missing numbers read as 0. */
  static PeerRow fromJson(Object json) {
    if (!(json instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("a peer entry is not a JSON object: " + json);
    }
    return new PeerRow(
        String.valueOf(m.get("id")),
        String.valueOf(m.get("address")),
        String.valueOf(m.get("health")),
        Boolean.TRUE.equals(m.get("self")),
        number(m.get("actors")).longValue(),
        number(m.get("messagesPerSecond")).doubleValue(),
        number(m.get("checkpointsPerMinute")).doubleValue(),
        number(m.get("cpu")).doubleValue(),
        number(m.get("heapUsed")).longValue(),
        number(m.get("heapMax")).longValue());
  }

  private static Number number(Object o) {
    return o instanceof Number n ? n : 0L;
  }
}
