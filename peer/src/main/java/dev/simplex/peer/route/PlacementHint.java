package dev.simplex.peer.route;

import java.util.Objects;

/**
 * {@code placement:} of {@code spawn .. with { .. }} (language.md §8): where a new actor should go.
 */
public sealed interface PlacementHint {
  /** The default: the least loaded peer (actors, then CPU). */
  record Any() implements PlacementHint {}

  /** Even spread: the peer hosting the fewest actors, whatever its CPU. */
  record Spread() implements PlacementHint {}

  /** Fill peers one at a time: the busiest peer that still has room for the resources asked. */
  record BinPacking() implements PlacementHint {}

  /** Beside another actor: the peer that hosts {@code near}, if it is still in the swarm. */
  record Locality(SwarmRef near) implements PlacementHint {
    public Locality {
      Objects.requireNonNull(near, "Locality needs the ref of the actor to be placed near");
    }
  }

  PlacementHint ANY = new Any();
  PlacementHint SPREAD = new Spread();
  PlacementHint BIN_PACKING = new BinPacking();
}
