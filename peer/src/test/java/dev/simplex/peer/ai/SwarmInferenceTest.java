package dev.simplex.peer.ai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.simplex.gossip.EnvelopeKind;
import dev.simplex.gossip.PeerId;
import dev.simplex.inference.AiResult;
import dev.simplex.inference.ModelSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real peers in one JVM on loopback (TCP discovery, grid, INFERENCE envelopes): peer b routes
 * every AI call to the swarm first ({@code route = remote-first}), peer a serves the built-ins.
 * Ordered: a serves b's calls, then a leaves and b answers on its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmInferenceTest {
  static final String EMBED = "simplex-embed";
  static TwoPeers a;
  static TwoPeers b;

  @BeforeAll
  static void startTwoPeers() {
    String swarm = "ai-test-" + ProcessHandle.current().pid();
    List<Integer> ports = TwoPeers.freePorts(4);
    List<Integer> transports = ports.subList(0, 2);
    a = TwoPeers.start(swarm, "a", ports.get(0), ports.get(2), transports, "");
    b =
        TwoPeers.start(
            swarm,
            "b",
            ports.get(1),
            ports.get(3),
            transports,
            // a's first answer includes loading its model (the PyTorch engine starts): on a
            // loaded 2-core machine that took more than the default 10 s, and b fell back to its
            // own copy; this test is about where the call goes, not about the timeout
            "route = remote-first\nremote_timeout_ms = 120000\n");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                a.node().view().size() == 2
                    && a.grid().memberCount() == 2
                    && b.link().capacities().stream().anyMatch(c -> c.peerId().equals("a")));
  }

  @AfterAll
  static void stop() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  static <T> T ok(CompletableFuture<AiResult<T>> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS).orThrow();
  }

  @Test
  @Order(1)
  void eachPeerSeesTheOthersModelsInTheGrid() {
    var seenByB = b.link().capacities();
    assertEquals(List.of("a"), seenByB.stream().map(c -> c.peerId()).toList());
    assertTrue(seenByB.get(0).serving(EMBED, ModelSpec.Task.EMBED).isPresent());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> a.link().capacities().stream().anyMatch(c -> c.peerId().equals("b")));
  }

  @Test
  @Order(2)
  void bsEmbedCallIsAnsweredByA() throws Exception {
    List<String> texts = List.of("the cat slept in the sun", "frames are data");
    List<double[]> fromSwarm = ok(b.pool().embedBatch(texts, "default"));
    assertTrue(b.pool().stats(EMBED).isEmpty(), "b never loaded a model of its own");
    assertEquals(texts.size(), a.pool().stats(EMBED).orElseThrow().requests());
    List<double[]> atA = ok(a.pool().embedBatch(texts, EMBED));
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(atA.get(i), fromSwarm.get(i), 1e-6);
    }
    String label =
        ok(
            b.pool()
                .classify(
                    "onions and garlic in the pan, cooking soup",
                    List.of("Weather", "Cooking"),
                    "default"));
    assertEquals("Cooking", label);
    assertTrue(b.pool().stats(EMBED).isEmpty());
  }

  @Test
  @Order(3)
  void malformedInferenceFramesAreDroppedAndCounted() throws Exception {
    long before = a.link().dropped();
    b.node().send(new PeerId("a"), EnvelopeKind.INFERENCE, 1, new byte[] {9});
    b.node()
        .send(new PeerId("a"), EnvelopeKind.INFERENCE, 1, new byte[] {7, 0, 0, 0, 0, 0, 0, 0, 1});
    b.node()
        .send(
            new PeerId("a"),
            EnvelopeKind.INFERENCE,
            1,
            new InferenceFrame(InferenceFrame.Type.REPLY, 424242, new byte[3]).encode());
    await().atMost(Duration.ofSeconds(10)).until(() -> a.link().dropped() == before + 3);
    // a request of garbage bytes gets an error reply naming the problem, and the link still works
    byte[] reply = b.link().call("a", "not arrow".getBytes()).get(30, TimeUnit.SECONDS);
    try (var allocator = new org.apache.arrow.memory.RootAllocator();
        var reader =
            new org.apache.arrow.vector.ipc.ArrowStreamReader(
                new java.io.ByteArrayInputStream(reply), allocator)) {
      var header = reader.getVectorSchemaRoot().getSchema().getCustomMetadata();
      assertEquals("InvalidOutput", header.get("simplex.error"));
      assertTrue(header.get("simplex.message").contains("Arrow"), header.toString());
    }
    assertEquals(2, ok(b.pool().embedBatch(List.of("x", "y"), "default")).size());
  }

  @Test
  @Order(4)
  void afterALeavesBFallsBackToItsOwnModel() throws Exception {
    a.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> b.node().view().size() == 1);
    double[] v = ok(b.pool().embed("rain over the harbour", "default"));
    assertEquals(1, b.pool().stats(EMBED).orElseThrow().requests(), "b answered it itself");
    assertTrue(b.link().capacities().isEmpty());
    assertTrue(v.length > 0);
  }
}
