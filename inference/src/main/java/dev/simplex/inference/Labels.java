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

  /** The instruction a remote language model gets for {@code ai::classify}. */
  static String prompt(String text, List<String> labels) {
    return "Classify the text into exactly one of these categories: "
        + String.join(", ", labels)
        + ".\nAnswer with the category name only.\n\nText: "
        + text
        + "\nCategory:";
  }

  /**
   * The label a model's free-text answer names: an exact match of the words first, otherwise the
   * label mentioned earliest in the answer; an answer naming none is InvalidOutput.
   */
  static String match(String model, String answer, List<String> labels) {
    String said = asWords(Tokenizer.normalise(answer.replaceAll("([a-z0-9])([A-Z])", "$1 $2")));
    int best = -1;
    int bestAt = Integer.MAX_VALUE;
    for (int i = 0; i < labels.size(); i++) {
      String words = Tokenizer.normalise(asWords(labels.get(i)));
      if (said.equals(words)) {
        return labels.get(i);
      }
      int at = (" " + said + " ").indexOf(" " + words + " ");
      if (at >= 0 && at < bestAt) {
        best = i;
        bestAt = at;
      }
    }
    if (best < 0) {
      throw new AiException(
          AiError.InvalidOutput,
          "model '" + model + "' answered '" + answer.strip() + "', which names none of " + labels);
    }
    return labels.get(best);
  }

  /** The requested label a classifier scores highest; each must be one of the model's labels. */
  static String best(ModelSpec spec, double[] scores, List<String> requested) {
    if (scores.length != spec.labels().size()) {
      throw new AiException(
          AiError.InvalidOutput,
          "classifier '"
              + spec.name()
              + "' gave "
              + scores.length
              + " scores for its "
              + spec.labels().size()
              + " labels "
              + spec.labels());
    }
    String best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (String label : requested) {
      int index = -1;
      for (int i = 0; i < spec.labels().size(); i++) {
        if (asWords(spec.labels().get(i)).equals(asWords(label))) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        throw new AiException(
            AiError.InvalidOutput,
            "classifier '"
                + spec.name()
                + "' has no class '"
                + label
                + "'; it knows "
                + spec.labels());
      }
      if (scores[index] > bestScore) {
        best = label;
        bestScore = scores[index];
      }
    }
    return best;
  }
}
