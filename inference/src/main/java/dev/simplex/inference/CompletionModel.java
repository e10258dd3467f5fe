package dev.simplex.inference;

import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A loaded model that completes a batch of prompts; local (DJL) or remote (an HTTP provider). */
interface CompletionModel extends AutoCloseable {

  /**
   * One completion per request, in order; {@code sinks.get(i)} receives request i's text piece by
   * piece as it is produced (the pieces concatenate to the returned text).
   */
  List<String> complete(List<CompletionRequest> requests, List<Consumer<String>> sinks)
      throws Exception;

  /** The Arrow form: a completion-requests batch in, a texts batch out. */
  default VectorSchemaRoot complete(
      VectorSchemaRoot requests, BufferAllocator allocator, List<Consumer<String>> sinks)
      throws Exception {
    return ArrowBatches.texts(allocator, complete(ArrowBatches.readCompletions(requests), sinks));
  }

  @Override
  void close();
}
