package dev.simplex.inference;

import java.util.List;
import java.util.Locale;

/** Classification by similarity: label names read as words, and the nearest label wins. */
final class Labels {
  private Labels() {}

  /** {@code RedAlert}, {@code red_alert} and {@code red-alert} all read as "red alert". */
  static String asWords(String label) {
    String spaced =
        label.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
    return spaced.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Index of the candidate with the highest cosine similarity to {@code query}; ties go to the
   * first.
   */
  static int nearest(double[] query, List<double[]> candidates) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < candidates.size(); i++) {
      double score = cosine(query, candidates.get(i));
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  static double cosine(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new AiException(
          AiError.InvalidOutput,
          "embeddings of different lengths: " + a.length + " and " + b.length);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0.0 : dot / Math.sqrt(na * nb);
  }
}
