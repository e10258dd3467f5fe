package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void normaliseLowercasesAndCollapsesPunctuation() {
    assertEquals("hello world 42", Tokenizer.normalise("  Hello,   WORLD!! 42 "));
    assertEquals("", Tokenizer.normalise("?!"));
  }

  @Test
  void everyTextHasAtLeastOneFeature() {
    Tokenizer.NgramHash h = new Tokenizer.NgramHash(64);
    for (String text : List.of("", " ", "?", "a", "日", "\u0000")) {
      float sum = 0;
      for (float f : h.features(text)) {
        sum += f;
      }
      assertTrue(sum > 0, "no features for '" + text + "'");
    }
  }

  @Test
  void sparseFeaturesAreTheDenseFeaturesWithoutTheZeros() {
    Tokenizer.NgramHash h = new Tokenizer.NgramHash(512);
    for (String text :
        List.of("", "a", "the the the cat", "Rain on the roofs, rain on the roads!", "日本語 text")) {
      // The dense vector computed the long way: count every hashed feature, then log-scale.
      float[] expected = new float[512];
      h.forEachFeature(text, f -> expected[Math.floorMod(f, 512)] += 1f);
      for (int i = 0; i < expected.length; i++) {
        if (expected[i] > 0) {
          expected[i] = 1f + (float) Math.log(expected[i]);
        }
      }
      Tokenizer.Sparse sparse = h.sparse(text);
      float[] dense = new float[512];
      sparse.scatter(dense);
      assertArrayEquals(expected, dense, 0f, text);
      assertArrayEquals(expected, h.features(text), 0f, text);
      for (int i = 1; i < sparse.index().length; i++) {
        assertTrue(sparse.index()[i - 1] < sparse.index()[i], "indices ascend and are distinct");
      }
      assertTrue(sparse.index().length > 0, "never empty");
    }
  }

  @Test
  void bytesArePaddedWithZeroAndShiftedByOne() {
    long[][] ids = new Tokenizer.Bytes().ids(List.of("ab", ""));
    assertArrayEquals(new long[] {'a' + 1, 'b' + 1}, ids[0]);
    assertArrayEquals(new long[] {0, 0}, ids[1]);
  }

  @Test
  void unknownTokenizerNamesAreRejected() {
    assertEquals(new Tokenizer.NgramHash(4096), Tokenizer.parse("ngram-hash"));
    assertEquals(new Tokenizer.NgramHash(128), Tokenizer.parse("ngram-hash:128"));
    assertThrows(IllegalArgumentException.class, () -> Tokenizer.parse("ngram-hash:lots"));
    assertThrows(IllegalArgumentException.class, () -> Tokenizer.parse("ngram-hash:8"));
    assertThrows(IllegalArgumentException.class, () -> Tokenizer.parse("sentencepiece"));
  }
}
