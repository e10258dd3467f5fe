package dev.simplex.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Texts in, one embedding row per text out. Checks the model's answer: a 2-D float output with one
 * finite, non-zero row per input, or InvalidOutput.
 */
final class EmbedTranslator implements NoBatchifyTranslator<EmbedInput, float[][]> {
  private final Tokenizer tokenizer;
  private final String model;

  EmbedTranslator(Tokenizer tokenizer, String model) {
    this.tokenizer = tokenizer;
    this.model = model;
  }

  Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, EmbedInput input) {
    NDManager m = ctx.getNDManager();
    return switch (input) {
      case EmbedInput.Features f -> {
        if (!(tokenizer instanceof Tokenizer.NgramHash h) || h.buckets() != f.buckets()) {
          throw new IllegalArgumentException(
              "model '"
                  + model
                  + "' takes "
                  + tokenizer
                  + " input, not "
                  + f.buckets()
                  + " buckets");
        }
        yield new NDList(
            m.create(
                f.data(), new Shape(f.rows(), f.buckets()), ai.djl.ndarray.types.DataType.FLOAT32));
      }
      case EmbedInput.Texts t -> texts(m, t.texts());
    };
  }

  private NDList texts(NDManager m, String[] texts) {
    return switch (tokenizer) {
      case Tokenizer.NgramHash h -> {
        // Sparse features scattered straight into the tensor's direct buffer: no dense row per
        // text.
        int rowBytes = h.buckets() * Float.BYTES;
        ByteBuffer data = m.allocateDirect(texts.length * rowBytes);
        for (int i = 0; i < texts.length; i++) {
          h.sparse(texts[i]).scatter(data, i * rowBytes);
        }
        yield new NDList(
            m.create(
                data, new Shape(texts.length, h.buckets()), ai.djl.ndarray.types.DataType.FLOAT32));
      }
      case Tokenizer.Bytes b -> new NDList(m.create(b.ids(Arrays.asList(texts))));
    };
  }

  @Override
  public float[][] processOutput(TranslatorContext ctx, NDList list) {
    if (list.isEmpty()) {
      throw invalid("no output tensor");
    }
    NDArray out = list.get(0);
    Shape shape = out.getShape();
    if (shape.dimension() != 2) {
      throw invalid("output shape " + shape + ", expected (batch, dim)");
    }
    int rows = (int) shape.get(0);
    int dim = (int) shape.get(1);
    float[] flat = out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    float[][] result = new float[rows][];
    for (int i = 0; i < rows; i++) {
      result[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
      double sq = 0;
      for (float v : result[i]) {
        if (!Float.isFinite(v)) {
          throw invalid("a non-finite value in row " + i);
        }
        sq += v * v;
      }
      if (sq == 0) {
        throw invalid("a zero vector in row " + i);
      }
    }
    return result;
  }

  private AiException invalid(String what) {
    return new AiException(
        AiError.InvalidOutput, "embedding model '" + model + "' produced " + what);
  }
}
