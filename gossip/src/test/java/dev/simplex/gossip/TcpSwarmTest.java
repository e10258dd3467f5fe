package dev.simplex.gossip;

import static dev.simplex.gossip.LoopbackSwarm.LOOPBACK;
import static dev.simplex.gossip.LoopbackSwarm.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpSwarmTest {

  private final LoopbackSwarm swarm = new LoopbackSwarm();

  @AfterEach
  void closeNodes() throws Exception {
    swarm.close();
  }

  private List<SwarmNode> startTcp(String name, int n) {
    List<Integer> ports = LoopbackSwarm.freePorts(n);
    var hosts = ports.stream().map(p -> new HostPort(LOOPBACK, p)).toList();
    return ports.stream()
        .map(
            port ->
                swarm.join(
                    SwarmConfig.forSwarm(name)
                        .withPeerId(new PeerId("tcp-" + port))
                        .withBind(LOOPBACK, port)
                        .withDiscovery(new Discovery.TcpHosts(hosts))))
        .toList();
  }

  @Test
  void threeNodesWithTcpPingFormOneView() {
    List<SwarmNode> nodes = startTcp(LoopbackSwarm.uniqueName("tcp"), 3);
    Set<PeerId> everyone = nodes.stream().map(SwarmNode::id).collect(Collectors.toSet());
    for (SwarmNode node : nodes) {
      eventually().until(() -> Set.copyOf(node.view().ids()).equals(everyone));
    }
    long viewId = nodes.get(0).view().id();
    eventually().until(() -> nodes.stream().allMatch(n -> n.view().id() == viewId));
    assertEquals(nodes.get(0).view().ids(), nodes.get(2).view().ids());
  }
}
