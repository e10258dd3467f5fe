package dev.simplex.peer.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin endpoint over real HTTP with a fixed source; hostile input must never stop it. */
class AdminServerTest {
  final LogTail logs = new LogTail(100);
  final AtomicBoolean failing = new AtomicBoolean();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  AdminServer server;

  final AdminSource source =
      new AdminSource() {
        @Override
        public SwarmStatus status() {
          if (failing.get()) throw new IllegalStateException("grid is gone");
          return new SwarmStatus(
              "lab",
              "p1",
              7,
              List.of(
                  new PeerRow(
                      "p1", "10.0.0.1:7800", "up", true, 4, 12.5, 2, 0.25, 100 << 20, 512 << 20),
                  new PeerRow("p2", "10.0.0.2:7800", "joining", false, 0, 0, 0, -1, 0, 0)));
        }

        @Override
        public Map<String, Object> metrics() {
          return Map.of("transport", Map.of("sent", 3L));
        }

        @Override
        public LogTail logs() {
          return logs;
        }

        @Override
        public Map<String, Object> replicas() {
          return Map.of("standbys", Map.of("p1/9", List.of("p2", "p3")), "warmCopies", 2);
        }
      };

  @BeforeEach
  void start() {
    server = AdminServer.bind(new InetSocketAddress("127.0.0.1", 0));
    server.serve(source);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void statusIsTheSourcesSwarmStatusAsJson() throws Exception {
    HttpResponse<String> r = get("/status");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(source.status(), SwarmStatus.fromJson(Json.parse(r.body())));
  }

  @Test
  void actorsListsCountsCpuAndMemoryPerPeer() throws Exception {
    Map<?, ?> doc = (Map<?, ?>) Json.parse(get("/actors").body());
    Map<?, ?> first = (Map<?, ?>) ((List<?>) doc.get("peers")).get(0);
    assertEquals(
        Map.of(
            "id", "p1", "actors", 4L, "cpu", 0.25, "heapUsed", 100L << 20, "heapMax", 512L << 20),
        first);
    assertEquals(
        Map.of("standbys", Map.of("p1/9", List.of("p2", "p3")), "warmCopies", 2L),
        doc.get("replicas"),
        "this peer's replicated actors with their standbys, and the warm copies it holds");
  }

  @Test
  void logsReturnsTheRequestedNumberOfRecentLines() throws Exception {
    for (int i = 0; i < 10; i++) logs.append("line " + i);
    Map<?, ?> doc = (Map<?, ?>) Json.parse(get("/logs?lines=2").body());
    assertEquals(List.of("line 8", "line 9"), doc.get("lines"));
  }

  @Test
  void followStreamsLinesAppendedAfterTheRequest() throws Exception {
    logs.append("old");
    HttpResponse<Stream<String>> r =
        http.send(request("/logs?follow=1&lines=1"), HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    Iterator<String> lines = r.body().iterator();
    assertEquals("old", lines.next());
    logs.append("new one");
    logs.append("newer");
    assertEquals("new one", lines.next());
    assertEquals("newer", lines.next());
    r.body().close();
  }

  @Test
  void logsFollowCommandPrintsNewLinesUntilThePeerStops() throws Exception {
    logs.append("already there");
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new SwarmCommand());
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    int[] code = {-1};
    Thread follower =
        Thread.ofPlatform()
            .start(
                () ->
                    code[0] =
                        cli.execute(
                            "logs",
                            "--follow",
                            "--lines",
                            "1",
                            "--peer",
                            "127.0.0.1:" + server.address().getPort()));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> out.toString().contains("already there") && logs.followerCount() == 1);
    logs.append("arrived while following");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> out.toString().contains("arrived while following"));
    server.close();
    follower.join(10_000);
    assertEquals(0, code[0], err.toString());
    assertEquals(
        List.of("already there", "arrived while following"), out.toString().lines().toList());
  }

  @Test
  void unknownPathsWrongMethodsAndBadQueriesGetErrorsNamingTheProblem() throws Exception {
    HttpResponse<String> missing = get("/nope");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("/status"), missing.body());
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri("/status"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    for (String bad :
        List.of("/logs?lines=abc", "/logs?lines=-1", "/logs?follow=maybe", "/logs?lines=%E2")) {
      HttpResponse<String> r = get(bad);
      assertEquals(400, r.statusCode(), bad);
      assertTrue(
          ((Map<?, ?>) Json.parse(r.body())).get("error").toString().contains("query parameter"),
          r.body());
    }
  }

  @Test
  void aRequestUriThatIsNotUrlEncodedIsABadRequest() throws Exception {
    String reply =
        sendRaw(
            "GET /logs?lines=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    // The JDK server refuses such a URI itself, before it reaches our handler.
    assertTrue(reply.contains("400 Bad Request"), reply);
    assertEquals(200, get("/status").statusCode());
  }

  @Test
  void aFailingSourceIsAnInternalErrorNotADeadEndpoint() throws Exception {
    failing.set(true);
    HttpResponse<String> r = get("/status");
    assertEquals(500, r.statusCode());
    assertTrue(r.body().contains("grid is gone"), r.body());
    failing.set(false);
    assertEquals(200, get("/status").statusCode());
  }

  @Test
  void malformedHttpNeverStopsTheEndpoint() throws Exception {
    List<byte[]> garbage =
        List.of(
            new byte[] {0, 1, 2, 3, (byte) 0xff, '\r', '\n', '\r', '\n'},
            "GET /status\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "GET /%zz%% HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "GET /status HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII),
            ("GET /status HTTP/1.1\r\nX-Big: " + "a".repeat(1 << 20) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII),
            "GET /sta".getBytes(StandardCharsets.US_ASCII),
            "HELLO\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
    for (byte[] bytes : garbage) {
      sendRaw(bytes);
      assertEquals(
          200,
          get("/status").statusCode(),
          "after " + new String(bytes, 0, Math.min(30, bytes.length), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void bindingATakenAddressNamesTheAdminOption() {
    InetSocketAddress taken = server.address();
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.UncheckedIOException.class, () -> AdminServer.bind(taken));
    assertTrue(
        e.getMessage().startsWith("--admin 127.0.0.1:" + taken.getPort() + " cannot be bound"),
        e.getMessage());
  }

  /** Writes raw bytes, reads whatever comes back until the server closes or a short wait ends. */
  private String sendRaw(byte[] bytes) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
        s.shutdownOutput();
        InputStream in = s.getInputStream();
        return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      } catch (IOException expected) {
        // the server may reset a connection it cannot parse; that is the point
        return "";
      }
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }
}
