package dev.simplex.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * An embedding model's DJL predictor, called directly on the caller's thread: no batcher, no queue,
 * no Arrow. For benchmarks that measure what the pool adds; from {@link InferencePool#rawEmbedder}.
 * On the CPU the calling thread gets the same operation-thread limit as the pool's batcher threads
 * ({@link DjlRuntime#cpuThreads()}), so both run the model with the same engine settings. Not
 * thread-safe (DJL predictors are not): one caller at a time.
 */
public final class RawEmbedder implements AutoCloseable {
  private final String model;
  private static final ThreadLocal<Boolean> LIMITED = ThreadLocal.withInitial(() -> false);
  private final DjlEmbeddingModel embedder;
  private final boolean cpu;

  RawEmbedder(String model, DjlEmbeddingModel embedder) {
    this.model = model;
    this.embedder = embedder;
    this.cpu = !embedder.device().isGpu();
  }

  public String model() {
    return model;
  }

  /**
   * One vector per text, in order, exactly as the model computes them for this batch.
   *
   * @throws AiException when the predictor fails
   */
  public List<double[]> embed(List<String> texts) {
    float[][] rows;
    if (cpu && !LIMITED.get()) {
      DjlRuntime.limitCpuThreads(); // the engine settings the pool's batcher threads run with
      LIMITED.set(true);
    }
    try {
      rows = embedder.embed(texts);
    } catch (Exception e) {
      throw AiException.causeOf(e)
          .orElseGet(
              () ->
                  new AiException(
                      AiError.Unavailable, "model '" + model + "' failed: " + e.getMessage(), e));
    }
    List<double[]> out = new ArrayList<>(rows.length);
    for (float[] row : rows) {
      double[] v = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        v[i] = row[i];
      }
      out.add(v);
    }
    return out;
  }

  @Override
  public void close() {
    embedder.close();
  }
}
