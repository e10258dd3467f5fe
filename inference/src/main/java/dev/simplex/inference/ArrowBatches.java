package dev.simplex.inference;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The Arrow shape of every inference batch, so a batch looks the same in a local model, on the wire
 * to another peer (Arrow IPC stream bytes) and in a benchmark:
 *
 * <ul>
 *   <li>texts: one {@code text: Utf8} column;
 *   <li>embeddings: one {@code embedding: FixedSizeList<Float64>[dim]} column;
 *   <li>completion requests: {@code prompt: Utf8, model: Utf8, temperature: Float64, max_tokens:
 *       Int32, stop: List<Utf8>}; completions come back as texts.
 * </ul>
 *
 * Roots returned here belong to the caller, who closes them.
 */
public final class ArrowBatches {
  private static final FieldType UTF8 = FieldType.notNullable(ArrowType.Utf8.INSTANCE);
  private static final FieldType FLOAT64 =
      FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));

  private ArrowBatches() {}

  public static VectorSchemaRoot texts(BufferAllocator allocator, List<String> texts) {
    VarCharVector v = utf8("text", allocator, texts);
    return VectorSchemaRoot.of(v);
  }

  public static List<String> readTexts(VectorSchemaRoot root) {
    return readUtf8(column(root, "text", VarCharVector.class));
  }

  public static VectorSchemaRoot embeddings(BufferAllocator allocator, float[][] rows, int dim) {
    FixedSizeListVector list = FixedSizeListVector.empty("embedding", dim, allocator);
    list.addOrGetVector(FLOAT64);
    list.allocateNew();
    Float8Vector data = (Float8Vector) list.getDataVector();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        list.close();
        throw new IllegalArgumentException(
            "embedding " + i + " has " + rows[i].length + " values, expected " + dim);
      }
      list.setNotNull(i);
      for (int j = 0; j < dim; j++) {
        data.setSafe(i * dim + j, rows[i][j]);
      }
    }
    data.setValueCount(rows.length * dim);
    list.setValueCount(rows.length);
    return VectorSchemaRoot.of(list);
  }

  /** Embeddings already widened to doubles, as the pool hands them out; rows share one length. */
  public static VectorSchemaRoot embeddings(BufferAllocator allocator, List<double[]> rows) {
    int dim = rows.isEmpty() ? 0 : rows.get(0).length;
    FixedSizeListVector list = FixedSizeListVector.empty("embedding", dim, allocator);
    list.addOrGetVector(FLOAT64);
    list.allocateNew();
    Float8Vector data = (Float8Vector) list.getDataVector();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).length != dim) {
        list.close();
        throw new IllegalArgumentException(
            "embedding " + i + " has " + rows.get(i).length + " values, expected " + dim);
      }
      list.setNotNull(i);
      for (int j = 0; j < dim; j++) {
        data.setSafe(i * dim + j, rows.get(i)[j]);
      }
    }
    data.setValueCount(rows.size() * dim);
    list.setValueCount(rows.size());
    return VectorSchemaRoot.of(list);
  }

  public static List<double[]> readEmbeddings(VectorSchemaRoot root) {
    FixedSizeListVector list = column(root, "embedding", FixedSizeListVector.class);
    int dim = list.getListSize();
    Float8Vector data = (Float8Vector) list.getDataVector();
    List<double[]> out = new ArrayList<>(list.getValueCount());
    for (int i = 0; i < list.getValueCount(); i++) {
      double[] row = new double[dim];
      for (int j = 0; j < dim; j++) {
        row[j] = data.get(i * dim + j);
      }
      out.add(row);
    }
    return out;
  }

  public static VectorSchemaRoot completions(
      BufferAllocator allocator, List<CompletionRequest> requests) {
    VarCharVector prompt =
        utf8("prompt", allocator, requests.stream().map(CompletionRequest::prompt).toList());
    VarCharVector model =
        utf8("model", allocator, requests.stream().map(CompletionRequest::model).toList());
    Float8Vector temperature = new Float8Vector("temperature", FLOAT64, allocator);
    IntVector maxTokens =
        new IntVector("max_tokens", FieldType.notNullable(new ArrowType.Int(32, true)), allocator);
    ListVector stop = ListVector.empty("stop", allocator);
    stop.addOrGetVector(UTF8);
    VarCharVector stops = (VarCharVector) stop.getDataVector();
    temperature.allocateNew(requests.size());
    maxTokens.allocateNew(requests.size());
    stop.allocateNew();
    int next = 0;
    for (int i = 0; i < requests.size(); i++) {
      CompletionRequest r = requests.get(i);
      temperature.set(i, r.temperature());
      maxTokens.set(i, r.maxTokens());
      stop.startNewValue(i);
      for (String s : r.stop()) {
        stops.setSafe(next++, s.getBytes(StandardCharsets.UTF_8));
      }
      stop.endValue(i, r.stop().size());
    }
    stops.setValueCount(next);
    temperature.setValueCount(requests.size());
    maxTokens.setValueCount(requests.size());
    stop.setValueCount(requests.size());
    return VectorSchemaRoot.of(prompt, model, temperature, maxTokens, stop);
  }

  public static List<CompletionRequest> readCompletions(VectorSchemaRoot root) {
    List<String> prompts = readUtf8(column(root, "prompt", VarCharVector.class));
    List<String> models = readUtf8(column(root, "model", VarCharVector.class));
    Float8Vector temperature = column(root, "temperature", Float8Vector.class);
    IntVector maxTokens = column(root, "max_tokens", IntVector.class);
    ListVector stop = column(root, "stop", ListVector.class);
    VarCharVector stops = (VarCharVector) stop.getDataVector();
    List<CompletionRequest> out = new ArrayList<>(prompts.size());
    for (int i = 0; i < prompts.size(); i++) {
      List<String> s = new ArrayList<>();
      for (int j = stop.getElementStartIndex(i); j < stop.getElementEndIndex(i); j++) {
        s.add(new String(stops.get(j), StandardCharsets.UTF_8));
      }
      out.add(
          new CompletionRequest(
              prompts.get(i), models.get(i), temperature.get(i), maxTokens.get(i), s));
    }
    return out;
  }

  /** The batch as Arrow IPC stream bytes (schema, one record batch, end marker). */
  public static byte[] toIpc(VectorSchemaRoot root) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      writer.start();
      writer.writeBatch();
      writer.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode Arrow batch: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Reads the first batch of IPC stream bytes and hands it to {@code read}; the root lives only for
   * that call. Malformed bytes fail with an {@link AiException} of kind InvalidOutput.
   */
  public static <T> T fromIpc(
      BufferAllocator allocator, byte[] bytes, Function<VectorSchemaRoot, T> read) {
    try (ArrowStreamReader reader =
        new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
      if (!reader.loadNextBatch()) {
        throw new AiException(AiError.InvalidOutput, "Arrow IPC stream has no record batch");
      }
      return read.apply(reader.getVectorSchemaRoot());
    } catch (IOException | RuntimeException e) {
      if (e instanceof AiException ai) {
        throw ai;
      }
      throw new AiException(
          AiError.InvalidOutput, "malformed Arrow IPC batch: " + e.getMessage(), e);
    }
  }

  private static VarCharVector utf8(String name, BufferAllocator allocator, List<String> values) {
    VarCharVector v = new VarCharVector(name, UTF8, allocator);
    v.allocateNew(values.size());
    for (int i = 0; i < values.size(); i++) {
      v.setSafe(i, values.get(i).getBytes(StandardCharsets.UTF_8));
    }
    v.setValueCount(values.size());
    return v;
  }

  private static List<String> readUtf8(VarCharVector v) {
    List<String> out = new ArrayList<>(v.getValueCount());
    for (int i = 0; i < v.getValueCount(); i++) {
      out.add(new String(v.get(i), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static <V extends FieldVector> V column(
      VectorSchemaRoot root, String name, Class<V> type) {
    FieldVector v = root.getVector(name);
    if (!type.isInstance(v)) {
      throw new AiException(
          AiError.InvalidOutput,
          "Arrow batch lacks column '"
              + name
              + "' of type "
              + type.getSimpleName()
              + "; has "
              + root.getSchema());
    }
    return type.cast(v);
  }
}
