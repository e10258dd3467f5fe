package dev.simplex.gossip;

/**
 * Counters of the peer-to-peer transport since the node joined, for the admin/metrics endpoint.
 * Every received message lands in exactly one of delivered, the three dropped counters,
 * droppedNoHandler or handlerFailures.
 */
public record TransportMetrics(
    long sent,
    long unroutable,
    long delivered,
    long droppedMalformed,
    long droppedUnknownKind,
    long droppedUnsupportedVersion,
    long droppedNoHandler,
    long handlerFailures) {

  /** All envelopes that were dropped before reaching a handler. */
  public long dropped() {
    return droppedMalformed + droppedUnknownKind + droppedUnsupportedVersion + droppedNoHandler;
  }
}
