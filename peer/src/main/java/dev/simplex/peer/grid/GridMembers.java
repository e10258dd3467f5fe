package dev.simplex.peer.grid;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where the grid learns who its members are: the swarm's JGroups view, reduced to the address each
 * live peer advertises for its grid member. One source of membership truth; Hazelcast only follows
 * it.
 */
@FunctionalInterface
public interface GridMembers {
  List<InetSocketAddress> gridAddresses();
}
