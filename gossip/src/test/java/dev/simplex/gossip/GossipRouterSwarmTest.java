package dev.simplex.gossip;

import static dev.simplex.gossip.LoopbackSwarm.LOOPBACK;
import static dev.simplex.gossip.LoopbackSwarm.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GossipRouterSwarmTest {

  private final LoopbackSwarm swarm = new LoopbackSwarm();

  @AfterEach
  void closeAll() throws Exception {
    swarm.close();
  }

  private SwarmConfig viaRouter(String name, HostPort router) {
    return SwarmConfig.forSwarm(name)
        .withBind(LOOPBACK, 0)
        .withDiscovery(Discovery.parse("gossip:" + router));
  }

  @Test
  void nodesThatOnlyKnowTheRouterFormOneViewAndTalk() {
    int port = LoopbackSwarm.freePorts(1).get(0);
    GossipRouterService router = swarm.track(GossipRouterService.start(LOOPBACK, port));
    assertTrue(router.isRunning());
    String name = LoopbackSwarm.uniqueName("gossip");
    SwarmNode a = swarm.join(viaRouter(name, router.address()));
    SwarmNode b = swarm.join(viaRouter(name, router.address()));
    SwarmNode c = swarm.join(viaRouter(name, router.address()));

    for (SwarmNode n : List.of(a, b, c)) {
      eventually().until(() -> n.view().size() == 3);
    }
    assertEquals(3, router.registeredPeers());
    List<Delivery> got = new CopyOnWriteArrayList<>();
    c.onEnvelope(EnvelopeKind.INFERENCE, got::add);
    a.send(c.id(), EnvelopeKind.INFERENCE, 2, new byte[] {7});
    eventually().until(() -> got.size() == 1);
    assertEquals(a.id(), got.get(0).from());
  }

  @Test
  void aStoppedRouterStopsRunningAndItsPortCanBeReused() {
    int port = LoopbackSwarm.freePorts(1).get(0);
    GossipRouterService router = GossipRouterService.start(LOOPBACK, port);
    router.close();
    assertFalse(router.isRunning());
    try (GossipRouterService again = GossipRouterService.start(LOOPBACK, port)) {
      assertTrue(again.isRunning());
    }
  }

  @Test
  void aRouterOnATakenPortFailsWithAClearMessage() {
    int port = LoopbackSwarm.freePorts(1).get(0);
    swarm.track(GossipRouterService.start(LOOPBACK, port));
    SwarmException e =
        assertThrows(SwarmException.class, () -> GossipRouterService.start(LOOPBACK, port));
    assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void aRouterRejectsPortsOutsideTheValidRange() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> GossipRouterService.start(LOOPBACK, 70000));
    assertTrue(e.getMessage().contains("70000"));
    assertThrows(IllegalArgumentException.class, () -> GossipRouterService.start(LOOPBACK, 0));
  }

  @Test
  void aRouterRejectsAnUnresolvableBindAddress() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GossipRouterService.start("no-such-host.invalid", 12001));
    assertTrue(e.getMessage().contains("no-such-host.invalid"));
  }
}
