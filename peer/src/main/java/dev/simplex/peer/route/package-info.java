/**
 * Actors across the swarm: location-transparent refs ({@link dev.simplex.peer.route.SwarmRef}),
 * placement by load and hints, named actors in the grid, and remote send/ask/stop over ROUTING
 * envelopes with per-pair order, duplicate suppression and redirects on stale routes. Entry point:
 * {@link dev.simplex.peer.route.SwarmActors}.
 *
 * <p>Failover (issue 7): an actor that calls {@code checkpoint()} (VM actors, or Java behaviours
 * through {@link dev.simplex.peer.route.SwarmActors#checkpointRunning()}) stores its snapshot and
 * the per-lane watermarks of what it handled in the grid's replicated actor-checkpoint map, and is
 * then acknowledged only up to its newest checkpoint. When a peer leaves the view, the survivor
 * that rendezvous hashing names restores each of its checkpointed actors under epoch+1 (placement
 * CAS; a loser withdraws), and the senders' lanes resend what was not acknowledged. Policy: an
 * actor without a checkpoint is lost (placement stopped, its mail becomes dead letters).
 * Activations serve only within a lease confirmed from the placement map; a higher epoch elsewhere
 * fences them.
 */
package dev.simplex.peer.route;
