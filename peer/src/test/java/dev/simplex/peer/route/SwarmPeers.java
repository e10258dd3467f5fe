package dev.simplex.peer.route;

import dev.simplex.gossip.SwarmNode;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.testing.LoopbackSwarm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/** One peer of the routing tests on loopback: swarm node, grid member, actor system, router. */
record SwarmPeers(SwarmNode node, Grid grid, ActorSystem system, SwarmActors actors)
    implements AutoCloseable {

  /** Starts {@code ids.size()} peers that list each other's transport ports. */
  static List<SwarmPeers> start(List<String> ids, BiConsumer<String, BehaviorRegistry> types) {
    String swarm =
        "route-"
            + ProcessHandle.current().pid()
            + "-"
            + ThreadLocalRandom.current().nextInt(1 << 20);
    List<Integer> ports = LoopbackSwarm.freePorts(ids.size() * 2);
    List<Integer> transports = ports.subList(0, ids.size());
    List<SwarmPeers> peers = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      BehaviorRegistry registry = new BehaviorRegistry();
      types.accept(ids.get(i), registry);
      peers.add(
          start(swarm, ids.get(i), ports.get(i), ports.get(ids.size() + i), transports, registry));
    }
    return peers;
  }

  private static SwarmPeers start(
      String swarm,
      String id,
      int transport,
      int gridPort,
      List<Integer> all,
      BehaviorRegistry registry) {
    SwarmNode node = LoopbackSwarm.join(swarm, id, transport, gridPort, all);
    Grid grid = LoopbackSwarm.grid(swarm, gridPort, node);
    ActorSystem system = new ActorSystem(ActorSystem.Options.defaults().withParallelism(2));
    SwarmActors actors =
        SwarmActors.start(node, grid, system, registry, JavaSerialCodec.allowing());
    return new SwarmPeers(node, grid, system, actors);
  }

  String id() {
    return node.id().value();
  }

  @Override
  public void close() {
    actors.close();
    system.shutdown();
    try {
      grid.close();
    } finally {
      node.close();
    }
  }
}
