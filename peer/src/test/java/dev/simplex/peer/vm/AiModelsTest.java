package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.inference.AiError;
import dev.simplex.inference.AiResult;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.Vm;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ai::embed and ai::complete answered by the built-in models, with nothing configured. */
class AiModelsTest {
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

  private static double[] embed(String text) {
    var v = assertInstanceOf(PortableValue.Vector.class, Vm.toPortable(runtime.aiEmbed(text)));
    return v.values();
  }

  private static double cosine(double[] a, double[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void similarTextsEmbedCloserThanUnrelatedOnes() {
    double[] cat = embed("the cat sat on the mat");
    double[] cats = embed("a cat sat on a mat");
    double[] tax = embed("quarterly tax filing deadlines");
    assertTrue(cat.length > 0);
    assertEquals(cat.length, tax.length);
    assertTrue(cosine(cat, cats) > cosine(cat, tax), "similar texts should score higher");
  }

  @Test
  void completeAnswersWithText() {
    assertInstanceOf(String.class, runtime.aiComplete("Write one word:"));
  }

  @Test
  void aModelErrorBecomesTheLanguagesPanic() {
    var failed =
        CompletableFuture.completedFuture(
            AiResult.<String>err(AiError.ModelNotFound, "no model `x`"));
    var panic = assertThrows(RuntimePort.Panic.class, () -> AiModels.answer(system, failed));
    assertEquals("AI error: ModelNotFound", panic.getMessage());
    assertFalse(panic.getMessage().contains("no model"));
  }
}
