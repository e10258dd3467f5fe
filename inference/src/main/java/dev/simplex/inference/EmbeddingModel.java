package dev.simplex.inference;

import java.util.List;
import java.util.Optional;

/** A loaded model that embeds a batch of texts; local (DJL) or remote (an HTTP provider). */
interface EmbeddingModel extends AutoCloseable {

  /** One unit-free vector per text, in order. */
  float[][] embed(List<String> texts) throws Exception;

  /**
   * The tokenizer whose features the model also takes precomputed (see {@link #embed(
   * EmbedInput.Features)}), so callers can featurise their own texts before they join a batch;
   * empty when the model only takes texts.
   */
  default Optional<Tokenizer.NgramHash> features() {
    return Optional.empty();
  }

  /** One vector per row of precomputed features; only for a model with {@link #features()}. */
  default float[][] embed(EmbedInput.Features features) throws Exception {
    throw new UnsupportedOperationException("this model takes texts, not features");
  }

  @Override
  void close();
}
