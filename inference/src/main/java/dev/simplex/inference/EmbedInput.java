package dev.simplex.inference;

import java.nio.ByteBuffer;

/**
 * What an embedding predictor is fed: texts its translator tokenizes, or rows of n-gram features
 * already computed (by the callers, see {@link Tokenizer.NgramHash#sparse}) and laid out in a
 * direct buffer, which becomes the input tensor without another copy.
 */
sealed interface EmbedInput {
  int rows();

  record Texts(String[] texts) implements EmbedInput {
    @Override
    public int rows() {
      return texts.length;
    }
  }

  /**
   * {@code rows} x {@code buckets} float32 values in native order, exactly that many bytes
   * remaining in {@code data}, which must be a direct buffer and stay untouched until the predictor
   * returns.
   */
  record Features(ByteBuffer data, int rows, int buckets) implements EmbedInput {
    public Features {
      if (!data.isDirect() || data.remaining() != rows * buckets * Float.BYTES) {
        throw new IllegalArgumentException(
            "features need a direct buffer of "
                + rows * buckets * Float.BYTES
                + " bytes, got "
                + data.remaining()
                + (data.isDirect() ? "" : " on the heap"));
      }
    }
  }
}
