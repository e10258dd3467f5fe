/**
 * Swarm membership and peer-to-peer transport over JGroups: {@link dev.simplex.gossip.SwarmNode}
 * joins a swarm ({@link dev.simplex.gossip.SwarmConfig}, {@link dev.simplex.gossip.Discovery}),
 * exposes its views and what each peer advertises ({@link dev.simplex.gossip.PeerInfo}), and
 * carries enveloped bytes between peers. {@link dev.simplex.gossip.GossipRouterService} runs the
 * router for networks without multicast. Knows nothing about the language or Hazelcast.
 */
package dev.simplex.gossip;
