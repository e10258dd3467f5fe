package dev.simplex.gossip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.jgroups.protocols.BasicTCP;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.TCPGOSSIP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TCP_NIO2;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.UDP;
import org.jgroups.stack.Protocol;

/** The bottom of the stack, transport then discovery, for each way of finding peers. */
final class Transports {

  /** Multicast hops: enough for a LAN with a router or two, not enough to leak beyond it. */
  static final int MULTICAST_TTL = 8;

  /** How often a lost GossipRouter connection is retried. */
  static final long GOSSIP_RECONNECT_MS = 2_000;

  private Transports() {}

  static List<Protocol> bottom(Discovery discovery, String swarmName, InetAddress bind, int port) {
    return switch (discovery) {
      case Discovery.Multicast m -> {
        MulticastGroup group = MulticastGroup.forSwarm(swarmName);
        UDP udp = configure(new UDP(), bind, port);
        udp.setMulticastAddress(group.address());
        udp.setMulticastPort(group.port());
        udp.setMulticastTTL(MULTICAST_TTL);
        yield List.of(udp, new PING());
      }
      // TCP_NIO2 rather than TCP: its writes never block. With blocking TCP, a peer cut off the
      // network (its socket stalled, nothing acknowledged) held the coordinator's view
      // installation in a socket write for minutes (TcpConnection.close waits for the stuck
      // sender's stream lock), so the other peers suspected the coordinator too and the rest of
      // the swarm fell apart as well (NetnsPartitionTest).
      case Discovery.TcpHosts tcp -> {
        TCPPING ping = new TCPPING();
        ping.setInitialHosts(resolve(tcp.hosts()));
        ping.setPortRange(0);
        yield List.of(configure(new TCP_NIO2(), bind, port), ping);
      }
      case Discovery.GossipRouters gossip -> {
        TCPGOSSIP directory = new TCPGOSSIP();
        directory.setInitialHosts(resolve(gossip.routers()));
        directory.reconnectInterval(GOSSIP_RECONNECT_MS);
        yield List.of(configure(new TCP_NIO2(), bind, port), directory);
      }
    };
  }

  private static <T extends TP> T configure(T transport, InetAddress bind, int port) {
    transport.setBindAddress(bind);
    transport.setBindPort(port);
    // the port asked for or a clear failure; a silent shift would break others' TCPPING lists
    transport.setPortRange(0);
    // Actor asks are small request/reply messages: Nagle plus delayed ACKs held them ~40 ms at p99
    // (bench/run-swarm.sh: p99 43.9 ms with the JGroups default, 4.1 ms without).
    if (transport instanceof BasicTCP tcp) {
      tcp.tcpNodelay(true);
    }
    return transport;
  }

  private static List<InetSocketAddress> resolve(List<HostPort> hosts) {
    return hosts.stream()
        .map(
            h -> {
              var resolved = new InetSocketAddress(h.host(), h.port());
              if (resolved.isUnresolved()) {
                throw new IllegalArgumentException(
                    "cannot resolve host '" + h.host() + "' given in --discovery");
              }
              return resolved;
            })
        .toList();
  }
}
