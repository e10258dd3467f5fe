package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptModelTest {

  @Test
  void aTorchScriptFileLoadsThroughTheUserModelPath(@TempDir Path dir) throws Exception {
    int buckets = 256;
    int dim = 8;
    float[] w = new float[buckets * dim];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (rnd.nextDouble() - 0.5);
    }
    Path pt = dir.resolve("projection.pt");
    TorchScriptArchive.write(pt, w, buckets, dim);
    String conf =
        """
        [model.mine]
        engine = pytorch
        task = embed
        path = %s
        tokenizer = ngram-hash:%d
        device = auto
        max_batch = 4
        """
            .formatted(pt, buckets);
    try (InferencePool pool =
        InferencePool.open(InferenceConfig.parse(conf, "t.conf").withCacheDir(TestModels.CACHE))) {
      AiResult<List<double[]>> r =
          pool.embedBatch(
                  List.of("the river in spring", "the river in the spring", "bytecode"), "mine")
              .get(60, TimeUnit.SECONDS);
      List<double[]> v = r.orThrow();
      assertEquals(dim, v.get(0).length);
      // Same projection computed here in Java: the TorchScript graph really ran on our features.
      float[] f = new Tokenizer.NgramHash(buckets).features("bytecode");
      double[] expect = new double[dim];
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        for (int i = 0; i < buckets; i++) {
          expect[j] += f[i] * w[i * dim + j];
        }
        norm += expect[j] * expect[j];
      }
      for (int j = 0; j < dim; j++) {
        assertEquals(expect[j] / Math.sqrt(norm), v.get(2)[j], 1e-4);
      }
      assertTrue(Labels.cosine(v.get(0), v.get(1)) > Labels.cosine(v.get(0), v.get(2)));
    }
  }

  private static InferencePool poolWith(Path pt, String tokenizer) {
    String conf =
        """
        [model.mine]
        engine = pytorch
        task = embed
        path = %s
        tokenizer = %s
        device = cpu
        """
            .formatted(pt, tokenizer);
    return InferencePool.open(InferenceConfig.parse(conf, "t.conf").withCacheDir(TestModels.CACHE));
  }

  @Test
  void aModelThatAnswersNaNIsInvalidOutput(@TempDir Path dir) throws Exception {
    Path pt = dir.resolve("nan.pt");
    float[] w = new float[64 * 4];
    java.util.Arrays.fill(w, Float.NaN);
    TorchScriptArchive.write(pt, w, 64, 4);
    try (InferencePool pool = poolWith(pt, "ngram-hash:64")) {
      var r =
          assertInstanceOf(
              AiResult.Err.class, pool.embed("hello", "mine").get(60, TimeUnit.SECONDS));
      assertEquals(AiError.InvalidOutput, r.error());
      assertTrue(r.message().contains("non-finite"), r.message());
    }
  }

  @Test
  void inputTheModelCannotTakeFailsTheCallNotThePeer(@TempDir Path dir) throws Exception {
    Path pt = dir.resolve("small.pt");
    TorchScriptArchive.write(pt, new float[64 * 4], 64, 4);
    // The tokenizer makes 128 features but the model's matrix has 64 rows: torch refuses the
    // matmul.
    try (InferencePool pool = poolWith(pt, "ngram-hash:128")) {
      var r =
          assertInstanceOf(
              AiResult.Err.class, pool.embed("hello", "mine").get(60, TimeUnit.SECONDS));
      assertEquals(AiError.Unavailable, r.error());
      assertTrue(r.message().contains("mine"), r.message());
      // The pool is still serving other models.
      assertTrue(pool.embed("hello", "default").get(60, TimeUnit.SECONDS).isOk());
    }
  }

  @Test
  void aTorchScriptClassifierScoresItsConfiguredLabels(@TempDir Path dir) throws Exception {
    int buckets = 512;
    List<String> classes =
        List.of("rain wind storm cold", "bread oven soup garlic", "packets network machines");
    Tokenizer.NgramHash tokenizer = new Tokenizer.NgramHash(buckets);
    // Class k scores the text's overlap with the n-grams of its description.
    float[] w = new float[buckets * classes.size()];
    for (int k = 0; k < classes.size(); k++) {
      float[] f = tokenizer.features(classes.get(k));
      for (int b = 0; b < buckets; b++) {
        w[b * classes.size() + k] = f[b] > 0 ? 1f : 0f;
      }
    }
    Path pt = dir.resolve("topics.pt");
    TorchScriptArchive.write(pt, w, buckets, classes.size());
    String conf =
        """
        [model.topics]
        engine = pytorch
        task = classify
        path = %s
        tokenizer = ngram-hash:%d
        labels = Weather, Cooking, Networking
        device = cpu
        """
            .formatted(pt, buckets);
    try (InferencePool pool =
        InferencePool.open(InferenceConfig.parse(conf, "t.conf").withCacheDir(TestModels.CACHE))) {
      List<String> labels = List.of("Weather", "Cooking", "Networking");
      assertEquals(
          "Weather",
          pool.classify("a cold storm with rain", labels, "topics")
              .get(60, TimeUnit.SECONDS)
              .orThrow());
      assertEquals(
          "Cooking",
          pool.classify("garlic soup and fresh bread", labels, "topics")
              .get(60, TimeUnit.SECONDS)
              .orThrow());
      assertEquals(
          "Networking",
          pool.classify("packets between machines", List.of("Cooking", "Networking"), "topics")
              .get(60, TimeUnit.SECONDS)
              .orThrow());
      var unknown =
          assertInstanceOf(
              AiResult.Err.class,
              pool.classify("x", List.of("Sports"), "topics").get(60, TimeUnit.SECONDS));
      assertEquals(AiError.InvalidOutput, unknown.error());
    }
  }
}
