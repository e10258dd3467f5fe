package dev.simplex.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Autoregressive sampling for a whole batch in lockstep: each step asks the model for the next
 * token distribution of every row (finished rows included, so the batch keeps its padded shape),
 * samples with each request's temperature, and ends a row at the end token, at max_tokens, or just
 * before a stop string. Streamed pieces hold back a possible stop-string prefix, so a stop string
 * is never streamed.
 */
final class Decoder {

  /** A next-token model: token probabilities for each history in the batch. */
  interface NextToken {
    float[][] next(List<? extends CharSequence> histories) throws Exception;

    /** The text of a token; empty for the end token. */
    String text(int token);

    boolean isEnd(int token);
  }

  private final NextToken model;

  Decoder(NextToken model) {
    this.model = model;
  }

  List<String> decode(List<CompletionRequest> requests, List<Consumer<String>> sinks)
      throws Exception {
    int n = requests.size();
    List<StringBuilder> histories = new ArrayList<>(n);
    StringBuilder[] outputs = new StringBuilder[n];
    int[] streamed = new int[n];
    int[] tokens = new int[n];
    boolean[] done = new boolean[n];
    SplittableRandom[] rngs = new SplittableRandom[n];
    int active = n;
    for (int i = 0; i < n; i++) {
      histories.add(new StringBuilder(requests.get(i).prompt()));
      outputs[i] = new StringBuilder();
      rngs[i] = new SplittableRandom(requests.get(i).seed());
    }
    while (active > 0) {
      float[][] probs = model.next(histories);
      for (int i = 0; i < n; i++) {
        if (done[i]) {
          continue;
        }
        CompletionRequest r = requests.get(i);
        int token = sample(probs[i], r.temperature(), rngs[i]);
        boolean finished = model.isEnd(token);
        if (!finished) {
          String piece = model.text(token);
          outputs[i].append(piece);
          histories.get(i).append(piece);
          tokens[i]++;
          int cut = stopAt(outputs[i], r.stop());
          if (cut >= 0) {
            outputs[i].setLength(cut);
            finished = true;
          }
          finished |= tokens[i] >= r.maxTokens();
        }
        int safe = finished ? outputs[i].length() : outputs[i].length() - holdBack(r.stop());
        if (safe > streamed[i]) {
          sinks.get(i).accept(outputs[i].substring(streamed[i], safe));
          streamed[i] = safe;
        }
        if (finished) {
          done[i] = true;
          active--;
        }
      }
    }
    List<String> result = new ArrayList<>(n);
    for (StringBuilder out : outputs) {
      result.add(out.toString());
    }
    return result;
  }

  /** Index where the earliest stop string begins in {@code out}, or -1. */
  static int stopAt(CharSequence out, List<String> stops) {
    int best = -1;
    String s = out.toString();
    for (String stop : stops) {
      int at = s.indexOf(stop);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  private static int holdBack(List<String> stops) {
    int longest = 0;
    for (String s : stops) {
      longest = Math.max(longest, s.length() - 1);
    }
    return longest;
  }

  /** Temperature 0 is greedy; otherwise p^(1/T), renormalised, sampled with the request's RNG. */
  static int sample(float[] probs, double temperature, SplittableRandom rng) {
    if (temperature == 0.0) {
      int best = 0;
      for (int i = 1; i < probs.length; i++) {
        if (probs[i] > probs[best]) {
          best = i;
        }
      }
      return best;
    }
    double[] w = new double[probs.length];
    double total = 0;
    for (int i = 0; i < probs.length; i++) {
      double p = probs[i];
      if (!(p >= 0) || Double.isInfinite(p)) {
        throw new AiException(
            AiError.InvalidOutput, "the model produced an invalid probability " + p);
      }
      w[i] = p == 0 ? 0 : Math.exp(Math.log(p) / temperature);
      total += w[i];
    }
    if (!(total > 0)) {
      throw new AiException(AiError.InvalidOutput, "the model gave every token probability zero");
    }
    double x = rng.nextDouble() * total;
    for (int i = 0; i < w.length; i++) {
      x -= w[i];
      if (x < 0) {
        return i;
      }
    }
    return w.length - 1;
  }
}
