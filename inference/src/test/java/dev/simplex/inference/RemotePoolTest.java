package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pools in one JVM joined by an in-memory port: peer "a" has a TorchScript model "team-embed"
 * that "b" lacks; both have the built-ins.
 */
class RemotePoolTest {
  @TempDir static Path dir;
  static Path modelFile;
  static InferencePool a;

  @BeforeAll
  static void openPeerA() throws Exception {
    modelFile = dir.resolve("team-embed.pt");
    float[] w = new float[256 * 8];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (rnd.nextDouble() - 0.5);
    }
    TorchScriptArchive.write(modelFile, w, 256, 8);
    a = pool(teamEmbed());
  }

  @AfterAll
  static void closePeerA() {
    a.close();
  }

  static String teamEmbed() {
    return """
        [model.team-embed]
        engine = pytorch
        task = embed
        path = %s
        tokenizer = ngram-hash:256
        device = cpu
        """
        .formatted(modelFile);
  }

  static InferencePool pool(String conf) {
    return InferencePool.open(
        InferenceConfig.parse(conf, "test.conf").withCacheDir(TestModels.CACHE));
  }

  static <T> T ok(CompletableFuture<AiResult<T>> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS).orThrow();
  }

  static AiResult.Err<?> err(CompletableFuture<? extends AiResult<?>> f) throws Exception {
    AiResult<?> r = f.get(60, TimeUnit.SECONDS);
    return assertInstanceOf(AiResult.Err.class, r, () -> "expected an error, got " + r);
  }

  @Test
  void aModelOnlyAnotherPeerHasIsServedByThatPeer() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("")) {
      swarm.add("a", a);
      swarm.add("b", b);
      List<String> texts = List.of("rain on the river", "bytecode frames");
      List<double[]> remote = ok(b.embedBatch(texts, "team-embed"));
      List<double[]> local = ok(a.embedBatch(texts, "team-embed"));
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(local.get(i), remote.get(i), 1e-6);
      }
      assertEquals(List.of("b->a"), swarm.calls);
      assertArrayEquals(local.get(0), ok(b.embed("rain on the river", "team-embed")), 1e-6);
    }
  }

  @Test
  void aModelNobodyHasIsModelNotFoundNamingTheSwarm() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("")) {
      swarm.add("a", a);
      swarm.add("b", b);
      var e = err(b.embed("x", "nobody-has-this"));
      assertEquals(AiError.ModelNotFound, e.error());
      assertTrue(e.message().contains("no other peer advertises it"), e.message());
      assertTrue(swarm.calls.isEmpty());
    }
  }

  @Test
  void remoteFirstShipsBuiltinCallsAndGetsTheSameVectors() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("route = remote-first\n");
        InferencePool c = pool("")) {
      swarm.add("a", a);
      swarm.add("b", b);
      double[] shipped = ok(b.embed("the cat slept in the sun", "default"));
      assertEquals(List.of("b->a"), swarm.calls);
      assertTrue(b.stats(BuiltinModels.EMBED).isEmpty(), "b never loaded its own copy");
      assertArrayEquals(ok(c.embed("the cat slept in the sun", "default")), shipped, 1e-6);
    }
  }

  @Test
  void remoteFirstFallsBackToItsOwnCopyWhenThePeerIsUnreachable() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("route = remote-first\n")) {
      swarm.add("a", a);
      swarm.add("b", b);
      swarm.behave("a", new InMemorySwarm.Unreachable());
      double[] v = ok(b.embed("a quiet morning", "default"));
      assertEquals(BuiltinModels.EMBED_DIM, v.length);
      assertEquals(List.of("b->a"), swarm.calls);
      assertEquals(1, b.stats(BuiltinModels.EMBED).orElseThrow().requests());
    }
  }

  @Test
  void aPeerThatHangsTimesOutAndTheCallFallsBack() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("route = remote-first\nremote_timeout_ms = 200\n")) {
      swarm.add("a", a);
      swarm.add("b", b);
      swarm.behave("a", new InMemorySwarm.Hangs());
      assertEquals(BuiltinModels.EMBED_DIM, ok(b.embed("late bus", "default")).length);
      var e = err(b.embed("late bus", "team-embed"));
      assertEquals(AiError.Timeout, e.error());
      assertTrue(e.message().contains("peer a") && e.message().contains("200 ms"), e.message());
    }
  }

  @Test
  void aSwarmModelInATierFallsToTheNextTierMemberWhenNoPeerHasIt() throws Exception {
    String conf =
        """
        [model.team-embed]
        engine = swarm
        task = embed

        [tiers]
        quality = team-embed
        """;
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool(conf)) {
      swarm.add("b", b);
      double[] alone = ok(b.embed("harbour lights", "quality"));
      assertEquals(BuiltinModels.EMBED_DIM, alone.length, "no peer: the built-in answered");
      var e = err(b.embed("harbour lights", "team-embed"));
      assertEquals(AiError.Unavailable, e.error());
      assertTrue(e.message().contains("engine = swarm"), e.message());

      swarm.add("a", a);
      double[] viaA = ok(b.embed("harbour lights", "quality"));
      assertEquals(8, viaA.length, "with a in the swarm its team-embed answered");
      assertFalse(b.capacity("b").serving("team-embed", ModelSpec.Task.EMBED).isPresent());
    }
  }

  @Test
  void theLeastLoadedPeerIsChosenAndAGpuWinsATie() {
    var router = new RemoteRouter(Routing.defaults(), null);
    router.connect(
        new RemotePool() {
          @Override
          public List<PeerCapacity> capacities() {
            return List.of(
                cap("busy-gpu", ModelCapacity.Device.GPU, 9),
                cap("idle-cpu", ModelCapacity.Device.CPU, 0),
                cap("idle-gpu", ModelCapacity.Device.GPU, 0),
                new PeerCapacity("other-model", List.of()));
          }

          @Override
          public CompletableFuture<byte[]> call(String peerId, byte[] request) {
            throw new UnsupportedOperationException();
          }
        });
    assertEquals(
        List.of("idle-gpu", "idle-cpu", "busy-gpu"),
        router.candidates("m", ModelSpec.Task.EMBED).stream()
            .map(RemoteRouter.Candidate::peerId)
            .toList());
    assertEquals(
        List.of("idle-gpu", "idle-cpu", "busy-gpu"),
        router.candidates("m", ModelSpec.Task.CLASSIFY).stream()
            .map(RemoteRouter.Candidate::peerId)
            .toList(),
        "embed models classify too");
    assertTrue(router.candidates("m", ModelSpec.Task.COMPLETE).isEmpty());
  }

  private static PeerCapacity cap(String peer, ModelCapacity.Device device, int depth) {
    return new PeerCapacity(
        peer, List.of(new ModelCapacity("m", ModelSpec.Task.EMBED, device, depth)));
  }

  @Test
  void localOnlyNeverShipsACall() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("route = local-only\n")) {
      swarm.add("a", a);
      swarm.add("b", b);
      assertEquals(AiError.ModelNotFound, err(b.embed("x", "team-embed")).error());
      assertTrue(swarm.calls.isEmpty());
    }
  }

  @Test
  void completeAndClassifyTravelToo() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("route = remote-first\n");
        InferencePool c = pool("")) {
      swarm.add("a", a);
      swarm.add("b", b);
      var request = new CompletionRequest("The harbour", "default", 0.9, 30, List.of());
      StringBuilder pieces = new StringBuilder();
      String text = ok(b.stream(request, pieces::append));
      assertEquals(ok(c.complete(request)), text, "the same request samples the same text");
      assertEquals(text, pieces.toString());
      List<String> labels = List.of("Weather", "Cooking");
      assertEquals(
          "Cooking",
          ok(b.classify("onions and garlic in the pan, cooking soup", labels, "default")));
      assertEquals(List.of("b->a", "b->a"), swarm.calls);
    }
  }

  @Test
  void aGarbledReplyIsInvalidOutputOrFallsBack() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("route = remote-first\n")) {
      swarm.add("a", a);
      swarm.add("b", b);
      swarm.behave("a", new InMemorySwarm.Garbles(r -> Arrays.copyOf(r, r.length / 2)));
      var e = err(b.embed("x", "team-embed"));
      assertEquals(AiError.InvalidOutput, e.error());
      assertTrue(e.message().startsWith("peer a:"), e.message());
      assertEquals(BuiltinModels.EMBED_DIM, ok(b.embed("x", "default")).length);
    }
  }

  @Test
  void aRemoteErrorComesBackWithItsKind() throws Exception {
    InMemorySwarm swarm = new InMemorySwarm();
    try (InferencePool b = pool("")) {
      swarm.add("a", a);
      swarm.add("b", b);
      var e = err(b.embed("x".repeat(40_000), "team-embed"));
      assertEquals(AiError.Unavailable, e.error());
      assertTrue(e.message().contains("max_input_chars"), e.message());
    }
  }

  @Test
  void capacityListsServableModelsWithDeviceAndDepth() throws Exception {
    ok(a.embed("warm it up", "team-embed"));
    PeerCapacity cap = a.capacity("a");
    assertEquals("a", cap.peerId());
    ModelCapacity team = cap.serving("team-embed", ModelSpec.Task.EMBED).orElseThrow();
    assertEquals(ModelCapacity.Device.CPU, team.device());
    assertEquals(0, team.queueDepth());
    assertTrue(cap.serving(BuiltinModels.COMPLETE, ModelSpec.Task.COMPLETE).isPresent());
    assertTrue(cap.serving(BuiltinModels.EMBED, ModelSpec.Task.CLASSIFY).isPresent());
    assertThrows(IllegalArgumentException.class, () -> new PeerCapacity(" ", List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ModelCapacity("m", ModelSpec.Task.EMBED, ModelCapacity.Device.CPU, -1));
  }

  @Test
  void theRawEmbedderGivesThePoolsVectorsWithoutTheBatcher() throws Exception {
    List<String> texts = List.of("bread from the oven", "wind over the hills");
    try (RawEmbedder raw = a.rawEmbedder("team-embed")) {
      List<double[]> direct = raw.embed(texts);
      List<double[]> pooled = ok(a.embedBatch(texts, "team-embed"));
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(pooled.get(i), direct.get(i), 1e-6);
      }
    }
    try (RawEmbedder raw = a.rawEmbedder("default")) {
      assertEquals(BuiltinModels.EMBED, raw.model());
      assertEquals(BuiltinModels.EMBED_DIM, raw.embed(List.of("x")).get(0).length);
    }
    var missing = assertThrows(AiException.class, () -> a.rawEmbedder("no-such"));
    assertEquals(AiError.ModelNotFound, missing.error());
    var wrongTask = assertThrows(AiException.class, () -> a.rawEmbedder(BuiltinModels.COMPLETE));
    assertEquals(AiError.ModelNotFound, wrongTask.error());
  }
}
