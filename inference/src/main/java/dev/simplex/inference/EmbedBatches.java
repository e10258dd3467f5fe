package dev.simplex.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The batch function behind one embedding model's batcher. Every batch goes in and comes out as
 * Arrow vectors that belong to the model and are allocated once, then reused batch after batch:
 *
 * <ul>
 *   <li>a model that takes n-gram features ({@link EmbeddingModel#features()}, the built-in one and
 *       TorchScript models with an {@code ngram-hash} tokenizer) gets {@code features:
 *       FixedSizeList<Float32>[buckets]}, whose data buffer becomes the input tensor as is. The
 *       callers compute their own texts' sparse features ({@link #prepare}) before they queue, so
 *       the batcher's thread only scatters a few dozen values per row;
 *   <li>any other model gets {@code text: Utf8};
 *   <li>the output is {@code embedding: FixedSizeList<Float64>[dim]}, from which each caller's row
 *       is read.
 * </ul>
 *
 * {@link #run} is called by the batcher's one thread only; {@link #prepare} by any caller.
 */
final class EmbedBatches implements AutoCloseable {
  private static final FieldType FLOAT32 =
      FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
  private static final FieldType FLOAT64 =
      FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));

  /** One request: its text, and its sparse features when the model takes them precomputed. */
  record Request(String text, Tokenizer.Sparse features) {}

  private final String model;
  private final EmbeddingModel embedder;
  private final BufferAllocator allocator;
  private final Optional<Tokenizer.NgramHash> featurizer;
  private int rowsCapacity;
  private boolean zeroCopy = true;
  private ByteBuffer staging;
  private byte[] stagingHeap;
  private byte[] scratch;
  private FixedSizeListVector features;
  private VarCharVector texts;
  private FixedSizeListVector output;

  EmbedBatches(String model, EmbeddingModel embedder, BufferAllocator allocator, int maxRows) {
    this.model = model;
    this.embedder = embedder;
    this.allocator = allocator;
    this.featurizer = embedder.features();
    this.rowsCapacity = Math.max(1, maxRows);
  }

  /** Hands every batch to the model as a copy instead of a view of the Arrow memory. */
  void copyInputs() {
    zeroCopy = false;
  }

  /** The request for {@code text}; featurises it here, on the caller's thread, when it can. */
  Request prepare(String text) {
    return new Request(text, featurizer.map(h -> h.sparse(text)).orElse(null));
  }

  /** One vector per request, in order. */
  List<double[]> run(List<Request> batch) throws Exception {
    int n = batch.size();
    if (n > rowsCapacity) {
      closeVectors();
      rowsCapacity = n;
    }
    float[][] rows = featurizer.isPresent() ? viaFeatures(batch) : viaTexts(batch);
    if (rows.length != n) {
      throw new AiException(
          AiError.InvalidOutput,
          "model '" + model + "' returned " + rows.length + " vectors for a batch of " + n);
    }
    return read(rows);
  }

  private float[][] viaFeatures(List<Request> batch) throws Exception {
    Tokenizer.NgramHash h = featurizer.orElseThrow();
    int n = batch.size();
    int rowBytes = h.buckets() * Float.BYTES;
    if (features == null) {
      features = FixedSizeListVector.empty("features", h.buckets(), allocator);
      features.addOrGetVector(FLOAT32);
      features.setInitialCapacity(rowsCapacity);
      features.allocateNew();
      allValid(features, rowsCapacity);
    }
    features.setValueCount(n);
    ArrowBuf data = ((Float4Vector) features.getDataVector()).getDataBuffer();
    data.setZero(0, (long) n * rowBytes);
    ByteBuffer view = view(data, n * rowBytes);
    for (int i = 0; i < n; i++) {
      Tokenizer.Sparse f = batch.get(i).features();
      if (f == null || f.buckets() != h.buckets()) {
        throw new IllegalStateException("request " + i + " was not prepared for this model");
      }
      if (view != null) {
        f.scatter(view, i * rowBytes);
      } else {
        f.scatter(data, (long) i * rowBytes);
      }
    }
    ByteBuffer tensor = view != null ? view : copy(data, n * rowBytes);
    return embedder.embed(new EmbedInput.Features(tensor, n, h.buckets()));
  }

  /**
   * The first {@code bytes} of the features vector as a direct buffer on the Arrow memory itself,
   * which becomes the input tensor as is; null where the JVM does not let Arrow make one (java.nio
   * not opened to it, as the peer's flags do), and the batch goes through {@link #copy} instead.
   */
  private ByteBuffer view(ArrowBuf data, int bytes) {
    if (zeroCopy) {
      try {
        return data.nioBuffer(0, bytes).order(ByteOrder.nativeOrder());
      } catch (UnsupportedOperationException closedNio) {
        zeroCopy = false;
      }
    }
    return null;
  }

  /**
   * A copy of the first {@code bytes} of the features in one staging buffer the model keeps, by way
   * of the heap: without java.nio opened, Arrow cannot reach a direct buffer's memory either.
   */
  private ByteBuffer copy(ArrowBuf data, int bytes) {
    if (staging == null || staging.capacity() < bytes) {
      int capacity = Math.max(bytes, (int) data.capacity());
      staging = ByteBuffer.allocateDirect(capacity);
      stagingHeap = new byte[capacity];
    }
    data.getBytes(0, stagingHeap, 0, bytes);
    ByteBuffer copy = staging.duplicate().order(ByteOrder.nativeOrder());
    copy.clear();
    copy.put(stagingHeap, 0, bytes);
    copy.position(0).limit(bytes);
    return copy;
  }

  private float[][] viaTexts(List<Request> batch) throws Exception {
    int n = batch.size();
    if (texts == null) {
      texts = new VarCharVector("text", FieldType.notNullable(ArrowType.Utf8.INSTANCE), allocator);
      texts.allocateNew(rowsCapacity);
    }
    texts.reset();
    for (int i = 0; i < n; i++) {
      texts.setSafe(i, batch.get(i).text().getBytes(StandardCharsets.UTF_8));
    }
    texts.setValueCount(n);
    List<String> in = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      in.add(new String(texts.get(i), StandardCharsets.UTF_8));
    }
    return embedder.embed(in);
  }

  /** The model's rows through the output vector, each caller's row widened to doubles. */
  private List<double[]> read(float[][] rows) {
    int n = rows.length;
    int dim = n == 0 ? 0 : rows[0].length;
    if (output == null || output.getListSize() != dim) {
      if (output != null) {
        output.close();
      }
      output = FixedSizeListVector.empty("embedding", dim, allocator);
      output.addOrGetVector(FLOAT64);
      output.setInitialCapacity(rowsCapacity);
      output.allocateNew();
      allValid(output, rowsCapacity);
    }
    output.setValueCount(n);
    // Whole-batch copies in and out of the vector: Arrow's per-value setters and getters check
    // bounds and reference counts on every call, which costs more than the copy itself.
    int bytes = n * dim * Double.BYTES;
    if (scratch == null || scratch.length < bytes) {
      scratch = new byte[bytes];
    }
    ByteBuffer heap = ByteBuffer.wrap(scratch).order(ByteOrder.nativeOrder());
    DoubleBuffer values = heap.asDoubleBuffer();
    double[] widened = new double[dim];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != dim) {
        throw new AiException(
            AiError.InvalidOutput,
            "model '"
                + model
                + "' returned a vector of "
                + rows[i].length
                + " values in row "
                + i
                + ", expected "
                + dim);
      }
      for (int j = 0; j < dim; j++) {
        widened[j] = rows[i][j];
      }
      values.put(widened);
    }
    ArrowBuf data = ((Float8Vector) output.getDataVector()).getDataBuffer();
    data.setBytes(0, scratch, 0, bytes);
    // Each caller's row, read out of the output vector.
    data.getBytes(0, scratch, 0, bytes);
    DoubleBuffer back = heap.asDoubleBuffer();
    List<double[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] row = new double[dim];
      back.get(row);
      out.add(row);
    }
    return out;
  }

  /** Every row of a fixed-capacity list (and every value in it) is non-null, once and for all. */
  private static void allValid(FixedSizeListVector list, int rows) {
    for (int i = 0; i < rows; i++) {
      list.setNotNull(i);
    }
    var data = list.getDataVector();
    data.getValidityBuffer().setOne(0, data.getValidityBuffer().capacity());
  }

  private void closeVectors() {
    if (features != null) {
      features.close();
      features = null;
    }
    if (texts != null) {
      texts.close();
      texts = null;
    }
    if (output != null) {
      output.close();
      output = null;
    }
  }

  /** Frees the vectors; call once the batcher's thread has stopped. */
  @Override
  public void close() {
    closeVectors();
  }
}
