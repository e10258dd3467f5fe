package dev.simplex.peer.testing;

import dev.simplex.gossip.Discovery;
import dev.simplex.gossip.HostPort;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.SwarmConfig;
import dev.simplex.gossip.SwarmNode;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.grid.GridConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Test peers on loopback: a swarm node found through a TCP list of 127.0.0.1 ports and a grid
 * member following its view, as a peer wires them, for tests that need the two without the whole
 * peer process.
 */
public final class LoopbackSwarm {
  private LoopbackSwarm() {}

  /** Joins {@code swarm} on 127.0.0.1:{@code port}, discovering the peers at {@code ports}. */
  public static SwarmNode join(
      String swarm, String id, int port, int gridPort, List<Integer> ports) {
    List<HostPort> hosts = ports.stream().map(p -> new HostPort("127.0.0.1", p)).toList();
    return SwarmNode.join(
        SwarmConfig.forSwarm(swarm)
            .withPeerId(new PeerId(id))
            .withBind("127.0.0.1", port)
            .withDiscovery(new Discovery.TcpHosts(hosts))
            .withAdvertised("127.0.0.1", gridPort, 0));
  }

  /** A grid member on 127.0.0.1:{@code gridPort} whose members are {@code node}'s view. */
  public static Grid grid(String swarm, int gridPort, SwarmNode node) {
    return grid(swarm, gridPort, node, 1);
  }

  /** As above with {@code backups} synchronous backups per grid entry (0: a crash loses some). */
  public static Grid grid(String swarm, int gridPort, SwarmNode node, int backups) {
    return Grid.start(
        new GridConfig(swarm, "127.0.0.1", gridPort, backups, 0),
        () ->
            node.view().members().stream()
                .map(p -> new InetSocketAddress(p.host(), p.hazelcastPort()))
                .toList());
  }

  /**
   * {@code n} distinct ports that were free a moment ago, all below the kernel's ephemeral range
   * (32768 and up on Linux): a port picked by binding port 0 comes from that range, and an outgoing
   * connection (a peer dialling another, the grid, an HTTP client) could take it before the test
   * binds it (seen as "cannot bind" failures once the transport became TCP_NIO2).
   */
  public static List<Integer> freePorts(int n) {
    List<ServerSocket> held = new ArrayList<>();
    java.util.Random random = new java.util.Random();
    try {
      for (int tries = 0; held.size() < n; tries++) {
        if (tries > 10_000) throw new IOException("no " + n + " free ports in 20000-32767");
        int port = 20_000 + random.nextInt(12_768);
        if (held.stream().anyMatch(s -> s.getLocalPort() == port)) continue;
        try {
          held.add(new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1")));
        } catch (IOException taken) {
          // in use: try another
        }
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // only a probe
        }
      }
    }
  }
}
