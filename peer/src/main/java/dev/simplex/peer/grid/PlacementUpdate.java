package dev.simplex.peer.grid;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Compare-and-set on one placement entry, run on the partition that owns it: the update applies
 * only when the entry still has the epoch the caller saw (or is absent when the caller expects a
 * first placement), and the new epoch is higher. Returns the entry as it is afterwards, so a loser
 * learns the winner.
 */
record PlacementUpdate(long expectedEpoch, Placement next)
    implements EntryProcessor<String, Placement, Placement> {
  static final long ABSENT = -1;

  @Override
  public Placement process(Map.Entry<String, Placement> entry) {
    Placement current = entry.getValue();
    boolean matches = current == null ? expectedEpoch == ABSENT : current.epoch() == expectedEpoch;
    if (matches && (current == null || next.epoch() > current.epoch())) {
      entry.setValue(next);
      return next;
    }
    return current;
  }
}
