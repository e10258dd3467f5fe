package dev.simplex.peer.route;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code simplex swarm drain} at the router: every actor that can move leaves the drained peer by
 * live migration while mail keeps flowing (none lost, none duplicated, order kept); one that cannot
 * is reported with the reason and keeps serving where it is.
 */
class DrainTest {
  static List<SwarmPeers> peers;

  @BeforeAll
  static void startPeers() {
    peers =
        SwarmPeers.start(
            List.of("d1", "d2", "d3"),
            (peer, registry) -> {
              registry.register("counter", args -> new MigrationTest.Counter(peer, args));
              registry.register("pinned", args -> MigrationTest.pinned());
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> peers.stream().allMatch(p -> p.node().view().size() == 3));
  }

  @AfterAll
  static void stopPeers() {
    if (peers != null) peers.reversed().forEach(SwarmPeers::close);
  }

  @Test
  void drainMovesEveryMovableActorOffThePeerWhileMailFlowsAndReportsThoseThatCannotMove()
      throws Exception {
    SwarmPeers d1 = peers.get(0);
    SwarmPeers d2 = peers.get(1);
    SwarmPeers d3 = peers.get(2);
    List<SwarmRef> counters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SwarmRef c = d1.actors().spawn("counter", null);
      if (!d1.actors().ask(c, new MigrationTest.Where()).equals("d2")) d1.actors().migrate(c, "d2");
      counters.add(c);
    }
    SwarmRef pinned =
        d1.actors()
            .spawn(
                "pinned",
                null,
                SpawnOptions.DEFAULT.withPlacement(
                    new PlacementHint.Locality(counters.getFirst())));
    assertTrue(d2.actors().local(pinned).isPresent(), "Locality put the pinned actor on d2");
    assertEquals(6, d2.actors().hostedCount());

    int total = 300;
    Thread sender =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (int i = 1; i <= total; i++) {
                    for (SwarmRef c : counters) d3.actors().send(c, i);
                    if (i % 20 == 0) {
                      try {
                        Thread.sleep(2);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  }
                });
    SwarmActors.Drain drain = d2.actors().drain();
    sender.join();

    assertEquals(counters.size(), drain.moved().size(), "moved: " + drain.moved());
    for (Migration m : drain.moved()) {
      assertEquals("d2", m.from());
      assertNotEquals("d2", m.to());
    }
    assertEquals(List.of(pinned.id().value()), List.copyOf(drain.failed().keySet()));
    assertTrue(
        drain.failed().get(pinned.id().value()).contains("does not implement Migratable"),
        drain.failed().toString());
    assertEquals(1, d2.actors().hostedCount(), "only the pinned actor stays on d2");

    List<Integer> expected = IntStream.rangeClosed(1, total).boxed().toList();
    for (SwarmRef c : counters) {
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> ((List<?>) d1.actors().ask(c, new MigrationTest.Numbers())).size() >= total);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        List<?> got = (List<?>) d1.actors().ask(c, new MigrationTest.Numbers());
        List<Integer> missing = new ArrayList<>(expected);
        missing.removeAll(got);
        throw new AssertionError(
            c
                + " got "
                + got.size()
                + " of "
                + total
                + "; missing "
                + missing
                + "; moves "
                + drain.moved(),
            e);
      }
      assertEquals(expected, d1.actors().ask(c, new MigrationTest.Numbers()));
      assertNotEquals("d2", d3.actors().ask(c, new MigrationTest.Where()));
    }
    // a drained peer places nothing new on itself
    SwarmRef late = d2.actors().spawn("counter", null);
    assertNotEquals("d2", d2.actors().ask(late, new MigrationTest.Where()));
    d3.actors().send(pinned, "x");
    assertEquals(1, d3.actors().ask(pinned, new MigrationTest.Numbers()));
  }

  @Test
  void aPeerAloneHasNowhereToDrainTo() {
    List<SwarmPeers> alone =
        SwarmPeers.start(
            List.of("solo"),
            (peer, registry) ->
                registry.register("counter", args -> new MigrationTest.Counter(peer, args)));
    try {
      var e = assertThrows(IllegalStateException.class, () -> alone.getFirst().actors().drain());
      assertEquals("peer solo is alone: there is no peer to drain to", e.getMessage());
    } finally {
      alone.forEach(SwarmPeers::close);
    }
  }
}
