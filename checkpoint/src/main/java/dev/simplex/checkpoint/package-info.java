/**
 * Checkpoints of actor state: encoding, content-addressed storage over any object store, and the
 * asynchronous front the runtime calls. It knows nothing about actors beyond their ids, nor about
 * scheduling.
 *
 * <p>What the runtime uses:
 *
 * <ul>
 *   <li>{@link dev.simplex.checkpoint.SnapshotWriter} / {@link
 *       dev.simplex.checkpoint.SnapshotReader} stream values (or {@link
 *       dev.simplex.checkpoint.SnapshotValue} trees) to and from bytes.
 *   <li>{@link dev.simplex.checkpoint.Checkpoint} holds an actor's fields, execution context,
 *       pending mail, supervisor links and per-sender watermarks; {@code encode()} gives an {@link
 *       dev.simplex.checkpoint.EncodedCheckpoint}, also the Zstd form shipped on migration.
 *   <li>{@link dev.simplex.checkpoint.Checkpointer} captures synchronously and persists
 *       asynchronously to a {@link dev.simplex.checkpoint.CheckpointStore}, by default a {@link
 *       dev.simplex.checkpoint.LocalDirectoryStore}.
 *   <li>{@link dev.simplex.checkpoint.ChunkedStore} is that store over any {@link
 *       dev.simplex.checkpoint.ObjectStore} (named blobs with atomic puts): a directory, an
 *       S3-compatible bucket ({@code dev.simplex.checkpoint.s3.S3ObjectStore}), a grid map.
 * </ul>
 *
 * <p>The byte formats and the on-disk layout are described in this module's README.md.
 */
package dev.simplex.checkpoint;
