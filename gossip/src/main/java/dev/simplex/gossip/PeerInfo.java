package dev.simplex.gossip;

import java.util.Map;

/**
 * What one swarm member advertises about itself: enough for the peer module to build a Hazelcast
 * member list and reach the member's admin endpoint. Ports are 0 when the member has none.
 *
 * @param jgroupsAddress the member's JGroups logical address for this incarnation (diagnostics)
 * @param host the host name or address other peers should use to reach its services
 */
public record PeerInfo(
    PeerId id,
    String jgroupsAddress,
    String host,
    int hazelcastPort,
    int adminPort,
    Map<String, String> attributes) {

  public PeerInfo {
    if (id == null) {
      throw new IllegalArgumentException("peer id is required");
    }
    jgroupsAddress = jgroupsAddress == null ? "" : jgroupsAddress;
    host = host == null ? "" : host;
    checkPort("hazelcast", hazelcastPort);
    checkPort("admin", adminPort);
    attributes = Map.copyOf(attributes);
  }

  private static void checkPort(String what, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " port " + port + " is outside 0..65535");
    }
  }

  /** {@code host:hazelcastPort}, the form Hazelcast's TCP-IP member list takes. */
  public String hazelcastMember() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + hazelcastPort;
  }
}
