package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecoderTest {
  /** Spells out a fixed script one character per step, then the end token; any history. */
  private static Decoder.NextToken script(String text) {
    String vocab =
        "\u0000"
            + text.chars()
                .distinct()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    return new Decoder.NextToken() {
      @Override
      public float[][] next(List<? extends CharSequence> histories) {
        float[][] out = new float[histories.size()][vocab.length()];
        for (int i = 0; i < out.length; i++) {
          int done = histories.get(i).length() - histories.get(i).toString().indexOf('>') - 1;
          out[i][done < text.length() ? vocab.indexOf(text.charAt(done)) : 0] = 1f;
        }
        return out;
      }

      @Override
      public String text(int token) {
        return String.valueOf(vocab.charAt(token));
      }

      @Override
      public boolean isEnd(int token) {
        return token == 0;
      }
    };
  }

  @Test
  void stopStringEndsTheTextAndIsNeverStreamed() throws Exception {
    List<String> pieces = new ArrayList<>();
    var r = new CompletionRequest(">", "m", 0.0, 100, List.of("STOP"));
    String out =
        new Decoder(script("hello STOP world")).decode(List.of(r), List.of(pieces::add)).get(0);
    assertEquals("hello ", out);
    assertEquals("hello ", String.join("", pieces));
    assertTrue(pieces.stream().noneMatch(p -> p.contains("S")), pieces.toString());
  }

  @Test
  void endTokenAndMaxTokensEndTheTextPerRow() throws Exception {
    var shortReq = new CompletionRequest(">", "m", 0.0, 3, List.of());
    var longReq = new CompletionRequest(">", "m", 0.0, 100, List.of());
    List<String> out =
        new Decoder(script("abcdef")).decode(List.of(shortReq, longReq), List.of(s -> {}, s -> {}));
    assertEquals(List.of("abc", "abcdef"), out);
  }

  @Test
  void zeroTemperatureIsGreedyAndOtherTemperaturesFollowTheDistribution() {
    float[] p = {0.1f, 0.6f, 0.3f};
    assertEquals(1, Decoder.sample(p, 0.0, new SplittableRandom(1)));
    int[] hits = new int[3];
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      hits[Decoder.sample(p, 1.0, rng)]++;
    }
    assertTrue(hits[1] > hits[2] && hits[2] > hits[0], java.util.Arrays.toString(hits));
  }

  @Test
  void brokenDistributionsAreInvalidOutput() {
    assertEquals(
        AiError.InvalidOutput,
        assertThrows(
                AiException.class,
                () -> Decoder.sample(new float[] {0f, 0f}, 1.0, new SplittableRandom(1)))
            .error());
    assertEquals(
        AiError.InvalidOutput,
        assertThrows(
                AiException.class,
                () -> Decoder.sample(new float[] {Float.NaN, 1f}, 0.5, new SplittableRandom(1)))
            .error());
  }
}
