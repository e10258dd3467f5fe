/**
 * The AI pool across the swarm: {@link dev.simplex.peer.ai.SwarmInference} implements the inference
 * module's {@link dev.simplex.inference.RemotePool} port over this peer's swarm. Each peer
 * publishes its pool's capacity (models, devices, queue depths) in the grid map {@code
 * simplex.inference} ({@link dev.simplex.peer.ai.GridCapacityBoard}) once a second; a call for a
 * model this peer lacks (or every call, with {@code route = remote-first}) travels as an INFERENCE
 * envelope carrying the pools' Arrow IPC bytes to the least-loaded peer that advertises it, and its
 * reply comes back paired by a call id. A peer that leaves fails its waiting calls at once, so the
 * pool falls back to its own copy or the tier's next model without waiting for a timeout.
 */
package dev.simplex.peer.ai;
