package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferencePoolTest {
  private static InferencePool pool;

  @BeforeAll
  static void open() {
    pool = InferencePool.open(InferenceConfig.defaults(TestModels.CACHE));
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  private static <T> T ok(CompletableFuture<AiResult<T>> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS).orThrow();
  }

  private static AiResult.Err<?> err(CompletableFuture<? extends AiResult<?>> f) throws Exception {
    AiResult<?> r = f.get(60, TimeUnit.SECONDS);
    return assertInstanceOf(AiResult.Err.class, r, () -> "expected an error, got " + r);
  }

  @Test
  void builtinModelsAnswerWithNoConfiguration() throws Exception {
    double[] v = ok(pool.embed("the cat slept in the sun", "default"));
    assertEquals(BuiltinModels.EMBED_DIM, v.length);
    String text = ok(pool.complete("The train", "default", 0.7, 40, List.of()));
    assertTrue(text.length() <= 40);
  }

  @Test
  void embedBatchKeepsOrderAndMatchesSingleEmbeddings() throws Exception {
    List<String> texts = List.of("rain on the roofs", "bytecode and frames", "bread from the oven");
    List<double[]> batch = ok(pool.embedBatch(texts, "default"));
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(ok(pool.embed(texts.get(i), "simplex-embed")), batch.get(i), 1e-5);
    }
  }

  @Test
  void concurrentCallsFromVirtualThreadsShareBatches() throws Exception {
    List<CompletableFuture<AiResult<double[]>>> fs = new CopyOnWriteArrayList<>();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 64; i++) {
        int n = i;
        threads.submit(() -> fs.add(pool.embed("message number " + n, "default")));
      }
    }
    for (var f : fs) {
      assertEquals(BuiltinModels.EMBED_DIM, ok(f).length);
    }
    BatchStats stats = pool.stats(BuiltinModels.EMBED).orElseThrow();
    assertTrue(stats.largestBatch() > 1, stats.toString());
  }

  @Test
  void manyConcurrentCallersEachGetTheVectorOfTheirOwnTextAsOneAtATime() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      texts.add("caller " + i + (i % 3 == 0 ? " asks about the weather" : " sends an invoice"));
    }
    List<CompletableFuture<AiResult<double[]>>> fs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      fs.add(null);
    }
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < texts.size(); i++) {
        int n = i;
        threads.submit(() -> fs.set(n, pool.embed(texts.get(n), BuiltinModels.EMBED)));
      }
    }
    try (RawEmbedder raw = pool.rawEmbedder(BuiltinModels.EMBED)) {
      for (int i = 0; i < texts.size(); i++) {
        double[] alone = raw.embed(List.of(texts.get(i))).get(0);
        assertArrayEquals(alone, ok(fs.get(i)), 1e-5, texts.get(i));
      }
    }
  }

  @Test
  void aFullQueueAnswersRateLimitedAndTheRestAreServed() throws Exception {
    InferenceConfig tight =
        InferenceConfig.defaults(TestModels.CACHE)
            .withQueueCapacity(2)
            .withBuiltinBatching(1, java.time.Duration.ZERO);
    try (InferencePool p = InferencePool.open(tight)) {
      ok(p.embed("load the model first", BuiltinModels.EMBED));
      List<CompletableFuture<AiResult<double[]>>> fs = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        fs.add(p.embed("burst " + i, BuiltinModels.EMBED));
      }
      int limited = 0;
      int served = 0;
      for (var f : fs) {
        AiResult<double[]> r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        if (r instanceof AiResult.Err<double[]> e) {
          assertEquals(AiError.RateLimited, e.error(), e.message());
          limited++;
        } else {
          assertEquals(BuiltinModels.EMBED_DIM, ((AiResult.Ok<double[]>) r).value().length);
          served++;
        }
      }
      assertTrue(limited > 0, "a queue of 2 behind a one-at-a-time model refused nothing");
      assertTrue(served > 0);
      ok(p.embed("after the burst", BuiltinModels.EMBED));
    }
  }

  @Test
  void classifyPicksTheLabelClosestInMeaning() throws Exception {
    List<String> labels = List.of("Weather", "Cooking", "Networking");
    assertEquals(
        "Weather",
        ok(pool.classify("cold wind and rain all afternoon, weather is bad", labels, "default")));
    assertEquals(
        "Cooking",
        ok(pool.classify("onions and garlic in the pan, cooking soup", labels, "default")));
    assertThrows(IllegalArgumentException.class, () -> pool.classify("x", List.of(), "default"));
  }

  @Test
  void streamDeliversPiecesThatMakeTheWholeText() throws Exception {
    StringBuilder pieces = new StringBuilder();
    List<Integer> count = new ArrayList<>();
    String whole =
        ok(
            pool.stream(
                new CompletionRequest("The ship", "fast", 0.8, 50, List.of()),
                p -> {
                  pieces.append(p);
                  count.add(1);
                }));
    assertEquals(whole, pieces.toString());
    assertTrue(count.size() > 1 || whole.length() <= 1, "streamed in " + count.size() + " pieces");
  }

  @Test
  void completionIsReproducibleForTheSameRequest() throws Exception {
    var r = new CompletionRequest("The market sold", "default", 1.0, 60, List.of());
    assertEquals(ok(pool.complete(r)), ok(pool.complete(r)));
  }

  @Test
  void unknownModelIsModelNotFound() throws Exception {
    var e = err(pool.embed("x", "no-such-model"));
    assertEquals(AiError.ModelNotFound, e.error());
    assertTrue(e.message().contains("no-such-model"), e.message());
    assertEquals(
        AiError.ModelNotFound,
        err(pool.complete(CompletionRequest.of("x").withModel("gpt-9"))).error());
  }

  @Test
  void modelOfTheWrongTaskIsModelNotFound() throws Exception {
    var e = err(pool.embed("x", BuiltinModels.COMPLETE));
    assertEquals(AiError.ModelNotFound, e.error());
    assertTrue(e.message().contains("cannot serve embed"), e.message());
  }

  @Test
  void oversizedInputIsRefusedBeforeTheModel() throws Exception {
    var e = err(pool.embed("x".repeat(ModelRegistry.BUILTIN_MAX_INPUT_CHARS + 1), "default"));
    assertEquals(AiError.Unavailable, e.error());
    assertTrue(e.message().contains("max_input_chars"), e.message());
  }

  @Test
  void badArgumentsAreRejectedAtOnce() {
    assertThrows(
        IllegalArgumentException.class, () -> pool.complete("x", "default", 2.5, 10, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> pool.complete("x", "default", 0.5, 0, List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> pool.complete("x", "default", Double.NaN, 10, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> pool.complete("x", "default", 0.5, 10, List.of("")));
  }

  @Test
  void malformedAndMissingModelFilesAreErrorsNotCrashes(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.pt");
    Files.write(broken, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
    String conf =
        """
        [model.broken]
        engine = pytorch
        task = embed
        path = %s
        device = cpu

        [model.missing]
        engine = pytorch
        task = embed
        path = %s

        [model.far-gpu]
        engine = pytorch
        task = embed
        path = %s
        device = gpu(7)
        """
            .formatted(broken, dir.resolve("missing.pt"), broken);
    InferenceConfig c = InferenceConfig.parse(conf, "test.conf").withCacheDir(TestModels.CACHE);
    try (InferencePool p = InferencePool.open(c)) {
      var malformed = err(p.embed("x", "broken"));
      assertEquals(AiError.Unavailable, malformed.error());
      assertTrue(malformed.message().contains("broken.pt"), malformed.message());
      assertEquals(AiError.ModelNotFound, err(p.embed("x", "missing")).error());
      var gpu = err(p.embed("x", "far-gpu"));
      assertEquals(AiError.Unavailable, gpu.error());
      assertTrue(gpu.message().contains("gpu(7)"), gpu.message());
      // The built-ins still work beside broken models.
      assertEquals(BuiltinModels.EMBED_DIM, ok(p.embed("x", "default")).length);
    }
  }

  @Test
  void tiersPreferConfiguredModelsAndFallBackToBuiltins() throws Exception {
    try (FakeOpenAi server = new FakeOpenAi()) {
      server.on(
          "chat/completions",
          FakeOpenAi.Reply.json("{\"choices\":[{\"message\":{\"content\":\"remote says hi\"}}]}"));
      String conf =
          """
          [model.remote]
          engine = openai
          task = complete
          base_url = %s
          remote_model = tiny
          timeout_ms = 5000

          [tiers]
          quality = remote
          """
              .formatted(server.baseUrl());
      InferenceConfig c = InferenceConfig.parse(conf, "test.conf").withCacheDir(TestModels.CACHE);
      try (InferencePool p = InferencePool.open(c)) {
        assertEquals(
            "remote says hi", ok(p.complete(CompletionRequest.of("hi").withModel("quality"))));
        assertEquals(
            "remote says hi", ok(p.complete(CompletionRequest.of("hi").withModel("remote"))));
        // quality has no embed model configured, so it falls back to the built-in one.
        assertEquals(BuiltinModels.EMBED_DIM, ok(p.embed("x", "quality")).length);
        String local = ok(p.complete(new CompletionRequest("The", "fast", 0.0, 10, List.of())));
        assertNotEquals("remote says hi", local);
      }
    }
  }

  @Test
  void remoteProviderFailuresReachTheCallerAsResults() throws Exception {
    try (FakeOpenAi server = new FakeOpenAi()) {
      server.on("chat/completions", new FakeOpenAi.Reply(200, "{}", 2_000, "application/json"));
      server.on("embeddings", FakeOpenAi.Reply.json("not json at all"));
      String conf =
          """
          [model.slow]
          engine = openai
          task = complete
          base_url = %1$s
          remote_model = tiny
          timeout_ms = 150

          [model.junk]
          engine = openai
          task = embed
          base_url = %1$s
          remote_model = tiny
          """
              .formatted(server.baseUrl());
      try (InferencePool p =
          InferencePool.open(
              InferenceConfig.parse(conf, "t.conf").withCacheDir(TestModels.CACHE))) {
        assertEquals(
            AiError.Timeout, err(p.complete(CompletionRequest.of("x").withModel("slow"))).error());
        assertEquals(AiError.InvalidOutput, err(p.embed("x", "junk")).error());
      }
    }
  }

  @Test
  void callsAfterCloseAreUnavailable() throws Exception {
    InferencePool p = InferencePool.open(InferenceConfig.defaults(TestModels.CACHE));
    p.close();
    assertEquals(AiError.Unavailable, err(p.embed("x", "default")).error());
  }

  @Test
  void modelsAreGeneratedOnFirstUseIntoTheGivenCache(@TempDir Path cache) throws Exception {
    try (InferencePool p = InferencePool.open(InferenceConfig.defaults(cache))) {
      ok(p.embed("hello", "default"));
    }
    try (var dirs = Files.list(cache)) {
      assertTrue(
          dirs.anyMatch(d -> d.getFileName().toString().startsWith(BuiltinModels.EMBED + "-")));
    }
  }

  @Test
  void aRemoteLanguageModelClassifiesByNamingALabel() throws Exception {
    try (FakeOpenAi server = new FakeOpenAi()) {
      server.on(
          "chat/completions",
          FakeOpenAi.Reply.json("{\"choices\":[{\"message\":{\"content\":\"Cooking.\"}}]}"));
      String conf =
          """
          [model.llm]
          engine = openai
          task = classify
          base_url = %s
          remote_model = tiny
          """
              .formatted(server.baseUrl());
      try (InferencePool p =
          InferencePool.open(
              InferenceConfig.parse(conf, "t.conf").withCacheDir(TestModels.CACHE))) {
        assertEquals("Cooking", ok(p.classify("soup", List.of("Weather", "Cooking"), "llm")));
        assertTrue(
            server.seen.get(0).body().contains("Weather, Cooking"), server.seen.get(0).body());
        server.on(
            "chat/completions",
            FakeOpenAi.Reply.json("{\"choices\":[{\"message\":{\"content\":\"bananas\"}}]}"));
        assertEquals(
            AiError.InvalidOutput,
            err(p.classify("soup", List.of("Weather", "Cooking"), "llm")).error());
      }
    }
  }

  @Test
  void aCorruptedBuiltinModelInTheCacheIsGeneratedAgain(@TempDir Path cache) throws Exception {
    Path dir = BuiltinModels.ensure(cache, BuiltinModels.EMBED);
    Path params = dir.resolve(BuiltinModels.EMBED + "-0000.params");
    byte[] good = Files.readAllBytes(params);
    Files.write(params, java.util.Arrays.copyOf(good, good.length / 3));
    try (InferencePool p = InferencePool.open(InferenceConfig.defaults(cache))) {
      assertEquals(BuiltinModels.EMBED_DIM, ok(p.embed("still works", "default")).length);
    }
    assertArrayEquals(good, Files.readAllBytes(params));
  }

  @Test
  void poolsRacingToGenerateTheSameCacheBothSucceed(@TempDir Path cache) throws Exception {
    try (InferencePool a = InferencePool.open(InferenceConfig.defaults(cache));
        InferencePool b = InferencePool.open(InferenceConfig.defaults(cache))) {
      var fa = a.embed("same text", "default");
      var fb = b.embed("same text", "default");
      assertArrayEquals(ok(fa), ok(fb), 1e-6);
    }
  }
}
