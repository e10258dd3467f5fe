package dev.simplex.peer.swarm;

import com.hazelcast.map.IMap;
import dev.simplex.peer.grid.Grid;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** The grid's per-peer load map: one entry per peer, keyed by peer id. */
final class LoadBoard {
  private final IMap<String, PeerLoad> map;
  private final Grid grid;

  private LoadBoard(Grid grid) {
    this.grid = grid;
    this.map = grid.load();
  }

  static LoadBoard of(Grid grid) {
    return new LoadBoard(grid);
  }

  void publish(PeerLoad load) {
    map.set(load.peerId(), load);
  }

  void remove(String peerId) {
    map.delete(peerId);
  }

  Map<String, PeerLoad> all() {
    return Map.copyOf(map);
  }

  /** The grid members' addresses as Hazelcast sees them, to check it follows the swarm view. */
  List<InetSocketAddress> gridMembers() {
    return grid.memberAddresses();
  }
}
