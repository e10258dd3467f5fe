package dev.simplex.gossip;

import static dev.simplex.gossip.LoopbackSwarm.LOOPBACK;
import static dev.simplex.gossip.LoopbackSwarm.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecureSwarmTest {

  private static final String SECRET = "correct horse battery staple";
  private final LoopbackSwarm swarm = new LoopbackSwarm();

  @AfterEach
  void closeAll() throws Exception {
    swarm.close();
  }

  /** Two joined nodes sharing SECRET, and a config for a third on the same TCPPING list. */
  private record Setup(SwarmNode a, SwarmNode b, SwarmConfig outsiderBase) {}

  private Setup securedPairAndOutsiderConfig() {
    String name = LoopbackSwarm.uniqueName("secure");
    List<Integer> ports = LoopbackSwarm.freePorts(3);
    var hosts = new Discovery.TcpHosts(ports.stream().map(p -> new HostPort(LOOPBACK, p)).toList());
    SwarmNode a =
        swarm.join(
            SwarmConfig.forSwarm(name)
                .withBind(LOOPBACK, ports.get(0))
                .withDiscovery(hosts)
                .withSecret(SECRET));
    SwarmNode b =
        swarm.join(
            SwarmConfig.forSwarm(name)
                .withBind(LOOPBACK, ports.get(1))
                .withDiscovery(hosts)
                .withSecret(SECRET));
    eventually().until(() -> a.view().size() == 2 && b.view().size() == 2);
    return new Setup(
        a, b, SwarmConfig.forSwarm(name).withBind(LOOPBACK, ports.get(2)).withDiscovery(hosts));
  }

  @Test
  void nodesWithTheSameSecretJoinAndExchangeMessages() {
    Setup s = securedPairAndOutsiderConfig();
    List<Delivery> got = new CopyOnWriteArrayList<>();
    s.b().onEnvelope(EnvelopeKind.ROUTING, got::add);
    s.a().send(s.b().id(), EnvelopeKind.ROUTING, 1, new byte[] {1, 2, 3});
    eventually().until(() -> got.size() == 1);
  }

  @Test
  void aNodeWithTheWrongSecretCannotJoinOrInjectMessages() {
    Setup s = securedPairAndOutsiderConfig();
    assertOutsiderStaysOut(s, s.outsiderBase().withSecret("not the swarm secret"));
  }

  @Test
  void aNodeWithoutAnySecretCannotJoinOrInjectMessages() {
    Setup s = securedPairAndOutsiderConfig();
    assertOutsiderStaysOut(s, s.outsiderBase());
  }

  private void assertOutsiderStaysOut(Setup s, SwarmConfig outsiderConfig) {
    List<Delivery> got = new CopyOnWriteArrayList<>();
    s.a().onEnvelope(EnvelopeKind.ROUTING, got::add);
    SwarmNode outsider = swarm.join(outsiderConfig);
    // let a full MERGE3 check round pass: the split must not be "healed" by a merge either
    Awaitility.await()
        .during(Duration.ofMillis(FailureDetectors.MERGE_CHECK_INTERVAL_MS + 2_000))
        .atMost(Duration.ofSeconds(30))
        .until(() -> s.a().view().size() == 2 && outsider.view().size() == 1);
    outsider.broadcast(EnvelopeKind.ROUTING, 1, new byte[] {66});
    // a member's message sent after the outsider's proves the outsider's had its chance to arrive
    s.b().send(s.a().id(), EnvelopeKind.ROUTING, 1, new byte[] {1});
    eventually().until(() -> got.size() == 1);
    Awaitility.await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> got.size() == 1);
    assertEquals(s.b().id(), got.get(0).from());
    assertTrue(s.b().view().ids().equals(s.a().view().ids()));
  }
}
