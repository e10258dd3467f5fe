package dev.simplex.peer.grid;

import com.hazelcast.map.IMap;
import java.util.Objects;
import java.util.Optional;

/**
 * The swarm's placement map: actor id -> (peer, epoch, status), changed only by compare-and-set on
 * the epoch.
 */
public final class PlacementMap {
  private final IMap<String, Placement> map;

  PlacementMap(IMap<String, Placement> map) {
    this.map = map;
  }

  public Optional<Placement> get(String actorId) {
    return Optional.ofNullable(map.get(actorId));
  }

  /**
   * Live placements (not stopped) whose peer is not in {@code live}: the actors of peers that left.
   * The filter runs on the members.
   */
  public java.util.List<Placement> orphans(java.util.Set<String> live) {
    return map.values(new Orphaned(java.util.Set.copyOf(live))).stream()
        .sorted(java.util.Comparator.comparing(Placement::actorId))
        .toList();
  }

  /** Selects placements on peers outside a set; runs on the members. */
  record Orphaned(java.util.Set<String> live)
      implements com.hazelcast.query.Predicate<String, Placement> {
    @Override
    public boolean apply(java.util.Map.Entry<String, Placement> e) {
      Placement p = e.getValue();
      return p != null && p.status() != Placement.Status.STOPPED && !live.contains(p.peerId());
    }
  }

  /** The placements of {@code actorIds} that exist, by actor id (one round trip per member). */
  public java.util.Map<String, Placement> getAll(java.util.Set<String> actorIds) {
    return map.getAll(actorIds);
  }

  /** The outcome of a compare-and-set: whether it won, and the entry as it is now. */
  public record Outcome(boolean won, Placement current) {}

  /** Places a new actor at epoch 0; loses if any placement exists already. */
  public Outcome place(String actorId, String peerId) {
    return apply(
        PlacementUpdate.ABSENT, new Placement(actorId, peerId, 0, Placement.Status.ACTIVE));
  }

  /**
   * Places an actor whose placement was lost (its grid partition died with its peer) on {@code
   * peerId} under {@code epoch}; loses if any placement exists.
   */
  public Outcome replace(String actorId, String peerId, long epoch) {
    return apply(
        PlacementUpdate.ABSENT, new Placement(actorId, peerId, epoch, Placement.Status.ACTIVE));
  }

  /**
   * Moves {@code seen} to {@code peerId} under epoch+1, only if nobody changed it since it was
   * read.
   */
  public Outcome move(Placement seen, String peerId, Placement.Status status) {
    return apply(seen.epoch(), seen.movedTo(peerId, status));
  }

  private Outcome apply(long expectedEpoch, Placement next) {
    Placement now = map.executeOnKey(next.actorId(), new PlacementUpdate(expectedEpoch, next));
    return new Outcome(Objects.equals(now, next), now);
  }
}
