package dev.simplex.peer.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one peer knows of its swarm at one moment: the view and every member's row. */
public record SwarmStatus(String swarm, String self, long viewId, List<PeerRow> peers) {
  public SwarmStatus {
    peers = List.copyOf(peers);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("swarm", swarm);
    m.put("self", self);
    m.put("view", viewId);
    m.put("peers", peers.stream().map(PeerRow::toJson).toList());
    return m;
  }

  static SwarmStatus fromJson(Object json) {
    if (!(json instanceof Map<?, ?> m) || !(m.get("peers") instanceof List<?> peers)) {
      throw new IllegalArgumentException("the reply is not a swarm status: " + json);
    }
    long view = m.get("view") instanceof Number n ? n.longValue() : 0;
    return new SwarmStatus(
        String.valueOf(m.get("swarm")),
        String.valueOf(m.get("self")),
        view,
        peers.stream().map(PeerRow::fromJson).toList());
  }
}
