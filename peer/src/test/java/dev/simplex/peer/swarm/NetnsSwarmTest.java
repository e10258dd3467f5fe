package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers as separate JVMs on separate (namespaced) hosts of one bridged LAN, found by multicast, by
 * a TCP list and through a gossip router. Each test checks the whole chain: the JGroups view, the
 * grid (the second peer's grid member reports both members) and the admin endpoint, asked across
 * the LAN with {@code swarm status} from a third JVM, listing both peers as up. Skipped where
 * network namespaces are not permitted.
 */
class NetnsSwarmTest {
  static final Duration LIMIT = Duration.ofSeconds(60);
  final List<AutoCloseable> cleanup = new ArrayList<>();
  @TempDir Path data;

  @BeforeAll
  static void needsNamespaces() {
    assumeTrue(
        NetnsLan.permitted(),
        "creating network namespaces is not permitted here (needs root or CAP_SYS_ADMIN and iproute2)");
  }

  @AfterEach
  void cleanUp() throws Exception {
    // processes first (they live in the namespaces), then the LAN
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  @Test
  void peersOnTwoHostsFindEachOtherByMulticast() throws Exception {
    NetnsLan lan = lan();
    String swarm = LoopbackPeers.uniqueSwarm("mc");
    PeerProcess[] peers = twoPeersFormOneSwarm(lan, swarm, "multicast", "--port", "0");
    // SIGKILL: no goodbye; failure detection removes the crashed peer from the survivor's view
    peers[1].kill();
    peers[0].awaitLine("peer net-peer-2 left", LIMIT);
    assertTrue(peers[0].awaitLine("view", LIMIT).endsWith("1 peers [net-peer-1]"));
  }

  @Test
  void peersOnTwoHostsFindEachOtherByATcpList() throws Exception {
    NetnsLan lan = lan();
    String swarm = LoopbackPeers.uniqueSwarm("tcp");
    String list = "tcp:" + lan.address(1) + ":7800," + lan.address(2) + ":7800";
    PeerProcess[] peers = twoPeersFormOneSwarm(lan, swarm, list, "--port", "7800");
    // SIGTERM: the second peer leaves cleanly and the first sees it go at once
    peers[1].terminate();
    peers[1].awaitLine("stopping: leaving swarm '" + swarm + "'", LIMIT);
    peers[1].awaitLine("left swarm '" + swarm + "'", LIMIT);
    assertEquals(143, peers[1].awaitExit(LIMIT), "the JVM's exit status after SIGTERM");
    peers[0].awaitLine("peer net-peer-2 left", LIMIT);
    peers[0].awaitLine("view", LIMIT);
  }

  @Test
  void peersOnTwoHostsFindEachOtherThroughAGossipRouter() throws Exception {
    NetnsLan lan = lan();
    PeerProcess router =
        started(
            PeerProcess.start(
                "gossip router",
                lan.namespace(1),
                "gossip-router",
                "--bind",
                lan.address(1),
                "--port",
                "12001"));
    router.awaitLine("gossip router listening on " + lan.address(1) + ":12001", LIMIT);
    String swarm = LoopbackPeers.uniqueSwarm("gossip");
    twoPeersFormOneSwarm(lan, swarm, "gossip:" + lan.address(1) + ":12001", "--port", "0");
  }

  /** Starts peer 1, then peer 2, and checks view, grid and admin status agree on both. */
  private PeerProcess[] twoPeersFormOneSwarm(
      NetnsLan lan, String swarm, String discovery, String... extra) throws Exception {
    PeerProcess first = startPeer(lan, 1, swarm, discovery, extra);
    first.awaitLine("peer net-peer-1 is up", LIMIT);
    PeerProcess second = startPeer(lan, 2, swarm, discovery, extra);
    String up = second.awaitLine("peer net-peer-2 is up", LIMIT);
    System.out.printf(
        "%s: second peer up %d ms after its JVM was started: %s%n",
        discovery.split(":")[0], second.ageMillis(), up);
    assertTrue(up.contains("(2 members)"), "the grid of the second peer has both members: " + up);
    assertTrue(up.endsWith("members [net-peer-1, net-peer-2]"), up);
    first.awaitLine("peer net-peer-2 joined", LIMIT);

    // Ask peer 2's admin endpoint from host 1, across the bridge, until both peers' load is seen.
    String table = "";
    for (int attempt = 0; attempt < 10; attempt++) {
      PeerProcess client =
          PeerProcess.start(
              "swarm status",
              lan.namespace(1),
              "swarm",
              "status",
              "--peer",
              lan.address(2) + ":7070");
      assertEquals(0, client.awaitExit(LIMIT), client.output());
      table = client.output();
      if (table.lines().filter(l -> l.contains("net-peer-") && l.contains(" up ")).count() == 2) {
        break;
      }
      Thread.sleep(500);
    }
    assertTrue(table.contains("swarm " + swarm + ", view"), table);
    assertEquals(
        2, table.lines().filter(l -> l.contains("net-peer-") && l.contains(" up ")).count(), table);
    assertTrue(table.contains(lan.address(1)) && table.contains(lan.address(2)), table);
    return new PeerProcess[] {first, second};
  }

  private PeerProcess startPeer(
      NetnsLan lan, int host, String swarm, String discovery, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "peer",
                "--swarm",
                swarm,
                "--peer-id",
                "net-peer-" + host,
                "--bind",
                lan.address(host),
                "--discovery",
                discovery,
                "--admin",
                lan.address(host) + ":7070",
                "--data",
                data.resolve("peer-" + host).toString()));
    args.addAll(List.of(extra));
    return started(
        PeerProcess.start("peer " + host, lan.namespace(host), args.toArray(String[]::new)));
  }

  private NetnsLan lan() throws Exception {
    NetnsLan lan = new NetnsLan(2);
    cleanup.add(lan);
    return lan;
  }

  private PeerProcess started(PeerProcess p) {
    cleanup.add(p);
    return p;
  }
}
