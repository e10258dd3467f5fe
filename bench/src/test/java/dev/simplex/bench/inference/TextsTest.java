package dev.simplex.bench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TextsTest {
  @Test
  void textsAreDistinctAndTheSameOnEveryRun() {
    var texts = Texts.distinct(1000);
    assertEquals(1000, new HashSet<>(texts).size());
    assertEquals(texts, Texts.distinct(1000));
  }

  @Test
  void theBenchmarkWithoutACacheDirectoryIsRejectedWithItsUsage() {
    var e = assertThrows(IllegalArgumentException.class, () -> InferenceBench.main(new String[0]));
    assertEquals("usage: InferenceBench CACHE_DIR", e.getMessage());
  }
}
