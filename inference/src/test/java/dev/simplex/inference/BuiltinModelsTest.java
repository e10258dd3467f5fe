package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinModelsTest {
  private static DjlEmbeddingModel embedder;
  private static DjlGeneratorModel generator;

  @BeforeAll
  static void load() {
    TestModels.engine();
    embedder =
        DjlEmbeddingModel.builtin(
            BuiltinModels.ensure(TestModels.CACHE, BuiltinModels.EMBED), Device.cpu());
    generator =
        DjlGeneratorModel.builtin(
            BuiltinModels.ensure(TestModels.CACHE, BuiltinModels.COMPLETE), Device.cpu());
  }

  @AfterAll
  static void close() {
    embedder.close();
    generator.close();
  }

  @Test
  void similarTextsScoreHigherThanUnrelatedOnes() throws Exception {
    float[][] v =
        embedder.embed(
            List.of(
                "The weather is cold and rainy today",
                "Today the weather is rainy and cold",
                "The compiler writes bytecode for the virtual machine"));
    assertTrue(
        cosine(v[0], v[1]) > cosine(v[0], v[2]) + 0.2,
        cosine(v[0], v[1]) + " vs " + cosine(v[0], v[2]));
  }

  @Test
  void sameTextGivesSameVectorAloneOrInABatch() throws Exception {
    float[] alone = embedder.embed(List.of("an actor handles one message at a time"))[0];
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      batch.add(i == 9 ? "an actor handles one message at a time" : "filler text number " + i);
    }
    float[] inBatch = embedder.embed(batch)[9];
    assertEquals(BuiltinModels.EMBED_DIM, alone.length);
    for (int i = 0; i < alone.length; i++) {
      assertEquals(alone[i], inBatch[i], 1e-5);
    }
  }

  @Test
  void embeddingsAreUnitLengthAndNeverZeroForNonEmptyText() throws Exception {
    for (float[] v : embedder.embed(List.of("a", "!!!", " ", "日本語", "x".repeat(5000)))) {
      assertEquals(1.0, Math.sqrt(cosineDot(v, v)), 1e-4);
    }
  }

  @Test
  void generationIsDeterministicInTheCacheAndLoadsThroughDjl(@TempDir Path dir) throws Exception {
    Path first = BuiltinModels.ensure(dir, BuiltinModels.EMBED);
    byte[] params = Files.readAllBytes(first.resolve(BuiltinModels.EMBED + "-0000.params"));
    byte[] shared =
        Files.readAllBytes(
            BuiltinModels.ensure(TestModels.CACHE, BuiltinModels.EMBED)
                .resolve(BuiltinModels.EMBED + "-0000.params"));
    assertArrayEquals(shared, params);
    try (DjlEmbeddingModel again = DjlEmbeddingModel.builtin(first, Device.cpu())) {
      assertArrayEquals(
          embedder.embed(List.of("hello"))[0], again.embed(List.of("hello"))[0], 1e-6f);
    }
  }

  @Test
  void generatorContinuesAPromptWithCorpusLikeText() throws Exception {
    var req = new CompletionRequest("The river", "default", 0.0, 60, List.of());
    String out = generator.complete(List.of(req), List.of(s -> {})).get(0);
    assertFalse(out.isEmpty());
    assertTrue(out.length() <= 60);
    String corpus = Corpus.shipped().text();
    assertTrue(out.chars().allMatch(c -> corpus.indexOf(c) >= 0), "only corpus characters: " + out);
    assertFalse(out.contains("\n"), "newline ends a text and is never returned");
  }

  @Test
  void generatorHonoursMaxTokensAndStopStringsAndStreamsTheSameText() throws Exception {
    var capped = new CompletionRequest("The peer", "default", 0.7, 5, List.of());
    var stopped =
        new CompletionRequest("The children played", "default", 0.0, 400, List.of(" the"));
    StringBuilder streamed = new StringBuilder();
    List<String> out =
        generator.complete(List.of(capped, stopped), List.of(s -> {}, streamed::append));
    assertTrue(out.get(0).length() <= 5, out.get(0));
    assertFalse(out.get(1).contains(" the"), out.get(1));
    assertEquals(out.get(1), streamed.toString());
  }

  static double cosine(float[] a, float[] b) {
    return cosineDot(a, b) / Math.sqrt(cosineDot(a, a) * cosineDot(b, b));
  }

  static double cosineDot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
