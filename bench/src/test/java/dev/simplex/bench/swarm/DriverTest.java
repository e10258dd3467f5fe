package dev.simplex.bench.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.actor.ActorDiedException;
import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSpec;
import dev.simplex.peer.actor.ActorSystem;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The workloads between two actors of one system: every tick counted, every ping answered. */
class DriverTest {
  private final ActorSystem system =
      new ActorSystem(ActorSystem.Options.defaults().withErrors(e -> {}));
  private final ActorRef sink = system.spawn(new ActorSpec(Sink.TYPE, Sink::new));
  private final SwarmBench.Side side = SwarmBench.Side.of(system, new Target.Local(system, sink));

  @AfterEach
  void shutdown() {
    system.shutdown();
  }

  @Test
  void aThroughputRoundDeliversEveryTickBeforeItsDrainAskReturns() {
    assertTrue(side.send(5_000).totalNanos() > 0);
    Driver.Sent sent = side.send(1_000);
    assertTrue(
        sent.enqueueNanos() > 0 && sent.enqueueNanos() <= sent.totalNanos(), sent.toString());
    assertEquals(6_000L, system.ask(sink, new SinkMessage.Count()));
  }

  @Test
  void aLatencyRoundTimesEveryAsk() {
    long[] nanos = side.askNanos(300);
    assertEquals(300, nanos.length);
    assertTrue(Arrays.stream(nanos).allMatch(n -> n > 0), Arrays.toString(nanos));
  }

  @Test
  void theSinkAnswersAPingWithItsOwnNumber() {
    assertEquals(42L, system.ask(sink, new SinkMessage.Ping(42)));
  }

  @Test
  void workloadSizesBelowOneAreRejectedNamingTheSize() {
    var t = assertThrows(IllegalArgumentException.class, () -> new Driver.Throughput(0));
    assertEquals("messages must be >= 1, got 0", t.getMessage());
    var l = assertThrows(IllegalArgumentException.class, () -> new Driver.Latency(-3));
    assertEquals("asks must be >= 1, got -3", l.getMessage());
  }

  @Test
  void benchmarkSizesBelowOneAreRejectedNamingTheProperty() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> SwarmBench.atLeastOne("bench.joins", 0));
    assertEquals("-Dbench.joins must be >= 1, got 0", e.getMessage());
    var r =
        assertThrows(
            IllegalArgumentException.class, () -> SwarmBench.measure(List.of(side), 10, 10, 0, 0));
    assertEquals("rounds must be >= 1, got 0", r.getMessage());
  }

  @Test
  void messagesOfOtherTypesMakeTheActorsFailInsteadOfBeingIgnored() {
    assertThrows(ActorDiedException.class, () -> system.ask(sink, "hello"));
    assertThrows(ActorDiedException.class, () -> system.ask(side.driver(), List.of()));
  }

  @Test
  void bothSidesOfAComparisonAreMeasuredWithTheSameRoundCount() {
    ActorRef other = system.spawn(new ActorSpec(Sink.TYPE, Sink::new));
    var second = SwarmBench.Side.of(system, new Target.Local(system, other));
    List<SwarmBench.Figures> figures = SwarmBench.measure(List.of(side, second), 200, 50, 1, 2);
    assertEquals(2, figures.size());
    for (SwarmBench.Figures f : figures) {
      assertEquals(2, f.sendRates().count());
      assertEquals(50, f.askMicros().count());
    }
    String table = SwarmBench.workloadTable(200, figures.get(0), figures.get(1)).markdown();
    assertEquals(9, table.lines().count(), table);
    assertTrue(table.contains("send 200 one-way msgs, then an ask to drain (median of 2"), table);
    assertTrue(table.contains("50 sequential asks, p99.9 round trip"), table);
    // 3 rounds of 200 ticks (1 warm-up, 2 recorded) reached each sink.
    assertArrayEquals(
        new Object[] {600L, 600L},
        new Object[] {
          system.ask(sink, new SinkMessage.Count()), system.ask(other, new SinkMessage.Count())
        });
  }
}
