package dev.simplex.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Calls between peers' pools as Arrow IPC streams: the batch is the usual {@link ArrowBatches}
 * shape (texts, completion requests, embeddings) and a small header rides in the schema's custom
 * metadata ({@code simplex.wire}, {@code simplex.task}, {@code simplex.model}, and on a failed
 * reply {@code simplex.error} and {@code simplex.message}). Anything else is rejected with an
 * {@link AiException} of kind InvalidOutput, never a raw exception.
 */
final class PeerWire {
  static final String WIRE_VERSION = "1";
  private static final String WIRE = "simplex.wire";
  private static final String TASK = "simplex.task";
  private static final String MODEL = "simplex.model";
  private static final String ERROR = "simplex.error";
  private static final String MESSAGE = "simplex.message";

  private PeerWire() {}

  /** One call shipped to another peer; {@code model} names a concrete model, never a tier. */
  sealed interface Request {
    String model();

    ModelSpec.Task task();
  }

  record Embed(String model, List<String> texts) implements Request {
    public ModelSpec.Task task() {
      return ModelSpec.Task.EMBED;
    }
  }

  record Complete(CompletionRequest request) implements Request {
    public String model() {
      return request.model();
    }

    public ModelSpec.Task task() {
      return ModelSpec.Task.COMPLETE;
    }
  }

  /** Row 0 of the shipped texts is the text, the rest are the labels. */
  record Classify(String model, String text, List<String> labels) implements Request {
    public ModelSpec.Task task() {
      return ModelSpec.Task.CLASSIFY;
    }
  }

  static byte[] encode(BufferAllocator allocator, Request request) {
    VectorSchemaRoot batch =
        switch (request) {
          case Embed e -> ArrowBatches.texts(allocator, e.texts());
          case Complete c -> ArrowBatches.completions(allocator, List.of(c.request()));
          case Classify c -> {
            List<String> rows = new ArrayList<>(c.labels().size() + 1);
            rows.add(c.text());
            rows.addAll(c.labels());
            yield ArrowBatches.texts(allocator, rows);
          }
        };
    return withHeader(
        batch,
        Map.of(
            TASK, request.task().name().toLowerCase(Locale.ROOT),
            MODEL, request.model()));
  }

  static Request decodeRequest(BufferAllocator allocator, byte[] bytes) {
    return ArrowBatches.fromIpc(
        allocator,
        bytes,
        root -> {
          Map<String, String> header = header(root);
          String model = required(header, MODEL);
          String task = required(header, TASK);
          return switch (task) {
            case "embed" -> new Embed(model, ArrowBatches.readTexts(root));
            case "complete" -> {
              List<CompletionRequest> requests = ArrowBatches.readCompletions(root);
              if (requests.size() != 1) {
                throw invalid("a shipped completion holds one request, got " + requests.size());
              }
              yield new Complete(requests.get(0).withModel(model));
            }
            case "classify" -> {
              List<String> rows = ArrowBatches.readTexts(root);
              if (rows.size() < 2) {
                throw invalid("a shipped classification needs a text and at least one label");
              }
              yield new Classify(model, rows.get(0), rows.subList(1, rows.size()));
            }
            default -> throw invalid("unknown task '" + task + "' in a shipped request");
          };
        });
  }

  static byte[] embeddings(BufferAllocator allocator, List<double[]> rows) {
    return withHeader(ArrowBatches.embeddings(allocator, rows), Map.of());
  }

  static byte[] texts(BufferAllocator allocator, List<String> texts) {
    return withHeader(ArrowBatches.texts(allocator, texts), Map.of());
  }

  static byte[] failure(BufferAllocator allocator, AiError error, String message) {
    return withHeader(
        ArrowBatches.texts(allocator, List.of()), Map.of(ERROR, error.name(), MESSAGE, message));
  }

  /** A reply's value, or the remote pool's own error as an Err. */
  static <T> AiResult<T> decodeReply(
      BufferAllocator allocator, byte[] bytes, Function<VectorSchemaRoot, T> read) {
    return ArrowBatches.fromIpc(
        allocator,
        bytes,
        root -> {
          Map<String, String> header = header(root);
          String error = header.get(ERROR);
          if (error == null) {
            return AiResult.ok(read.apply(root));
          }
          AiError kind;
          try {
            kind = AiError.valueOf(error);
          } catch (IllegalArgumentException e) {
            throw invalid("unknown error '" + error + "' in a reply");
          }
          return AiResult.err(kind, header.getOrDefault(MESSAGE, "(no message)"));
        });
  }

  private static byte[] withHeader(VectorSchemaRoot batch, Map<String, String> fields) {
    Map<String, String> meta = new HashMap<>(fields);
    meta.put(WIRE, WIRE_VERSION);
    Schema schema = new Schema(batch.getSchema().getFields(), meta);
    try (VectorSchemaRoot root =
        new VectorSchemaRoot(schema, batch.getFieldVectors(), batch.getRowCount())) {
      return ArrowBatches.toIpc(root);
    }
  }

  private static Map<String, String> header(VectorSchemaRoot root) {
    Map<String, String> meta = root.getSchema().getCustomMetadata();
    String version = meta == null ? null : meta.get(WIRE);
    if (!WIRE_VERSION.equals(version)) {
      throw invalid(
          version == null
              ? "Arrow batch carries no simplex.wire header; it is not an inference call"
              : "inference wire version " + version + " is not supported (this peer speaks 1)");
    }
    return meta;
  }

  private static String required(Map<String, String> header, String key) {
    String v = header.get(key);
    if (v == null || v.isBlank()) {
      throw invalid("shipped request lacks its " + key + " header");
    }
    return v;
  }

  private static AiException invalid(String message) {
    return new AiException(AiError.InvalidOutput, message);
  }
}
