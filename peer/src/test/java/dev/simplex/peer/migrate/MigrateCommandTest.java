package dev.simplex.peer.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.admin.AdminServer;
import dev.simplex.peer.admin.AdminSource;
import dev.simplex.peer.admin.LogTail;
import dev.simplex.peer.admin.SwarmStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code simplex swarm migrate} against a real admin endpoint whose peer moves actors on paper. */
class MigrateCommandTest {
  final List<String> asked = new CopyOnWriteArrayList<>();
  AdminServer server;

  /** Moves "a/1" anywhere but "b"; knows no other actor. */
  final AdminSource source =
      new AdminSource() {
        @Override
        public SwarmStatus status() {
          throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Map<String, Object> metrics() {
          return Map.of();
        }

        @Override
        public LogTail logs() {
          throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Map<String, Object> migrate(String actorId, String toPeer) {
          asked.add(actorId + "->" + toPeer);
          if (!actorId.equals("a/1"))
            throw new IllegalStateException("actor " + actorId + " is not placed on any peer");
          if (toPeer.equals("b")) throw new IllegalStateException("peer b could not take it");
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("actor", actorId);
          m.put("from", "a");
          m.put("to", toPeer);
          m.put("epoch", 3);
          m.put("stateBytes", 2048);
          m.put("shippedBytes", 300);
          m.put("millis", 12.5);
          return m;
        }

        /** Peer "b" moves a/1 to c and cannot move a/2; peer "c" moves it to d; no other. */
        @Override
        public Map<String, Object> drain(String peerId) {
          asked.add("drain " + peerId);
          if (!peerId.equals("b") && !peerId.equals("c"))
            throw new IllegalArgumentException("peer " + peerId + " is not in the swarm view");
          Map<String, Object> move = migrate("a/1", peerId.equals("c") ? "d" : "c");
          move.put("from", peerId);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("peer", peerId);
          m.put("moved", List.of(move));
          m.put(
              "failed",
              peerId.equals("b")
                  ? Map.of("a/2", "its behaviour does not implement Migratable")
                  : Map.of());
          return m;
        }
      };

  @BeforeEach
  void serve() {
    server = AdminServer.bind(new InetSocketAddress("127.0.0.1", 0));
    server.serve(source);
  }

  @AfterEach
  void close() {
    server.close();
  }

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new MigrateCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  Run drain(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new DrainCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void drainPrintsEachMoveThenASummaryAndExitsZeroWhenEverythingMoved() {
    Run r = drain("c", "--peer", peer());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "moved actor a/1 from peer c to peer d (epoch 3): 2048 bytes of state, 300 shipped, 12.5"
            + " ms\n"
            + "drained peer c: 1 actors moved; it leaves the swarm",
        r.out().strip());
  }

  @Test
  void drainWithAnActorThatCouldNotMoveExitsOneAndNamesIt() {
    Run r = drain("b", "--peer", peer());
    assertEquals(1, r.code());
    assertTrue(
        r.out().contains("could not move actor a/2: its behaviour does not implement Migratable"),
        r.out());
    assertTrue(r.out().contains("drained peer b: 1 actors moved, 1 could not move"), r.out());
  }

  @Test
  void drainOfAPeerOutsideTheViewIsTheEndpointsRefusal() {
    Run r = drain("zz", "--peer", peer());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("HTTP 400"), r.err());
    assertTrue(r.err().contains("peer zz is not in the swarm view"), r.err());
  }

  String peer() {
    return "127.0.0.1:" + server.address().getPort();
  }

  @Test
  void movedActorIsDescribedInOneLine() {
    Run r = run("a/1", "--to", "c", "--peer", peer());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "moved actor a/1 from peer a to peer c (epoch 3): 2048 bytes of state, 300 shipped, 12.5"
            + " ms",
        r.out().strip());
    assertEquals(List.of("a/1->c"), asked);
  }

  @Test
  void actorIdIsUrlEncodedOnTheWay() {
    run("a/1 &x=y", "--to", "c", "--peer", peer());
    assertEquals(List.of("a/1 &x=y->c"), asked);
  }

  @Test
  void failedMoveExitsOneWithThePeersReason() {
    Run r = run("a/1", "--to", "b", "--peer", peer());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("HTTP 409"), r.err());
    assertTrue(r.err().contains("peer b could not take it"), r.err());
  }

  @Test
  void missingTargetIsAUsageError() {
    Run r = run("a/1", "--peer", peer());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--to"), r.err());
    assertTrue(asked.isEmpty());
  }

  @Test
  void unreachablePeerIsOneLine() {
    Run r = run("a/1", "--to", "c", "--peer", "127.0.0.1:1");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("simplex swarm migrate: cannot reach"), r.err());
  }

  @Test
  void badPeerAddressNamesTheOption() {
    Run r = run("a/1", "--to", "c", "--peer", "nonsense");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("--peer"), r.err());
  }

  int status(String method, String path) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + peer() + path))
            .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void endpointTakesOnlyPostWithBothParameters() throws Exception {
    assertEquals(405, status("GET", "/migrate?actor=a/1&to=c"));
    assertEquals(400, status("POST", "/migrate?actor=a/1"));
    assertEquals(400, status("POST", "/migrate?actor=&to=c"));
    assertEquals(409, status("POST", "/migrate?actor=zz&to=c"));
    assertEquals(405, status("POST", "/status"));
    assertEquals(List.of("zz->c"), asked);
  }

  @Test
  void jsonPrintsTheEndpointsReply() {
    Run r = run("a/1", "--to", "c", "--json", "--peer", peer());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"shippedBytes\":300"), r.out());
  }
}
