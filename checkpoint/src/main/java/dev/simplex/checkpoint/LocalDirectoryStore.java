package dev.simplex.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The default checkpoint store: chunks and manifests ({@link ChunkedStore}) as files under a data
 * directory. Every file is written atomically (temp file, fsync, rename, directory fsync) and the
 * manifest last, so a crash leaves either the old checkpoint or the new one.
 *
 * <p>One process owns a data directory at a time (an OS file lock on {@code store.lock}).
 */
public final class LocalDirectoryStore implements CheckpointStore {
  private final DirectoryObjectStore files;
  private final ChunkedStore store;

  private LocalDirectoryStore(DirectoryObjectStore files, ChunkedStore store) {
    this.files = files;
    this.store = store;
  }

  public static LocalDirectoryStore open(Path dataDir) throws IOException {
    return open(dataDir, StoreOptions.defaults());
  }

  /** Opens (creating if needed) a store, removing temp files left by an interrupted write. */
  public static LocalDirectoryStore open(Path dataDir, StoreOptions options) throws IOException {
    var files = DirectoryObjectStore.open(dataDir);
    return new LocalDirectoryStore(files, ChunkedStore.open(files, options));
  }

  public Path directory() {
    return files.root();
  }

  /** Bytes this store has written since it was opened (chunks and manifests). */
  public long bytesWritten() {
    return store.bytesWritten();
  }

  @Override
  public StoreReceipt put(EncodedCheckpoint checkpoint) throws IOException {
    return store.put(checkpoint);
  }

  @Override
  public Optional<Checkpoint> latest(String actorId) throws IOException {
    return store.latest(actorId);
  }

  @Override
  public Optional<Checkpoint> read(String actorId, long sequence) throws IOException {
    return store.read(actorId, sequence);
  }

  @Override
  public List<CheckpointInfo> list() throws IOException {
    return store.list();
  }

  /** See {@link ChunkedStore#verify()}. */
  public List<Corruption> verify() throws IOException {
    return store.verify();
  }

  /** Deletes chunk files that no manifest references. */
  public ChunkedStore.GarbageReport collectGarbage() throws IOException {
    return store.collectGarbage();
  }

  /** Writes the whole store to a Zstd-compressed tar archive (see {@link StoreArchive}). */
  public void exportArchive(Path archive) throws IOException {
    store.exportArchive(archive);
  }

  /**
   * Restores an archive made by {@link #exportArchive} into a new (absent or empty) directory,
   * verifying every checksum first; nothing is left behind when the archive is bad.
   */
  public static void importArchive(Path archive, Path dataDir) throws IOException {
    StoreArchive.importInto(archive, dataDir);
  }

  @Override
  public void close() throws IOException {
    store.close();
  }

  /** The file an object of this store is kept in (for tests that damage files on purpose). */
  Path file(String name) {
    return files.file(name);
  }

  /** Every chunk file, for tests. */
  List<Path> chunkFiles() throws IOException {
    return store.chunkObjects().stream().map(o -> files.file(o.name())).toList();
  }
}
