package dev.simplex.peer.ai;

import com.hazelcast.map.IMap;
import dev.simplex.inference.PeerCapacity;
import dev.simplex.peer.grid.Grid;
import java.util.Map;

/** The capacity board in the swarm's Hazelcast grid: map {@code simplex.inference}. */
public final class GridCapacityBoard implements CapacityBoard {
  private final IMap<String, PeerCapacity> map;

  private GridCapacityBoard(IMap<String, PeerCapacity> map) {
    this.map = map;
  }

  public static GridCapacityBoard of(Grid grid) {
    return new GridCapacityBoard(grid.inferenceCapacity());
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
