package dev.simplex.peer.route;

import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code spawn A(..) with { name, placement, resources, replicas }}, each optional.
 *
 * @param name a swarm-wide name, or null: spawning with a name a live actor holds creates nothing
 *     and returns that actor's ref
 * @param replicas validated (at least 1); only one activation is made until replication exists
 */
public record SpawnOptions(
    String name, PlacementHint placement, Resources resources, int replicas) {
  public static final SpawnOptions DEFAULT =
      new SpawnOptions(null, PlacementHint.ANY, Resources.NONE, 1);

  public SpawnOptions {
    if (name != null && name.isBlank())
      throw new IllegalArgumentException("an actor name must not be blank");
    if (name != null && name.length() > ActorId.MAX_LENGTH)
      throw new IllegalArgumentException(
          "an actor name is at most " + ActorId.MAX_LENGTH + " characters");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(resources, "resources");
    if (replicas < 1) throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
  }

  public Optional<String> nameIfAny() {
    return Optional.ofNullable(name);
  }

  public SpawnOptions withName(String n) {
    return new SpawnOptions(n, placement, resources, replicas);
  }

  public SpawnOptions withPlacement(PlacementHint p) {
    return new SpawnOptions(name, p, resources, replicas);
  }

  public SpawnOptions withResources(Resources r) {
    return new SpawnOptions(name, placement, r, replicas);
  }

  public SpawnOptions withReplicas(int n) {
    return new SpawnOptions(name, placement, resources, n);
  }
}
