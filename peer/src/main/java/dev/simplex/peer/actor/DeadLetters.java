package dev.simplex.peer.actor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The log of dead letters: every one is counted by message type; the most recent are kept for
 * inspection (bounded, so a program that floods a dead actor does not grow without end).
 */
public final class DeadLetters {
  static final int KEPT = 1000;

  private final Deque<DeadLetter> recent = new ArrayDeque<>();
  private final Map<String, Long> byType = new LinkedHashMap<>();
  private final Consumer<String> debugLog;
  private long total;

  DeadLetters(Consumer<String> debugLog) {
    this.debugLog = debugLog;
  }

  void record(DeadLetter letter) {
    synchronized (this) {
      total++;
      byType.merge(letter.messageType(), 1L, Long::sum);
      if (recent.size() == KEPT) recent.removeFirst();
      recent.addLast(letter);
    }
    debugLog.accept("dead letter: " + letter.messageType() + " to " + letter.target());
  }

  public synchronized long count() {
    return total;
  }

  /** Counts per message type, in the order the types first appeared. */
  public synchronized Map<String, Long> countsByType() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(byType));
  }

  /** The most recent dead letters (up to {@value #KEPT}), oldest first. */
  public synchronized List<DeadLetter> recent() {
    return new ArrayList<>(recent);
  }

  /** One line for the CLI to print at exit, e.g. {@code dead letters: 3 (Put 2, Count 1)}. */
  public synchronized String summary() {
    if (total == 0) return "dead letters: 0";
    var parts = new StringBuilder();
    byType.forEach((type, n) -> parts.append(parts.isEmpty() ? "" : ", ").append(type + " " + n));
    return "dead letters: " + total + " (" + parts + ")";
  }
}
