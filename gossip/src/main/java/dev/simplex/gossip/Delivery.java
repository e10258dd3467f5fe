package dev.simplex.gossip;

/**
 * A message received from another peer.
 *
 * @param kindVersion the sender's version of this kind's payload format, for the handler to
 *     interpret (the envelope itself has already been checked)
 */
public record Delivery(PeerId from, EnvelopeKind kind, int kindVersion, byte[] payload) {}
