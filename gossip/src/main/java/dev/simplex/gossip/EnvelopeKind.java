package dev.simplex.gossip;

import java.util.Optional;

/**
 * Which subsystem a peer-to-peer message belongs to; the wire code is fixed forever, so new kinds
 * get new codes and old peers drop (and count) kinds they do not know.
 */
public enum EnvelopeKind {
  /** Actor messages routed to a remote activation. */
  ROUTING(1),
  /** Placement notices and redirects for stale routes. */
  PLACEMENT(2),
  /** Actor snapshots shipped during migration. */
  MIGRATION(3),
  /** Remote AI inference requests and replies. */
  INFERENCE(4),
  /** Peer-level control traffic (announcements, pings). */
  CONTROL(5);

  private final int code;

  EnvelopeKind(int code) {
    this.code = code;
  }

  /** The byte written on the wire. */
  public int code() {
    return code;
  }

  static Optional<EnvelopeKind> fromCode(int code) {
    for (EnvelopeKind kind : values()) {
      if (kind.code == code) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
