package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compiled program across two peer processes on two namespaced hosts: {@code simplex submit} to
 * peer 1 runs main there while its counter is moved to peer 2 and back with {@code simplex swarm
 * migrate}; every number arrives once, in order, and the counter's output reaches the submitter.
 * Skipped where network namespaces are not permitted.
 */
class NetnsSwarmProgramTest {
  static final Duration LIMIT = Duration.ofSeconds(90);
  final List<AutoCloseable> cleanup = new ArrayList<>();
  @TempDir Path data;

  @BeforeAll
  static void needsNamespaces() {
    assumeTrue(NetnsLan.permitted(), "creating network namespaces is not permitted here");
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) c.close();
  }

  @Test
  void aSimplexCounterMovesBetweenPeerProcessesWhileTheSubmittedProgramFeedsIt() throws Exception {
    NetnsLan lan = new NetnsLan(2);
    cleanup.add(lan);
    String swarm = LoopbackPeers.uniqueSwarm("vmproc");
    String list = "tcp:" + lan.address(1) + ":7800," + lan.address(2) + ":7800";
    PeerProcess first = peer(lan, 1, swarm, list);
    first.awaitLine("peer net-peer-1 is up", LIMIT);
    PeerProcess second = peer(lan, 2, swarm, list);
    second.awaitLine("peer net-peer-2 is up", LIMIT);
    first.awaitLine("peer net-peer-2 joined", LIMIT);

    Path program = data.resolve("moving.sx");
    Files.writeString(
        program,
        """
        actor Counter {
            var seen: List<i64> = []
            receive Add(k: i64) { seen.push(k) }
            receive Count -> i64 { seen.len() as i64 }
            receive InOrder -> i64 {
                var ok = 1
                var i = 0
                while i < seen.len() {
                    if seen[i] != (i as i64) + 1 { ok = 0 }
                    i += 1
                }
                ok
            }
            on_stop { println("counter stops with {seen.len()} numbers") }
        }
        fn main() {
            let c = spawn Counter with { name: "moving" }
            println("counter {c}")
            for i in 1..=1000 {
                send(c, Add(i))
                sleep(Duration::milliseconds(10))
            }
            println("count {ask(c, Count)} in order {ask(c, InOrder)}")
        }
        """);
    String admin1 = lan.address(1) + ":7070";
    PeerProcess submit =
        PeerProcess.start(
            "submit", lan.namespace(1), "simplex", "submit", program.toString(), "--peer", admin1);
    cleanup.add(submit);
    String line = submit.awaitLine("counter <", LIMIT);
    String actor = line.substring(line.indexOf('@') + 1, line.lastIndexOf('>'));
    List<String> moves = new ArrayList<>();
    for (String to : List.of("net-peer-2", "net-peer-1", "net-peer-2")) {
      PeerProcess migrate =
          PeerProcess.start(
              "migrate",
              lan.namespace(2),
              "simplex",
              "swarm",
              "migrate",
              actor,
              "--to",
              to,
              "--peer",
              lan.address(2) + ":7070");
      assertEquals(0, migrate.awaitExit(LIMIT), moves + migrate.output());
      moves.add(migrate.output());
    }
    assertEquals(0, submit.awaitExit(LIMIT), submit.output());
    String out = submit.output();
    assertTrue(out.contains("count 1000 in order 1"), out + "\nmoves:\n" + moves);
    assertTrue(out.contains("counter stops with 1000 numbers"), out);
    // placement may have put it on either peer: at least two of the three requests moved it
    assertTrue(
        moves.stream().filter(m -> m.startsWith("moved actor")).count() >= 2, moves.toString());
  }

  private PeerProcess peer(NetnsLan lan, int host, String swarm, String discovery)
      throws Exception {
    PeerProcess p = lan.startPeer(host, swarm, discovery, data);
    cleanup.add(p);
    return p;
  }
}
