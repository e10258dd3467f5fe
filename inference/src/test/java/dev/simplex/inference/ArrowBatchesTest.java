package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArrowBatchesTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void noLeaks() {
    allocator.close(); // throws if any batch buffer was not released
  }

  @Test
  void textsSurviveIpcBytes() {
    List<String> texts = List.of("hello", "", "日本語 ✓", "x".repeat(10_000));
    byte[] ipc;
    try (VectorSchemaRoot root = ArrowBatches.texts(allocator, texts)) {
      ipc = ArrowBatches.toIpc(root);
    }
    assertEquals(texts, ArrowBatches.fromIpc(allocator, ipc, ArrowBatches::readTexts));
  }

  @Test
  void embeddingsAreFixedSizeListsOfFloat64() {
    float[][] rows = {{1f, 0f, -0.5f}, {0.25f, 0.5f, 0.75f}};
    try (VectorSchemaRoot root = ArrowBatches.embeddings(allocator, rows, 3)) {
      assertEquals(
          "embedding: FixedSizeList(3)<$data$: FloatingPoint(DOUBLE) not null>",
          root.getSchema().getFields().get(0).toString());
      List<double[]> back =
          ArrowBatches.fromIpc(allocator, ArrowBatches.toIpc(root), ArrowBatches::readEmbeddings);
      assertArrayEquals(new double[] {1, 0, -0.5}, back.get(0));
      assertArrayEquals(new double[] {0.25, 0.5, 0.75}, back.get(1));
    }
  }

  @Test
  void embeddingRowsOfTheWrongWidthAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ArrowBatches.embeddings(allocator, new float[][] {{1f}, {1f, 2f}}, 1));
  }

  @Test
  void completionRequestsSurviveIpcBytes() {
    List<CompletionRequest> requests =
        List.of(
            new CompletionRequest("Once upon", "default", 0.7, 100, List.of("\n\n", "END")),
            new CompletionRequest("", "fast", 0.0, 1, List.of()),
            new CompletionRequest("Q: 2+2?", "quality", 2.0, 5, List.of("?")));
    try (VectorSchemaRoot root = ArrowBatches.completions(allocator, requests)) {
      assertEquals(
          requests,
          ArrowBatches.fromIpc(allocator, ArrowBatches.toIpc(root), ArrowBatches::readCompletions));
    }
  }

  @Test
  void malformedIpcBytesAreInvalidOutput() {
    AiException e =
        assertThrows(
            AiException.class,
            () ->
                ArrowBatches.fromIpc(
                    allocator, new byte[] {1, 2, 3, 4, 5}, ArrowBatches::readTexts));
    assertEquals(AiError.InvalidOutput, e.error());
    byte[] ipc;
    try (VectorSchemaRoot root = ArrowBatches.texts(allocator, List.of("a"))) {
      ipc = ArrowBatches.toIpc(root);
    }
    AiException wrongShape =
        assertThrows(
            AiException.class,
            () -> ArrowBatches.fromIpc(allocator, ipc, ArrowBatches::readEmbeddings));
    assertTrue(wrongShape.getMessage().contains("embedding"), wrongShape.getMessage());
  }
}
