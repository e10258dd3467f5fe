package dev.simplex.peer.route;

import dev.simplex.gossip.Discovery;
import dev.simplex.gossip.HostPort;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.SwarmConfig;
import dev.simplex.gossip.SwarmNode;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.grid.GridConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
    List<Integer> ports = freePorts(ids.size() * 2);
    List<HostPort> transports = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) transports.add(new HostPort("127.0.0.1", ports.get(i)));
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
      List<HostPort> all,
      BehaviorRegistry registry) {
    SwarmNode node =
        SwarmNode.join(
            SwarmConfig.forSwarm(swarm)
                .withPeerId(new PeerId(id))
                .withBind("127.0.0.1", transport)
                .withDiscovery(new Discovery.TcpHosts(all))
                .withAdvertised("127.0.0.1", gridPort, 0));
    Grid grid =
        Grid.start(
            new GridConfig(swarm, "127.0.0.1", gridPort, 1, 0),
            () ->
                node.view().members().stream()
                    .map(p -> new InetSocketAddress(p.host(), p.hazelcastPort()))
                    .toList());
    ActorSystem system = new ActorSystem(ActorSystem.Options.defaults().withParallelism(2));
    SwarmActors actors =
        SwarmActors.start(node, grid, system, registry, JavaSerialCodec.allowing());
    return new SwarmPeers(node, grid, system, actors);
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
