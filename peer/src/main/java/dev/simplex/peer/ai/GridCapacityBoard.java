package dev.simplex.peer.ai;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.simplex.inference.PeerCapacity;
import dev.simplex.peer.grid.Grid;
import java.net.InetSocketAddress;
import java.util.Map;

/** The capacity board in the swarm's Hazelcast grid: map {@code simplex.inference}. */
public final class GridCapacityBoard implements CapacityBoard {
  static final String MAP = "simplex.inference";
  private final IMap<String, PeerCapacity> map;

  private GridCapacityBoard(IMap<String, PeerCapacity> map) {
    this.map = map;
  }

  /**
   * The board of {@code grid}'s member. Grid keeps its Hazelcast instance private, so the member is
   * found by the grid's own address among this JVM's members (tests run several peers in one JVM).
   */
  public static GridCapacityBoard of(Grid grid) {
    InetSocketAddress address = grid.address();
    for (HazelcastInstance hz : Hazelcast.getAllHazelcastInstances()) {
      if (hz.getLifecycleService().isRunning()
          && address.equals(hz.getCluster().getLocalMember().getSocketAddress())) {
        return new GridCapacityBoard(hz.getMap(MAP));
      }
    }
    throw new IllegalStateException("no running grid member at " + address + " in this JVM");
  }

  @Override
  public void publish(PeerCapacity capacity) {
    map.set(capacity.peerId(), capacity);
  }

  @Override
  public void remove(String peerId) {
    map.delete(peerId);
  }

  @Override
  public Map<String, PeerCapacity> all() {
    return Map.copyOf(map);
  }
}
