package dev.simplex.gossip;

/**
 * Handles deliveries of one {@link EnvelopeKind}. Called on a JGroups thread, in order per sender:
 * return quickly. An exception thrown here is counted and logged, never passed to JGroups.
 */
@FunctionalInterface
public interface EnvelopeHandler {
  void onDelivery(Delivery delivery);
}
