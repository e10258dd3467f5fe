package dev.simplex.peer.route;

import java.util.concurrent.atomic.LongAdder;

/** What the router counts; read through {@link RouteStats}. */
final class RouteCounters {
  final LongAdder malformed = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder redirectsSent = new LongAdder();
  final LongAdder redirectsFollowed = new LongAdder();
  final LongAdder lateAnswers = new LongAdder();
  final LongAdder unrestored = new LongAdder();
  final LongAdder unplaced = new LongAdder();
  final LongAdder replaysAsked = new LongAdder();

  RouteStats snapshot() {
    return new RouteStats(
        malformed.sum(),
        duplicates.sum(),
        redirectsSent.sum(),
        redirectsFollowed.sum(),
        lateAnswers.sum(),
        unrestored.sum(),
        unplaced.sum(),
        replaysAsked.sum());
  }
}
