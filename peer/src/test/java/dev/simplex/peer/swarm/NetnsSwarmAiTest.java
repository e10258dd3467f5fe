package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The AI pool across two peer processes on two namespaced hosts (issue 8, item 7): peer 2 routes
 * its calls to the swarm first ({@code route = remote-first}); a program submitted to it embeds
 * texts, which peer 1's pool answers as Arrow IPC batches over INFERENCE envelopes (both peers'
 * {@code /metrics} count the shipped and served calls); once peer 1 is gone the same program is
 * answered by peer 2's own built-in model.
 */
class NetnsSwarmAiTest {
  static final Duration LIMIT = Duration.ofSeconds(120);
  final List<AutoCloseable> cleanup = new ArrayList<>();
  @TempDir Path data;

  @BeforeAll
  static void needsNamespaces() {
    NetnsLan.assumeUsable();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) c.close();
  }

  static final String PROGRAM =
      """
      fn main() {
          let v = ai::embed("the cat sat on the mat")
          let w = ai::embed_batch(["a cat sat on a mat", "stock markets fell sharply"])
          println("embedded {w.len()} more, one dimension {v.len() == w[0].len()}")
          println("similar beats unrelated {ai::similarity(v, w[0]) > ai::similarity(v, w[1])}")
      }
      """;

  @Test
  void aPeerWithoutLocalRoutingIsAnsweredByTheOtherPeersPoolAndFallsBackWhenItLeaves()
      throws Exception {
    NetnsLan lan = new NetnsLan(2);
    cleanup.add(lan);
    String swarm = LoopbackPeers.uniqueSwarm("aiproc");
    String list = "tcp:" + lan.address(1) + ":7800," + lan.address(2) + ":7800";
    Path config = Files.writeString(data.resolve("remote-first.toml"), "route = remote-first\n");
    PeerProcess first = peer(lan, 1, swarm, list);
    first.awaitLine("peer net-peer-1 is up", LIMIT);
    PeerProcess second = peer(lan, 2, swarm, list, "--ai-config", config.toString());
    second.awaitLine("peer net-peer-2 is up", LIMIT);
    first.awaitLine("peer net-peer-2 joined", LIMIT);
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (metric(lan, 2, "peersWithModels") < 1) {
      assertTrue(System.nanoTime() < deadline, "peer 2 never saw peer 1's models in the grid");
      Thread.sleep(200);
    }

    Path program = Files.writeString(data.resolve("embed.sx"), PROGRAM);
    String expected = "embedded 2 more, one dimension true\nsimilar beats unrelated true";
    assertEquals(expected, submit(lan, program));
    assertTrue(metric(lan, 2, "shippedToPeers") >= 1, "peer 2 shipped nothing");
    assertTrue(metric(lan, 1, "servedForPeers") >= 1, "peer 1 served nothing");

    first.close(); // SIGTERM: peer 1 leaves the swarm
    second.awaitLine("peer net-peer-1 left", LIMIT);
    long shippedBefore = metric(lan, 2, "shippedToPeers");
    assertEquals(expected, submit(lan, program));
    assertEquals(
        shippedBefore, metric(lan, 2, "shippedToPeers"), "with nobody else, peer 2 answers alone");
  }

  private String submit(NetnsLan lan, Path program) throws Exception {
    PeerProcess submit =
        PeerProcess.start(
            "submit",
            lan.namespace(2),
            "simplex",
            "submit",
            program.toString(),
            "--peer",
            lan.address(2) + ":7070");
    cleanup.add(submit);
    assertEquals(0, submit.awaitExit(LIMIT), submit.output());
    return submit.output();
  }

  /**
   * One figure of the {@code "ai"} section of peer {@code i}'s {@code /metrics}; -1 while the peer
   * has not started its pool yet.
   */
  private static long metric(NetnsLan lan, int i, String name) throws Exception {
    String json = lan.adminGet(i, "/metrics");
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private PeerProcess peer(NetnsLan lan, int host, String swarm, String discovery, String... more)
      throws Exception {
    PeerProcess p = lan.startPeer(host, swarm, discovery, data, more);
    cleanup.add(p);
    return p;
  }
}
