package dev.simplex.peer.route;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.simplex.peer.swarm.PeerLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Automatic rebalancing between live peers (issue 7 item 2): actors pile up on one peer, the other
 * peer has none; with rebalancing on, the crowded peer moves actors over by live migration while
 * mail keeps flowing, stops at the mean, and nothing moves back afterwards. An actor placed by a
 * {@code Locality} hint stays where its hint put it.
 */
class RebalanceTest {
  static final Rebalancer.Policy FAST =
      new Rebalancer.Policy(
          Duration.ofMillis(300), 0.25, 2, 4, Duration.ofSeconds(60), Duration.ZERO);

  List<SwarmPeers> peers;
  volatile boolean publishing = true;
  Thread publisher;

  @AfterEach
  void stop() throws InterruptedException {
    publishing = false;
    if (publisher != null) publisher.join();
    if (peers != null) peers.reversed().forEach(SwarmPeers::close);
  }

  /** Each peer's hosted count, published as its load a few times a second (the daemon's job). */
  private void publishLoads() {
    publisher =
        Thread.ofPlatform()
            .daemon()
            .name("test-load-publisher")
            .start(
                () -> {
                  long seq = 0;
                  while (publishing) {
                    seq++;
                    for (SwarmPeers p : peers) {
                      try {
                        publish(p, seq, p.actors().hostedCount());
                      } catch (RuntimeException e) {
                        // the daemon goes on after a grid hiccup too
                        if (publishing) System.err.println("publishing a load failed: " + e);
                      }
                    }
                    MigrationTest.sleep(100);
                  }
                });
  }

  private void publish(SwarmPeers p, long seq, long actors) {
    peers
        .getFirst()
        .grid()
        .<PeerLoad>load()
        .set(p.id(), new PeerLoad(p.id(), "", seq, actors, 0, 0, 0.1, 0, 1L << 30));
  }

  /**
   * Two peers, all counters and one pinned to the first on {@code a}; returns [counters.., pinned].
   */
  private List<SwarmRef> crowdA() {
    peers =
        SwarmPeers.start(
            List.of("a", "b"),
            (peer, registry) ->
                registry.register("counter", args -> new MigrationTest.Counter(peer, args)));
    SwarmPeers a = peers.get(0);
    SwarmPeers b = peers.get(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> peers.stream().allMatch(p -> p.node().view().size() == 2));
    // b looks full while the counters are spawned, so all of them land on a
    for (SwarmPeers p : peers) publish(p, 0, p == a ? 0 : 1000);
    List<SwarmRef> refs = new ArrayList<>();
    for (int i = 0; i < 20; i++) refs.add(a.actors().spawn("counter", null));
    refs.add(
        a.actors()
            .spawn(
                "counter",
                null,
                new SpawnOptions(
                    null, new PlacementHint.Locality(refs.getFirst()), Resources.NONE, 1)));
    assertEquals(21, a.actors().hostedCount());
    assertEquals(0, b.actors().hostedCount());
    return refs;
  }

  @Test
  void aCrowdedPeerShedsActorsToTheMeanWhileMailFlowsAndNothingMovesBack() throws Exception {
    List<SwarmRef> counters = crowdA();
    SwarmRef pinned = counters.removeLast();
    SwarmPeers a = peers.get(0);
    SwarmPeers b = peers.get(1);

    publishLoads();
    int rounds = 100;
    Thread sender =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (int i = 1; i <= rounds; i++) {
                    for (SwarmRef c : counters) b.actors().send(c, i);
                    b.actors().send(pinned, i);
                    MigrationTest.sleep(20);
                  }
                });
    for (SwarmPeers p : peers) p.actors().rebalance(FAST);

    // 21 actors over two peers: a sheds down to the mean rounded up (11), b ends with 10
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> a.actors().hostedCount() == 11 && b.actors().hostedCount() == 10);
    sender.join();
    // several more rounds: the swarm is inside the band, nobody moves anything
    Thread.sleep(5 * FAST.interval().toMillis());
    assertEquals(10, a.actors().rebalanceMoves(), "moves made by the crowded peer");
    assertEquals(0, b.actors().rebalanceMoves(), "moves made by the peer that received actors");
    assertEquals(11, a.actors().hostedCount());
    assertEquals("a", b.actors().ask(pinned, new MigrationTest.Where()), "Locality pins it");

    List<Integer> expected = IntStream.rangeClosed(1, rounds).boxed().toList();
    for (SwarmRef c : counters) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> ((List<?>) b.actors().ask(c, new MigrationTest.Numbers())).size() >= rounds);
      assertEquals(expected, b.actors().ask(c, new MigrationTest.Numbers()), "mail of " + c);
    }
    assertEquals(expected, a.actors().ask(pinned, new MigrationTest.Numbers()));
  }

  @Test
  void aCrowdedPeerStopsAtTheMeanEvenWhenTheReceiversPublishedLoadIsStale() {
    List<SwarmRef> counters = crowdA();
    SwarmPeers a = peers.get(0);
    SwarmPeers b = peers.get(1);
    // one sample each, never renewed: a publisher held up, a grid slow to answer
    publish(a, 1, 21);
    publish(b, 1, 0);
    for (SwarmPeers p : peers) p.actors().rebalance(FAST);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> a.actors().hostedCount() == 11 && b.actors().hostedCount() == 10);
    MigrationTest.sleep(5 * FAST.interval().toMillis());
    assertEquals(10, a.actors().rebalanceMoves(), "a counted its own moves on top of b's 0");
    assertEquals(0, b.actors().rebalanceMoves());
    assertEquals(11, a.actors().hostedCount());
    assertEquals("a", b.actors().ask(counters.getLast(), new MigrationTest.Where()));
  }
}
