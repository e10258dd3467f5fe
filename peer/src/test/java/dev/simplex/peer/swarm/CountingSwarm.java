package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the failover, partition and replica tests share: three peer processes on namespaced hosts
 * ({@link NetnsLan}) that found each other by a {@code tcp:} list, and a program submitted on peer
 * 1 that spawns counters (each calls {@code checkpoint()} per message) with the given {@code spawn
 * .. with} options, sends them {@code rounds} rounds 10 ms apart, printing {@code progress R} every
 * 100 rounds, then prints {@code count N} for each. Started when {@link #start} returns: round 200
 * has been printed. Everything it starts is added to {@code cleanup}.
 */
final class CountingSwarm {
  final NetnsLan lan;
  final PeerProcess[] peers = new PeerProcess[4];
  final PeerProcess submit;
  final int counters;
  final int rounds;

  private CountingSwarm(
      NetnsLan lan,
      String name,
      Path data,
      List<AutoCloseable> cleanup,
      Duration limit,
      int counters,
      int rounds,
      String spawnOptions,
      String... peerOptions)
      throws Exception {
    this.lan = lan;
    this.counters = counters;
    this.rounds = rounds;
    String swarm = LoopbackPeers.uniqueSwarm(name);
    String list =
        "tcp:" + lan.address(1) + ":7800," + lan.address(2) + ":7800," + lan.address(3) + ":7800";
    for (int i = 1; i <= 3; i++) {
      // rebalancing off: these tests check where failover puts each actor and what a split
      // does; actors moved by rebalancing while peers die and restart are NetnsChaosTest's work
      // (and one unexplained lost ask after a rebalancing move right after a heal is in issue 7;
      // -Dsimplex.counting.rebalance=on runs these tests with rebalancing)
      String[] options = java.util.Arrays.copyOf(peerOptions, peerOptions.length + 2);
      options[peerOptions.length] = "--rebalance";
      options[peerOptions.length + 1] = System.getProperty("simplex.counting.rebalance", "off");
      peers[i] = lan.startPeer(i, swarm, list, data, options);
      cleanup.add(peers[i]);
      peers[i].awaitLine("peer net-peer-" + i + " is up", limit);
    }
    peers[1].awaitLine("peer net-peer-3 joined", limit);
    Path program = data.resolve(name + ".sx");
    Files.writeString(
        program,
        """
        actor Counter {
            var n: i64 = 0
            receive Add(k: i64) {
                n += 1
                checkpoint()
            }
            receive Count -> i64 { n }
        }
        fn main() {
            var cs: List<ActorRef<Counter>> = []
            for i in 0..%d {
                cs.push(spawn Counter with { %s })
            }
            println("spawned {cs.len()}")
            for r in 1..=%d {
                for c in cs {
                    send(c, Add(r))
                }
                if r %% 100 == 0 { println("progress {r}") }
                sleep(Duration::milliseconds(10))
            }
            for c in cs {
                println("count {ask(c, Count)}")
            }
        }
        """
            .formatted(counters, spawnOptions, rounds));
    submit =
        PeerProcess.start(
            "submit",
            lan.namespace(1),
            "simplex",
            "submit",
            program.toString(),
            "--peer",
            lan.address(1) + ":7070");
    cleanup.add(submit);
    submit.awaitLine("spawned " + counters, limit);
    submit.awaitLine("progress 200", limit);
  }

  /** A new three-host LAN (added to {@code cleanup}) with the peers and the program running. */
  static CountingSwarm start(
      String name,
      Path data,
      List<AutoCloseable> cleanup,
      Duration limit,
      int counters,
      int rounds,
      String spawnOptions,
      String... peerOptions)
      throws Exception {
    NetnsLan lan = new NetnsLan(3);
    cleanup.add(lan);
    return new CountingSwarm(
        lan, name, data, cleanup, limit, counters, rounds, spawnOptions, peerOptions);
  }

  /** The peer (2 or 3; peer 1 runs main) hosting more counters now, and their counts. */
  int[] hosted() throws Exception {
    int[] hosted = new int[4];
    for (int i = 2; i <= 3; i++) hosted[i] = lan.hostedActors(i);
    assertTrue(hosted[2] + hosted[3] > 0, "no counter was placed on peers 2 or 3");
    return hosted;
  }

  /** What the peers logged about moving, restoring, fencing and failing: for a failure's report. */
  String peerEvents() {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < peers.length; i++) {
      if (peers[i] == null) continue;
      b.append("--- peer ").append(i).append(":\n");
      peers[i]
          .output()
          .lines()
          .filter(
              l ->
                  l.contains("WARN")
                      || l.contains("ERROR")
                      || l.contains("failover")
                      || l.contains("rebalance")
                      || l.contains("fenced")
                      || l.contains("migration")
                      || l.contains(" left")
                      || l.contains(" joined"))
          .forEach(l -> b.append(l).append('\n'));
    }
    return b.toString();
  }

  static int busier(int[] hosted) {
    return hosted[2] >= hosted[3] ? 2 : 3;
  }

  /** Waits for the program to end and checks that every counter got every round exactly once. */
  void assertExactCounts(Duration limit) throws InterruptedException {
    try {
      submit.awaitExit(limit);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + peerEvents(), e);
    }
    assertEquals(0, submit.awaitExit(limit), submit.output());
    List<String> counts = submit.output().lines().filter(l -> l.startsWith("count ")).toList();
    assertEquals(counters, counts.size(), submit.output());
    for (String c : counts) assertEquals("count " + rounds, c, submit.output());
  }
}
