package dev.simplex.checkpoint;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Durable checkpoints, newest sequence winning. Implementations verify what they read: a checkpoint
 * that fails its checksums is reported (never thrown as an unchecked exception) and the previous
 * good one is used. {@link IOException} means the store itself failed (disk, permissions).
 */
public interface CheckpointStore extends AutoCloseable {

  /** Stores a checkpoint; when this returns, it is durable. */
  StoreReceipt put(EncodedCheckpoint checkpoint) throws IOException;

  default StoreReceipt put(Checkpoint checkpoint) throws IOException {
    return put(checkpoint.encode());
  }

  /** The newest checkpoint of an actor that verifies, if any. */
  Optional<Checkpoint> latest(String actorId) throws IOException;

  /** One particular checkpoint, if it is stored and verifies. */
  Optional<Checkpoint> read(String actorId, long sequence) throws IOException;

  /** Every stored checkpoint whose manifest verifies, by actor id then sequence. */
  List<CheckpointInfo> list() throws IOException;

  @Override
  void close() throws IOException;
}
