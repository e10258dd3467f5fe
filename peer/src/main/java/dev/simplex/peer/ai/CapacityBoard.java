package dev.simplex.peer.ai;

import dev.simplex.inference.PeerCapacity;
import java.util.Map;

/**
 * Where peers publish what their inference pools offer (models, devices, queue depths), keyed by
 * peer id; the grid's {@code simplex.inference} map in a running peer.
 */
public interface CapacityBoard {
  void publish(PeerCapacity capacity);

  void remove(String peerId);

  /** Every published entry, possibly including peers that have since left the view. */
  Map<String, PeerCapacity> all();
}
