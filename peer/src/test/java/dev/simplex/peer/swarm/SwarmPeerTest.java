package dev.simplex.peer.swarm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.gossip.HostPort;
import dev.simplex.peer.admin.AdminClient;
import dev.simplex.peer.admin.LogTail;
import dev.simplex.peer.admin.PeerRow;
import dev.simplex.peer.admin.SwarmCommand;
import dev.simplex.peer.admin.SwarmStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Three real peers in one JVM on loopback, found by a TCP list: swarm view, grid, load board and
 * admin endpoints working together, read through the same client commands a user runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmPeerTest {
  static final List<SwarmPeer> peers = new ArrayList<>();
  static final LogTail logs = new LogTail(100);
  static final AtomicLong messages = new AtomicLong();
  @TempDir static Path data;

  /** The first peer reports 3 actors and a steady stream of messages; the others are idle. */
  static final LoadProbe busy =
      new LoadProbe() {
        @Override
        public long actorCount() {
          return 3;
        }

        @Override
        public long messagesProcessed() {
          return messages.addAndGet(50);
        }

        @Override
        public long checkpointsWritten() {
          return 0;
        }
      };

  @BeforeAll
  static void startThreePeers() {
    String swarm = LoopbackPeers.uniqueSwarm("swarm-peer-test");
    List<Integer> ports = LoopbackPeers.freePorts(3);
    for (int i = 0; i < 3; i++) {
      PeerSettings settings =
          LoopbackPeers.settings(swarm, "p" + (i + 1), ports.get(i), ports, data.resolve("p" + i));
      peers.add(SwarmPeer.start(settings, i == 0 ? busy : LoadProbe.IDLE, logs));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                peers.stream()
                    .allMatch(p -> p.node().view().size() == 3 && p.grid().memberCount() == 3));
  }

  @AfterAll
  static void stopPeers() {
    peers.forEach(SwarmPeer::close);
  }

  @Test
  @Order(1)
  void theGridHasExactlyTheMembersOfTheSwarmView() {
    for (SwarmPeer peer : peers) {
      Set<InetSocketAddress> advertised =
          new HashSet<>(SwarmPeer.gridAddresses(peer.node().view()));
      assertEquals(3, advertised.size());
      assertEquals(advertised, new HashSet<>(peer.gridMembers()), "grid of " + peer.node().id());
    }
  }

  @Test
  @Order(2)
  void statusFromAnyPeerListsEveryPeerAsUpWithItsLoad() throws Exception {
    for (SwarmPeer peer : peers) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> client(peer).status().peers().stream().allMatch(r -> r.health().equals("up")));
      SwarmStatus status = client(peer).status();
      assertEquals(
          List.of("p1", "p2", "p3"), status.peers().stream().map(PeerRow::id).sorted().toList());
      assertEquals(peer.node().id().value(), status.self());
      PeerRow first =
          status.peers().stream().filter(r -> r.id().equals("p1")).findFirst().orElseThrow();
      assertEquals(3, first.actors());
      assertTrue(first.heapMax() > 0 && first.heapUsed() > 0, first.toString());
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> row(client(peers.get(2)).status(), "p1").messagesPerSecond() > 0);
  }

  @Test
  @Order(3)
  void swarmStatusCommandPrintsAnAlignedTableOfAllPeers() {
    Output out = runSwarm("status", "--peer", admin(peers.get(1)));
    assertEquals(0, out.code, out.err);
    List<String> lines = out.out.lines().toList();
    assertTrue(lines.get(0).startsWith("swarm swarm-peer-test-"), lines.get(0));
    String header = lines.get(1);
    assertTrue(
        header.contains("PEER") && header.contains("HEALTH") && header.contains("MSG/S"), header);
    assertEquals(5, lines.size(), out.out);
    int healthColumn = header.indexOf("HEALTH");
    for (String id : List.of("p1", "p2", "p3")) {
      String line =
          lines.stream().filter(l -> l.contains(" " + id + " ")).findFirst().orElseThrow();
      assertEquals("up", line.substring(healthColumn, healthColumn + 2), line);
    }
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("*") && l.contains(" p2 ")), out.out);
  }

  @Test
  @Order(4)
  void swarmActorsCommandTotalsTheActorsOfAllPeers() {
    Output out = runSwarm("actors", "--peer", admin(peers.get(0)));
    assertEquals(0, out.code, out.err);
    assertTrue(out.out.contains("3 actors on 3 peers"), out.out);
    assertTrue(
        out.out.lines().findFirst().orElseThrow().matches("PEER +ACTORS +CPU +HEAP"), out.out);
  }

  @Test
  @Order(5)
  void jsonOutputIsTheEndpointsDocument() {
    Output out = runSwarm("status", "--json", "--peer", admin(peers.get(0)));
    assertEquals(0, out.code, out.err);
    Object json = dev.simplex.peer.admin.Json.parse(out.out.strip());
    assertTrue(json instanceof Map<?, ?> m && ((List<?>) m.get("peers")).size() == 3, out.out);
  }

  @Test
  @Order(6)
  void metricsShowTransportCountersGridSizeAndGridSafety() throws Exception {
    Object json = client(peers.get(0)).getJson("/metrics");
    Map<?, ?> m = (Map<?, ?>) json;
    assertEquals(3L, m.get("swarmMembers"));
    assertEquals(3L, m.get("gridMembers"));
    assertTrue(m.get("gridSafe") instanceof Boolean, json.toString());
    assertTrue(((Map<?, ?>) m.get("transport")).containsKey("droppedMalformed"), json.toString());
  }

  @Test
  @Order(7)
  void logsCommandPrintsRecentLines() {
    logs.append("a line for the logs test");
    Output out = runSwarm("logs", "--peer", admin(peers.get(0)));
    assertEquals(0, out.code, out.err);
    assertTrue(out.out.contains("a line for the logs test"), out.out);
  }

  @Test
  @Order(8)
  void anUnreachablePeerIsAOneLineErrorAndExitCodeOne() {
    int closed = LoopbackPeers.freePorts(1).get(0);
    Output out = runSwarm("status", "--peer", "127.0.0.1:" + closed);
    assertEquals(1, out.code);
    assertEquals("", out.out);
    assertEquals(1, out.err.lines().count(), out.err);
    assertTrue(
        out.err.contains("cannot reach the admin endpoint of peer 127.0.0.1:" + closed), out.err);
  }

  @Test
  @Order(9)
  void aBadPeerAddressNamesTheOption() {
    Output out = runSwarm("actors", "--peer", "nowhere");
    assertEquals(1, out.code);
    assertTrue(out.err.contains("--peer"), out.err);
  }

  /** Runs the real CLI in-process against a peer's admin endpoint. */
  static String[] cli(String... args) {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    int code;
    try (var o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        var e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
      code = dev.simplex.peer.Main.execute(args, o, e);
    }
    return new String[] {
      Integer.toString(code),
      out.toString(java.nio.charset.StandardCharsets.UTF_8),
      err.toString(java.nio.charset.StandardCharsets.UTF_8)
    };
  }

  static String adminOf(SwarmPeer peer) {
    return "127.0.0.1:" + peer.adminAddress().getPort();
  }

  @Test
  @Order(9)
  void aSubmittedProgramRunsOnThePeerAndItsOutputComesBackLikeRun() throws Exception {
    Path source = data.resolve("submitted.sx");
    java.nio.file.Files.writeString(
        source,
        """
        fn fib(n: i64) -> i64 { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
        actor Counter {
            var n: i64 = 0
            receive Add(k: i64) { n += k }
            receive Get -> i64 { n }
        }
        fn main() -> i64 {
            let c = spawn Counter
            for i in 1..=10 { send(c, Add(i)) }
            println("fib(20) = {fib(20)}, sum = {ask(c, Get)}, args = {args()}")
            eprintln("to stderr")
            7
        }
        """);
    String[] r = cli("submit", source.toString(), "--peer", adminOf(peers.get(1)), "--", "a", "-b");
    assertEquals("7", r[0], r[2]);
    assertEquals("fib(20) = 6765, sum = 55, args = [\"a\", \"-b\"]\n", r[1]);
    assertEquals("to stderr\n", r[2]);
  }

  @Test
  @Order(9)
  void submittedCodeIsInTheSwarmsCodeRegistryUnderItsHash() throws Exception {
    Path source = data.resolve("registry.sx");
    java.nio.file.Files.writeString(source, "fn main() { println(\"registered\") }\n");
    Path sbc = data.resolve("registry.sbc");
    assertEquals("0", cli("build", source.toString(), "-o", sbc.toString())[0]);
    byte[] bytes = java.nio.file.Files.readAllBytes(sbc);
    assertEquals("0", cli("submit", sbc.toString(), "--peer", adminOf(peers.get(0)))[0]);
    String hash = SubmittedPrograms.sha256(bytes);
    byte[] fetched = peers.get(2).grid().code(SubmittedPrograms::sha256).fetch(hash).orElseThrow();
    org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, fetched);
  }

  @Test
  @Order(9)
  void garbageSubmittedAsAProgramIsRefusedAndThePeerKeepsServing() throws Exception {
    Path junk = data.resolve("junk.sbc");
    java.nio.file.Files.write(junk, "SPLX but not really a program".getBytes());
    String[] r = cli("submit", junk.toString(), "--peer", adminOf(peers.get(0)));
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("not valid Simplex bytecode"), r[2]);
    AdminClient client =
        new AdminClient(HostPort.parse(adminOf(peers.get(0)), "--peer"), Duration.ofSeconds(5));
    AdminClient.AdminException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            AdminClient.AdminException.class,
            () -> client.submit(new byte[] {1, 2, 3}, List.of(), System.out, System.err));
    assertTrue(refused.getMessage().contains("HTTP 400"), refused.getMessage());
    assertEquals(3, client.status().peers().size());
  }

  @Test
  @Order(9)
  void aPeerCountsItsOwnActorsAsTheyAreNowNotAsItsLastLoadSampleSaid() throws Exception {
    Path source = data.resolve("spread.sx");
    java.nio.file.Files.writeString(
        source,
        """
        actor Counter {
            var n: i64 = 0
            receive Add(k: i64) { n += k }
            receive Get -> i64 { n }
        }
        fn main() {
            var cs: List<ActorRef<Counter>> = []
            for i in 0..6 { cs.push(spawn Counter with { placement: Spread }) }
            for c in cs { send(c, Add(1)) }
            sleep(Duration::seconds(3))
            var sum = 0
            for c in cs { sum += ask(c, Get) }
            println("sum {sum}")
        }
        """);
    var submitted =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> cli("submit", source.toString(), "--peer", adminOf(peers.get(2))));
    List<SwarmPeer> idle = peers.subList(1, 3); // p1's count is its probe's, 3
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> peers.stream().mapToInt(p -> p.actors().hostedCount()).sum() == 6);
    // at once, without waiting for a load tick (the program keeps its 6 counters for 3 s)
    assertTrue(idle.stream().mapToInt(p -> p.actors().hostedCount()).sum() > 0, "Spread");
    for (SwarmPeer peer : idle) {
      String self = peer.node().id().value();
      assertEquals(peer.actors().hostedCount(), row(client(peer).status(), self).actors(), self);
    }
    String[] r = submitted.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals("0", r[0], r[2]);
    assertEquals("sum 6\n", r[1]);
  }

  @Test
  @Order(10)
  void aPeerThatLeavesDisappearsFromStatusAndFromTheGrid() throws Exception {
    SwarmPeer leaving = peers.remove(2);
    leaving.close();
    assertFalse(leaving.node().isOpen());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client(peers.get(0)).status().peers().stream()
                        .map(PeerRow::id)
                        .toList()
                        .equals(List.of("p1", "p2"))
                    && peers.get(0).grid().memberCount() == 2);
    Output out = runSwarm("status", "--peer", admin(peers.get(1)));
    assertFalse(out.out.contains(" p3 "), out.out);
  }

  static PeerRow row(SwarmStatus status, String id) {
    return status.peers().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  static AdminClient client(SwarmPeer peer) {
    return new AdminClient(HostPort.parse(admin(peer), "test"), Duration.ofSeconds(5));
  }

  static String admin(SwarmPeer peer) {
    return "127.0.0.1:" + peer.adminAddress().getPort();
  }

  record Output(int code, String out, String err) {}

  static Output runSwarm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SwarmCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Output(code, out.toString(), err.toString());
  }
}
