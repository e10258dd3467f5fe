/**
 * Actors across the swarm: location-transparent refs ({@link dev.simplex.peer.route.SwarmRef}),
 * placement by load and hints, named actors in the grid, and remote send/ask/stop over ROUTING
 * envelopes with per-pair order, duplicate suppression and redirects on stale routes. Entry point:
 * {@link dev.simplex.peer.route.SwarmActors}.
 */
package dev.simplex.peer.route;
