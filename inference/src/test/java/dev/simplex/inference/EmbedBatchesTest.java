package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbedBatchesTest {
  private static DjlEmbeddingModel embedder;
  private static final List<String> TEXTS =
      List.of(
          "rain on the roofs",
          "bytecode and frames",
          "",
          "bread from the oven",
          "Rain, on the ROOFS!",
          "日本語");

  @BeforeAll
  static void load() {
    TestModels.engine();
    embedder =
        DjlEmbeddingModel.builtin(
            BuiltinModels.ensure(TestModels.CACHE, BuiltinModels.EMBED), Device.cpu());
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static List<double[]> run(EmbedBatches batches, List<String> texts) throws Exception {
    List<EmbedBatches.Request> requests = new ArrayList<>();
    texts.forEach(t -> requests.add(batches.prepare(t)));
    return batches.run(requests);
  }

  private static void assertSameAsTheModel(List<String> texts, List<double[]> rows)
      throws Exception {
    assertEquals(texts.size(), rows.size());
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = embedder.embed(List.of(texts.get(i)))[0];
      assertEquals(alone.length, rows.get(i).length);
      for (int j = 0; j < alone.length; j++) {
        assertEquals(alone[j], rows.get(i)[j], 1e-5, "text " + i + " value " + j);
      }
    }
  }

  @Test
  void featuresComputedByTheCallersGiveTheVectorsOfTheTextsOneAtATime() throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        EmbedBatches batches = new EmbedBatches("e", embedder, allocator, 8)) {
      assertNotNull(batches.prepare("x").features(), "the built-in model takes features");
      assertSameAsTheModel(TEXTS, run(batches, TEXTS));
      // The vectors are reused: a smaller batch after a larger one sees none of its rows.
      assertSameAsTheModel(TEXTS.subList(0, 2), run(batches, TEXTS.subList(0, 2)));
    }
  }

  @Test
  void aCopyOfTheArrowBatchGivesTheSameVectorsAsAView() throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        EmbedBatches batches = new EmbedBatches("e", embedder, allocator, 8)) {
      batches.copyInputs();
      assertSameAsTheModel(TEXTS, run(batches, TEXTS));
    }
  }

  @Test
  void aBatchLargerThanPlannedGrowsTheVectors() throws Exception {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add("message number " + i);
    }
    try (BufferAllocator allocator = new RootAllocator();
        EmbedBatches batches = new EmbedBatches("e", embedder, allocator, 4)) {
      assertSameAsTheModel(many.subList(0, 3), run(batches, many.subList(0, 3)));
      assertSameAsTheModel(many, run(batches, many));
    }
  }

  @Test
  void aModelThatTakesOnlyTextsGetsTheTextsColumn() throws Exception {
    List<List<String>> seen = new ArrayList<>();
    EmbeddingModel textsOnly =
        new EmbeddingModel() {
          @Override
          public float[][] embed(List<String> texts) {
            seen.add(List.copyOf(texts));
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
              out[i] = new float[] {texts.get(i).length(), 1};
            }
            return out;
          }

          @Override
          public void close() {}
        };
    try (BufferAllocator allocator = new RootAllocator();
        EmbedBatches batches = new EmbedBatches("t", textsOnly, allocator, 2)) {
      assertNull(batches.prepare("abc").features());
      List<double[]> rows = run(batches, List.of("abc", "", "héllo"));
      assertEquals(List.of(List.of("abc", "", "héllo")), seen);
      assertArrayEquals(new double[] {3, 1}, rows.get(0));
      assertArrayEquals(new double[] {0, 1}, rows.get(1));
      assertArrayEquals(new double[] {5, 1}, rows.get(2));
    }
  }

  @Test
  void rowsOfDifferentLengthsAreInvalidOutput() {
    EmbeddingModel ragged =
        new EmbeddingModel() {
          @Override
          public float[][] embed(List<String> texts) {
            return new float[][] {{1, 2}, {1}};
          }

          @Override
          public void close() {}
        };
    try (BufferAllocator allocator = new RootAllocator();
        EmbedBatches batches = new EmbedBatches("r", ragged, allocator, 2)) {
      AiException e = assertThrows(AiException.class, () -> run(batches, List.of("a", "b")));
      assertEquals(AiError.InvalidOutput, e.error());
    }
  }

  @Test
  void aRequestNotPreparedForTheModelIsRefused() {
    try (BufferAllocator allocator = new RootAllocator();
        EmbedBatches batches = new EmbedBatches("e", embedder, allocator, 2)) {
      var e =
          assertThrows(
              IllegalStateException.class,
              () -> batches.run(List.of(new EmbedBatches.Request("raw text", null))));
      assertTrue(e.getMessage().contains("not prepared"), e.getMessage());
    }
  }
}
