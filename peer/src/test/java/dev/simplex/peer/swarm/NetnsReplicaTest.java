package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replicas: 3} with three peer JVMs on namespaced hosts whose grid keeps no backups ({@code
 * --grid-backups 0}): a submitted program keeps sending to checkpointing counters spread over the
 * peers; the peer (2 or 3) hosting more of them is killed with SIGKILL. Whatever the grid lost with
 * it, each of its counters comes back from a standby's warm copy and ends with exactly the number
 * of messages sent to it. Skipped where network namespaces are not permitted.
 */
class NetnsReplicaTest {
  static final Duration LIMIT = Duration.ofSeconds(120);
  static final int COUNTERS = 6;
  static final int ROUNDS = 600;
  final List<AutoCloseable> cleanup = new ArrayList<>();
  @TempDir Path data;

  @BeforeAll
  static void needsNamespaces() {
    assumeTrue(NetnsLan.permitted(), "creating network namespaces is not permitted here");
    assumeTrue(NetnsLan.hasCurl(), "curl is not installed (scripts/test installs it when root)");
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) c.close();
  }

  @Test
  void replicatedCountersOfAKilledPeerComeBackExactlyWithoutGridBackups() throws Exception {
    NetnsLan lan = new NetnsLan(3);
    cleanup.add(lan);
    String swarm = LoopbackPeers.uniqueSwarm("replica");
    String list =
        "tcp:" + lan.address(1) + ":7800," + lan.address(2) + ":7800," + lan.address(3) + ":7800";
    PeerProcess[] peers = new PeerProcess[4];
    for (int i = 1; i <= 3; i++) {
      peers[i] = lan.startPeer(i, swarm, list, data, "--grid-backups", "0");
      cleanup.add(peers[i]);
      peers[i].awaitLine("peer net-peer-" + i + " is up", LIMIT);
    }
    peers[1].awaitLine("peer net-peer-3 joined", LIMIT);

    Path program = data.resolve("replicated.sx");
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
                cs.push(spawn Counter with { placement: Spread, replicas: 3 })
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
            .formatted(COUNTERS, ROUNDS));
    PeerProcess submit =
        PeerProcess.start(
            "submit",
            lan.namespace(1),
            "simplex",
            "submit",
            program.toString(),
            "--peer",
            lan.address(1) + ":7070");
    cleanup.add(submit);
    submit.awaitLine("spawned " + COUNTERS, LIMIT);
    submit.awaitLine("progress 200", LIMIT);

    int[] hosted = new int[4];
    for (int i = 2; i <= 3; i++) hosted[i] = hostedActors(lan, i);
    int victim = hosted[2] >= hosted[3] ? 2 : 3;
    int other = 5 - victim;
    assertTrue(hosted[victim] > 0, "no counter was placed on peers 2 or 3");
    String actors = lan.adminGet(victim, "/actors");
    Matcher standbys =
        Pattern.compile("\"standbys\"\\s*:\\s*\\{\\s*\"[^\"]+\"\\s*:\\s*\\[\\s*\"net-peer-")
            .matcher(actors);
    assertTrue(standbys.find(), "the victim lists its replicated actors' standbys: " + actors);
    peers[victim].kill();

    assertEquals(0, submit.awaitExit(LIMIT), submit.output());
    List<String> counts = submit.output().lines().filter(l -> l.startsWith("count ")).toList();
    assertEquals(COUNTERS, counts.size(), submit.output());
    for (String c : counts) assertEquals("count " + ROUNDS, c, submit.output());

    long restored = 0, fromWarm = 0;
    for (int i : new int[] {1, other}) {
      for (String line : peers[i].output().lines().toList()) {
        if (line.contains("failover: restored actor") && line.contains("of lost peer")) restored++;
        if (line.contains("restores from this peer's warm copy")) fromWarm++;
      }
    }
    assertEquals(hosted[victim], restored, "each counter of the killed peer restored once");
    System.out.printf(
        "replicas: %d counters of net-peer-%d restored, %d of them from a standby's warm copy%n",
        restored, victim, fromWarm);
  }

  private int hostedActors(NetnsLan lan, int i) throws Exception {
    String json = lan.adminGet(i, "/actors");
    Matcher m =
        Pattern.compile("\"id\"\\s*:\\s*\"net-peer-" + i + "\"\\s*,\\s*\"actors\"\\s*:\\s*(\\d+)")
            .matcher(json);
    assertTrue(m.find(), "no actor count for net-peer-" + i + " in " + json);
    return Integer.parseInt(m.group(1));
  }
}
