package dev.simplex.peer.ai;

import dev.simplex.gossip.SwarmNode;
import dev.simplex.inference.InferenceConfig;
import dev.simplex.inference.InferencePool;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.testing.LoopbackSwarm;
import java.nio.file.Path;
import java.util.List;

/** A peer of the AI tests: swarm node, grid member, pool and the swarm link, on loopback. */
record TwoPeers(SwarmNode node, Grid grid, InferencePool pool, SwarmInference link)
    implements AutoCloseable {
  static final Path CACHE = Path.of("target", "test-models").toAbsolutePath();

  /** Starts one peer whose TCP discovery lists {@code transports}; config text for its pool. */
  static TwoPeers start(
      String swarm, String id, int transport, int gridPort, List<Integer> transports, String ai) {
    SwarmNode node = LoopbackSwarm.join(swarm, id, transport, gridPort, transports);
    Grid grid = LoopbackSwarm.grid(swarm, gridPort, node);
    InferencePool pool =
        InferencePool.open(InferenceConfig.parse(ai, id + ".conf").withCacheDir(CACHE));
    return new TwoPeers(node, grid, pool, SwarmInference.start(node, grid, pool));
  }

  static List<Integer> freePorts(int n) {
    return LoopbackSwarm.freePorts(n);
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
