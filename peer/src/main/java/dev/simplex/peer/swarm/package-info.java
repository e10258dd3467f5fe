/**
 * The peer daemon: {@link dev.simplex.peer.swarm.PeerCommand} ({@code simplex peer}, and {@code
 * java -jar simplex-peer.jar} with no arguments) starts a {@link dev.simplex.peer.swarm.SwarmPeer}:
 * JGroups membership first (the single source of who is in the swarm), then the Hazelcast grid
 * following that view, this peer's load published in the grid every second, and the admin endpoint.
 * {@link dev.simplex.peer.swarm.GossipRouterCommand} runs a GossipRouter for LANs without
 * multicast. Settings come from defaults, an optional {@code key = value} file, the environment and
 * flags, in that order ({@link dev.simplex.peer.swarm.PeerSettings}).
 */
package dev.simplex.peer.swarm;
