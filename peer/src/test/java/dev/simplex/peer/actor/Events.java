package dev.simplex.peer.actor;

import java.util.ArrayList;
import java.util.List;

/** A thread-safe log of lifecycle events, compared in order by the tests. */
final class Events {
  private final List<String> events = new ArrayList<>();

  synchronized void add(String event) {
    events.add(event);
  }

  synchronized List<String> all() {
    return List.copyOf(events);
  }

  synchronized void clear() {
    events.clear();
  }
}
