package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.RuntimePort.AiOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RuntimePort AI methods (AI_CONTRACT.md) over the peer's pool with its built-in models. */
class AiContractTest {
  @TempDir static Path cache;
  private static ActorSystem system;
  private static VmRuntime runtime;

  @BeforeAll
  static void open() {
    system = new ActorSystem();
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    runtime = new VmRuntime(system, nowhere, nowhere, cache);
  }

  @AfterAll
  static void close() {
    runtime.close();
    system.close();
  }

  @Test
  void completeHonoursItsOptionsAndAnswersText() throws Exception {
    String text =
        runtime.aiComplete("Write one word:", new AiOptions("default", 0.0, 8, List.of()));
    assertFalse(text.isEmpty());
    String same =
        runtime.aiComplete("Write one word:", new AiOptions("default", 0.0, 8, List.of()));
    assertEquals(text, same, "temperature 0 is deterministic");
  }

  @Test
  void streamedPiecesMakeTheCompletion() throws Exception {
    AiOptions o = new AiOptions("default", 0.0, 16, List.of());
    Iterator<String> pieces = runtime.aiStream("Tell me about rain.", o);
    StringBuilder joined = new StringBuilder();
    List<String> all = new ArrayList<>();
    while (pieces.hasNext()) {
      String p = pieces.next();
      all.add(p);
      joined.append(p);
    }
    assertFalse(all.isEmpty());
    assertEquals(runtime.aiComplete("Tell me about rain.", o), joined.toString());
  }

  @Test
  void embedBatchKeepsOrderAndMatchesSingleEmbeds() throws Exception {
    List<String> texts = List.of("the cat sat", "tax deadlines", "rain over the harbour");
    List<double[]> batch = runtime.aiEmbedBatch(texts, "default");
    assertEquals(texts.size(), batch.size());
    for (int i = 0; i < texts.size(); i++)
      assertArrayEquals(runtime.aiEmbed(texts.get(i), "default"), batch.get(i), 1e-6);
    assertEquals(List.of(), runtime.aiEmbedBatch(List.of(), "default"));
  }

  @Test
  void classifyAnswersTheIndexOfTheFittingLabel() throws Exception {
    int i =
        runtime.aiClassify(
            "onions and garlic in the pan, cooking soup", List.of("Weather", "Cooking"), "default");
    assertEquals(1, i);
    assertThrows(RuntimePort.Panic.class, () -> runtime.aiClassify("x", List.of(), "default"));
  }

  @Test
  void anUnknownModelIsTheModelNotFoundVariantNotAPanic() {
    var f =
        assertThrows(RuntimePort.AiFailed.class, () -> runtime.aiEmbed("text", "no-such-model"));
    assertEquals("ModelNotFound", f.variant());
    var g =
        assertThrows(
            RuntimePort.AiFailed.class,
            () -> runtime.aiComplete("hi", new AiOptions("no-such-model", 0.7, 10, List.of())));
    assertEquals("ModelNotFound", g.variant());
    var h =
        assertThrows(
            RuntimePort.AiFailed.class,
            () -> runtime.aiStream("hi", new AiOptions("no-such-model", 0.7, 10, List.of())));
    assertEquals("ModelNotFound", h.variant());
    assertTrue(
        List.of("Unavailable", "RateLimited", "Timeout", "ModelNotFound", "InvalidOutput")
            .contains(f.variant()));
  }
}
