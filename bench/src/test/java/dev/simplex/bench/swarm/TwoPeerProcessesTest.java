package dev.simplex.bench.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.route.SwarmRef;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's real setup, small: a host peer in a child JVM with the sink, this JVM's peer
 * driving it over loopback, and a third peer joining and leaving while it is timed.
 */
class TwoPeerProcessesTest {
  @TempDir static Path dir;
  static String swarm;
  static List<Integer> ports;
  static HostProcess host;
  static BenchPeer bench;

  @BeforeAll
  static void startBothPeers() {
    swarm = Loopback.uniqueSwarm();
    ports = Loopback.freePorts(3);
    List<Integer> pair = ports.subList(0, 2);
    host =
        HostProcess.start(
            new HostMain.Args(swarm, "host", ports.get(0), pair, dir.resolve("host")),
            dir.resolve("host.log"),
            120);
    bench =
        BenchPeer.start(
            Loopback.settings(swarm, "bench", ports.get(1), pair, dir.resolve("bench")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!bench.sees(2) && System.nanoTime() < deadline) LockSupport.parkNanos(20_000_000);
    assertTrue(bench.sees(2), "the two processes did not form one swarm; " + host.tail());
  }

  @AfterAll
  static void stopBothPeers() {
    if (bench != null) bench.close();
    if (host != null) host.close();
  }

  private static SwarmRef sink() {
    return bench.actors().lookup(HostMain.SINK_NAME, Sink.TYPE).orElseThrow();
  }

  @Test
  void theSinkLivesInTheOtherProcessAndCountsEveryRemoteTick() {
    SwarmRef sink = sink();
    assertTrue(bench.actors().local(sink).isEmpty(), "the sink must not be hosted here");
    var side = SwarmBench.Side.of(bench.system(), new Target.Remote(bench.actors(), sink));
    long before = (Long) bench.actors().ask(sink, new SinkMessage.Count());
    assertTrue(side.send(500).totalNanos() > 0);
    assertEquals(before + 500, bench.actors().ask(sink, new SinkMessage.Count()));
    long[] asks = side.askNanos(20);
    assertEquals(20, asks.length);
    assertTrue(Arrays.stream(asks).allMatch(n -> n > 0), Arrays.toString(asks));
  }

  /**
   * Issue 7, item 1: a numbered stream is sent to an actor while it migrates back and forth between
   * this JVM's peer and the host peer's JVM; it gets every number once, in order.
   */
  @Test
  void aNumberedStreamLosesNothingAndKeepsItsOrderWhileTheActorMovesBetweenTheProcesses()
      throws Exception {
    SwarmRef sequence = bench.actors().spawn(Sequence.TYPE, null);
    int total = 2_000;
    Thread sender =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (int i = 1; i <= total; i++) {
                    bench.actors().send(sequence, i);
                    // keeps the stream flowing across the moves
                    if (i % 20 == 0) LockSupport.parkNanos(2_000_000);
                  }
                });
    List<String> visited = new java.util.ArrayList<>();
    String to = "host";
    for (int move = 0; move < 10; move++) {
      var m = bench.actors().migrate(sequence, to);
      assertEquals(to, m.to());
      // the first may find it there already (placement chose the host); every later one moves it
      if (move > 0) assertTrue(!m.from().equals(m.to()), "move " + move + " stayed on " + to);
      visited.add(m.from() + "->" + m.to());
      to = to.equals("host") ? "bench" : "host";
    }
    sender.join();
    List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, total).boxed().toList();
    // a message caught on a route that went stale mid-move is resent once the new placement is
    // seen (the router's orphan timeout is 30 s): wait longer than that
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    List<?> got = List.of();
    while (System.nanoTime() < deadline) {
      got = (List<?>) bench.actors().ask(sequence, new Sequence.Received());
      if (got.size() >= total) break;
      LockSupport.parkNanos(100_000_000);
    }
    List<?> received = got;
    assertEquals(
        expected,
        received,
        () ->
            "after moves "
                + visited
                + ": missing "
                + expected.stream().filter(n -> !received.contains(n)).toList()
                + ", "
                + received.size()
                + " received; host log: "
                + host.tail());
    bench.actors().stop(sequence);
  }

  @Test
  void aJoinIsTimedAtEachStepAndTheSwarmShrinksBackAfterwards() {
    var timer = new JoinTimer(bench);
    try {
      List<Integer> list = List.of(ports.get(0), ports.get(1), ports.get(2));
      JoinTimer.Join join =
          timer.joinOnce(Loopback.settings(swarm, "joiner", ports.get(2), list, dir.resolve("j")));
      assertTrue(
          join.viewNanos() > 0 && join.gridNanos() > 0 && join.upNanos() > 0, join.toString());
      assertTrue(bench.sees(2), "the joiner left again");
      String table = SwarmBench.joinTable(List.of(join)).markdown();
      assertEquals(5, table.lines().count(), table);
    } finally {
      timer.close();
    }
  }

  @Test
  void aHostThatCannotStartIsReportedWithItsLog() {
    int port = Loopback.freePorts(1).get(0);
    var bad = new HostMain.Args(swarm, "bad host id!", port, List.of(port), dir.resolve("bad"));
    var e =
        assertThrows(
            IllegalStateException.class, () -> HostProcess.start(bad, dir.resolve("bad.log"), 120));
    assertTrue(e.getMessage().contains("exited before it was ready"), e.getMessage());
    assertTrue(e.getMessage().contains("bad.log"), e.getMessage());
  }
}
