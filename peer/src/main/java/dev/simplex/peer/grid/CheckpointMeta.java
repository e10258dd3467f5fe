package dev.simplex.peer.grid;

import java.io.Serializable;

/**
 * What the swarm knows of an actor's newest durable checkpoint: its sequence, which peer wrote it,
 * where the bytes are (a store key), their size and SHA-256. The bytes themselves live in the
 * checkpoint store.
 */
public record CheckpointMeta(
    String actorId,
    long sequence,
    String writerPeer,
    String storeKey,
    long size,
    String sha256,
    long wallMillis)
    implements Serializable, Versioned {
  @Override
  public long version() {
    return sequence;
  }
}
