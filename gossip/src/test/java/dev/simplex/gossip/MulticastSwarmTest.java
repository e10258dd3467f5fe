package dev.simplex.gossip;

import static dev.simplex.gossip.LoopbackSwarm.LOOPBACK;
import static dev.simplex.gossip.LoopbackSwarm.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UDP multicast discovery with every socket bound to 127.0.0.1. */
class MulticastSwarmTest {

  private final LoopbackSwarm swarm = new LoopbackSwarm();

  @AfterEach
  void closeAll() throws Exception {
    swarm.close();
  }

  @Test
  void nodesFindEachOtherByMulticastOnLoopbackAndTalk() {
    String name = LoopbackSwarm.uniqueName("mcast");
    SwarmNode a = swarm.join(SwarmConfig.forSwarm(name).withBind(LOOPBACK, 0));
    SwarmNode b = swarm.join(SwarmConfig.forSwarm(name).withBind(LOOPBACK, 0));
    eventually().until(() -> a.view().size() == 2 && b.view().size() == 2);

    List<Delivery> got = new CopyOnWriteArrayList<>();
    b.onEnvelope(EnvelopeKind.PLACEMENT, got::add);
    a.broadcast(EnvelopeKind.PLACEMENT, 1, new byte[] {9});
    eventually().until(() -> got.size() == 1);
    assertEquals(a.id(), got.get(0).from());
  }

  @Test
  void twoSwarmsOnOneHostDoNotMix() {
    String red = LoopbackSwarm.uniqueName("red");
    String blue = LoopbackSwarm.uniqueName("blue");
    SwarmNode r1 = swarm.join(SwarmConfig.forSwarm(red).withBind(LOOPBACK, 0));
    SwarmNode b1 = swarm.join(SwarmConfig.forSwarm(blue).withBind(LOOPBACK, 0));
    SwarmNode r2 = swarm.join(SwarmConfig.forSwarm(red).withBind(LOOPBACK, 0));
    SwarmNode b2 = swarm.join(SwarmConfig.forSwarm(blue).withBind(LOOPBACK, 0));
    eventually().until(() -> r1.view().size() == 2 && b1.view().size() == 2);
    assertEquals(List.of(r1.id(), r2.id()), r1.view().ids());
    assertEquals(List.of(b1.id(), b2.id()), b1.view().ids());
  }
}
