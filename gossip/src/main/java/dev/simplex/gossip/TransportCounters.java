package dev.simplex.gossip;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportMetrics}; written from many JGroups threads. */
final class TransportCounters {
  final LongAdder sent = new LongAdder();
  final LongAdder unroutable = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder malformed = new LongAdder();
  final LongAdder unknownKind = new LongAdder();
  final LongAdder unsupportedVersion = new LongAdder();
  final LongAdder noHandler = new LongAdder();
  final LongAdder handlerFailures = new LongAdder();

  TransportMetrics snapshot() {
    return new TransportMetrics(
        sent.sum(),
        unroutable.sum(),
        delivered.sum(),
        malformed.sum(),
        unknownKind.sum(),
        unsupportedVersion.sum(),
        noHandler.sum(),
        handlerFailures.sum());
  }
}
