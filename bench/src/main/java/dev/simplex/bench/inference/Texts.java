package dev.simplex.bench.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Short distinct sentences, like the texts an actor embeds (a title, a message, a query). */
final class Texts {
  private static final String[] WORDS = {
    "actor",
    "message",
    "peer",
    "swarm",
    "checkpoint",
    "model",
    "batch",
    "queue",
    "order",
    "invoice",
    "customer",
    "shipping",
    "delayed",
    "refund",
    "account",
    "password",
    "reset",
    "network",
    "storage",
    "latency",
    "report",
    "weekly",
    "summary",
    "error",
    "timeout",
    "retry",
    "green",
    "blue",
    "fast",
    "slow",
    "urgent",
    "later"
  };

  private Texts() {}

  static List<String> distinct(int n) {
    var random = new SplittableRandom(7);
    List<String> texts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int words = 4 + random.nextInt(12);
      for (int w = 0; w < words; w++) sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      texts.add(sb.append(i).toString());
    }
    return texts;
  }
}
