package dev.simplex.inference;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A loaded model that embeds a batch of texts; local (DJL) or remote (an HTTP provider). */
interface EmbeddingModel extends AutoCloseable {

  /** One unit-free vector per text, in order. */
  float[][] embed(List<String> texts) throws Exception;

  /** The Arrow form of {@link #embed}: a texts batch in, an embeddings batch out. */
  default VectorSchemaRoot embed(VectorSchemaRoot texts, BufferAllocator allocator)
      throws Exception {
    float[][] rows = embed(ArrowBatches.readTexts(texts));
    int dim = rows.length == 0 ? 0 : rows[0].length;
    return ArrowBatches.embeddings(allocator, rows, dim);
  }

  @Override
  void close();
}
