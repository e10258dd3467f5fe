package dev.simplex.peer.ai;

import dev.simplex.gossip.Discovery;
import dev.simplex.gossip.HostPort;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.SwarmConfig;
import dev.simplex.gossip.SwarmNode;
import dev.simplex.inference.InferenceConfig;
import dev.simplex.inference.InferencePool;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.grid.GridConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A peer of the AI tests: swarm node, grid member, pool and the swarm link, on loopback. */
record TwoPeers(SwarmNode node, Grid grid, InferencePool pool, SwarmInference link)
    implements AutoCloseable {
  static final Path CACHE = Path.of("target", "test-models").toAbsolutePath();

  /** Starts one peer whose TCP discovery lists {@code transports}; config text for its pool. */
  static TwoPeers start(
      String swarm, String id, int transport, int gridPort, List<Integer> transports, String ai) {
    List<HostPort> hosts = transports.stream().map(p -> new HostPort("127.0.0.1", p)).toList();
    SwarmNode node =
        SwarmNode.join(
            SwarmConfig.forSwarm(swarm)
                .withPeerId(new PeerId(id))
                .withBind("127.0.0.1", transport)
                .withDiscovery(new Discovery.TcpHosts(hosts))
                .withAdvertised("127.0.0.1", gridPort, 0));
    Grid grid =
        Grid.start(
            new GridConfig(swarm, "127.0.0.1", gridPort, 1, 0),
            () ->
                node.view().members().stream()
                    .map(p -> new InetSocketAddress(p.host(), p.hazelcastPort()))
                    .toList());
    InferencePool pool =
        InferencePool.open(InferenceConfig.parse(ai, id + ".conf").withCacheDir(CACHE));
    return new TwoPeers(node, grid, pool, SwarmInference.start(node, grid, pool));
  }

  static List<Integer> freePorts(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) held.add(new ServerSocket(0));
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

  /** Leaves as a peer does: the swarm link first, then the grid member, then the view. */
  @Override
  public void close() {
    link.close();
    pool.close();
    try {
      grid.close();
    } finally {
      node.close();
    }
  }
}
