/**
 * Moving a live actor between peers: the {@link dev.simplex.peer.migrate.Migratable} capability a
 * behaviour implements to be moved, the Zstd form its snapshot travels in ({@link
 * dev.simplex.peer.migrate.SnapshotCompression}), and {@code simplex swarm migrate} ({@link
 * dev.simplex.peer.migrate.MigrateCommand}). The protocol itself runs in the router ({@code
 * SwarmActors.migrate}), which owns the activations it pauses and moves.
 */
package dev.simplex.peer.migrate;
