package dev.simplex.checkpoint;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a checkpoint store behaves.
 *
 * @param keepLast how many newest sequences to keep per actor (older manifests are deleted)
 * @param onCorruption told about every checkpoint that fails verification
 * @param chunkGrace how long a chunk that no manifest references survives garbage collection. Zero
 *     suits a store only this process writes. A store shared between peers needs it longer than any
 *     put takes: a chunk this store reuses without uploading is re-uploaded once half of it has
 *     passed, so another peer's collector never deletes a chunk a manifest is about to name.
 */
public record StoreOptions(int keepLast, Consumer<Corruption> onCorruption, Duration chunkGrace) {
  private static final System.Logger LOG = System.getLogger(StoreOptions.class.getName());

  /** The grace {@link #shared()} uses: far longer than a put, far shorter than a store's life. */
  public static final Duration SHARED_CHUNK_GRACE = Duration.ofHours(1);

  public StoreOptions {
    if (keepLast < 1) {
      throw new IllegalArgumentException("keepLast must be at least 1, got " + keepLast);
    }
    Objects.requireNonNull(onCorruption, "onCorruption");
    Objects.requireNonNull(chunkGrace, "chunkGrace");
    if (chunkGrace.isNegative()) {
      throw new IllegalArgumentException("chunkGrace must not be negative, got " + chunkGrace);
    }
  }

  /** For a store one process owns: keeps 3 sequences per actor, logs corruption as a warning. */
  public static StoreOptions defaults() {
    return new StoreOptions(
        3, c -> LOG.log(System.Logger.Level.WARNING, c.toString()), Duration.ZERO);
  }

  /** For a store several peers write (a bucket): like {@link #defaults()} with a chunk grace. */
  public static StoreOptions shared() {
    return defaults().withChunkGrace(SHARED_CHUNK_GRACE);
  }

  public StoreOptions withKeepLast(int n) {
    return new StoreOptions(n, onCorruption, chunkGrace);
  }

  public StoreOptions withCorruptionListener(Consumer<Corruption> listener) {
    return new StoreOptions(keepLast, listener, chunkGrace);
  }

  public StoreOptions withChunkGrace(Duration grace) {
    return new StoreOptions(keepLast, onCorruption, grace);
  }
}
