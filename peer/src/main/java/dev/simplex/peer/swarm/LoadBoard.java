package dev.simplex.peer.swarm;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.simplex.peer.grid.Grid;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** The grid's per-peer load map ({@code simplex.load}): one entry per peer, keyed by peer id. */
final class LoadBoard {
  static final String MAP = "simplex.load";
  private final IMap<String, PeerLoad> map;
  private final HazelcastInstance member;

  private LoadBoard(HazelcastInstance member) {
    this.member = member;
    this.map = member.getMap(MAP);
  }

  /**
   * The board of {@code grid}'s member. Grid keeps its Hazelcast instance private, so this finds it
   * by the grid's own address among the JVM's members (several peers may share a JVM in tests).
   */
  static LoadBoard of(Grid grid) {
    InetSocketAddress address = grid.address();
    for (HazelcastInstance hz : Hazelcast.getAllHazelcastInstances()) {
      if (hz.getLifecycleService().isRunning()
          && address.equals(hz.getCluster().getLocalMember().getSocketAddress())) {
        return new LoadBoard(hz);
      }
    }
    throw new IllegalStateException("no running grid member at " + address + " in this JVM");
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
    return member.getCluster().getMembers().stream().map(m -> m.getSocketAddress()).toList();
  }
}
