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
 *
 * <p>Spawn hints: {@link dev.simplex.peer.route.PlacementHint} and {@link
 * dev.simplex.peer.route.Resources} choose the peer ({@code Placer}: peers publish cores, GPUs,
 * free heap and what their actors reserved; a peer where the actor fits is preferred, otherwise
 * load decides and one warning names what did not fit). {@code replicas: N} ({@code Replicas}): one
 * active activation plus N-1 warm standby copies of its newest checkpoint on the N-1 other live
 * peers of highest rendezvous weight for the actor, re-chosen on every view change. The primary
 * pushes each checkpoint to them over the routing transport (a control call, not a listener on the
 * grid map: the copy must exist before senders are acknowledged, only the standbys pay for it, and
 * it must not depend on the partition that dies with the primary) and waits for them (bounded)
 * before acknowledging; a replicated actor is durable from its spawn, so nothing is acknowledged
 * that no checkpoint holds. On failover the rendezvous owner, which is the best-ranked live
 * standby, restores from its warm copy when it is newer than or equal to the grid's; when the grid
 * lost the placement too, the owner places the actor again from its copy (senders' lanes wait for
 * that, as for an unreachable peer, instead of giving up on an absent placement), and a live
 * activation on a survivor whose placement entry died with that grid member places itself again
 * under its epoch. A replicas-1 actor keeps today's policy: restored from the grid, or lost.
 */
package dev.simplex.peer.route;
