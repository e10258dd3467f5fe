package dev.simplex.gossip;

/** A change in who is in the swarm, delivered to {@link MembershipListener}s in view order. */
public sealed interface MembershipEvent {

  /** A peer is in the new view that was not in the previous one (join or heal of a split). */
  record Joined(PeerInfo peer, SwarmView view) implements MembershipEvent {}

  /** A peer left, crashed or was excluded; it is no longer in {@code view}. */
  record Left(PeerInfo peer, SwarmView view) implements MembershipEvent {}

  /**
   * Failure detection suspects a peer and has confirmed it does not answer; a {@link Left} follows
   * when the new view is installed. Useful to stop routing to it a little earlier.
   */
  record Suspected(PeerInfo peer) implements MembershipEvent {}

  /** A new view was installed; sent after the {@link Joined}/{@link Left} events it caused. */
  record ViewInstalled(SwarmView view, boolean merged) implements MembershipEvent {}
}
