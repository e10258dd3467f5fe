package dev.simplex.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The default checkpoint store: a directory tree under a data directory (layout in {@link
 * StoreLayout}). Checkpoints are split into content-defined chunks, each Zstd-compressed and stored
 * once under its SHA-256; a manifest per (actor, sequence) lists them. Every file is written
 * atomically and the manifest last, so a crash leaves either the old checkpoint or the new one.
 *
 * <p>One process owns a data directory at a time (an OS file lock on {@code store.lock}).
 */
public final class LocalDirectoryStore implements CheckpointStore {
  private static final System.Logger LOG = System.getLogger(LocalDirectoryStore.class.getName());
  private static final String LOCK_FILE = "store.lock";

  /**
   * How the store behaves.
   *
   * @param keepLast how many newest sequences to keep per actor (older manifests are deleted)
   * @param onCorruption told about every checkpoint that fails verification
   */
  public record Options(int keepLast, Consumer<Corruption> onCorruption) {
    public Options {
      if (keepLast < 1) {
        throw new IllegalArgumentException("keepLast must be at least 1, got " + keepLast);
      }
      Objects.requireNonNull(onCorruption, "onCorruption");
    }

    /** Keeps 3 sequences per actor and logs corruption as a warning. */
    public static Options defaults() {
      return new Options(3, c -> LOG.log(System.Logger.Level.WARNING, c.toString()));
    }

    public Options withKeepLast(int n) {
      return new Options(n, onCorruption);
    }

    public Options withCorruptionListener(Consumer<Corruption> listener) {
      return new Options(keepLast, listener);
    }
  }

  /** What {@link #collectGarbage()} removed. */
  public record GarbageReport(int chunksDeleted, long bytesFreed) {}

  final StoreLayout layout;
  private final CheckpointVerifier verifier;
  private final Options options;
  private final FileChannel lockChannel;
  private final FileLock lock;
  // puts, reads and exports share; garbage collection excludes them so it never deletes a chunk
  // that a manifest being written is about to reference
  private final ReadWriteLock gcLock = new ReentrantReadWriteLock();
  private final Set<String> verifiedChunks = ConcurrentHashMap.newKeySet();
  private final AtomicLong bytesWritten = new AtomicLong();
  private volatile boolean closed;

  private LocalDirectoryStore(
      StoreLayout layout, Options options, FileChannel lockChannel, FileLock lock) {
    this.layout = layout;
    this.verifier = new CheckpointVerifier(layout);
    this.options = options;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  public static LocalDirectoryStore open(Path dataDir) throws IOException {
    return open(dataDir, Options.defaults());
  }

  /** Opens (creating if needed) a store, removing temp files left by an interrupted write. */
  public static LocalDirectoryStore open(Path dataDir, Options options) throws IOException {
    var layout = new StoreLayout(dataDir.toAbsolutePath().normalize());
    Files.createDirectories(layout.chunksDir());
    Files.createDirectories(layout.actorsDir());
    checkLayoutMarker(layout);
    FileChannel ch =
        FileChannel.open(
            layout.root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new IOException(
          "checkpoint directory "
              + dataDir
              + " is already in use by another store; close it first");
    }
    var store = new LocalDirectoryStore(layout, options, ch, lock);
    store.removeTempFiles();
    return store;
  }

  private static void checkLayoutMarker(StoreLayout layout) throws IOException {
    Path marker = layout.root.resolve(StoreLayout.LAYOUT_FILE);
    if (Files.exists(marker)) {
      String found = Files.readString(marker, StandardCharsets.UTF_8);
      if (!found.equals(StoreLayout.LAYOUT_CONTENT)) {
        throw new CheckpointFormatException(
            marker
                + " says '"
                + found.strip()
                + "', not '"
                + StoreLayout.LAYOUT_CONTENT.strip()
                + "': this directory was written by another version or is not a checkpoint store");
      }
    } else {
      AtomicFiles.write(marker, StoreLayout.LAYOUT_CONTENT.getBytes(StandardCharsets.UTF_8));
      AtomicFiles.syncDirectory(layout.root);
    }
  }

  public Path directory() {
    return layout.root;
  }

  /** Bytes this store has written since it was opened (chunks and manifests). */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  @Override
  public StoreReceipt put(EncodedCheckpoint checkpoint) throws IOException {
    ensureOpen();
    gcLock.readLock().lock();
    try {
      byte[] data = checkpoint.unsafeBytes();
      var refs = new ArrayList<Manifest.ChunkRef>();
      var dirsToSync = new LinkedHashSet<Path>();
      int written = 0;
      long bytes = 0;
      for (Chunker.Cut cut : Chunker.cuts(data)) {
        String hash = Sha256.hex(Sha256.of(data, cut.offset(), cut.length()));
        refs.add(new Manifest.ChunkRef(hash, cut.length()));
        long n = storeChunk(hash, data, cut, dirsToSync);
        if (n > 0) {
          written++;
          bytes += n;
        }
      }
      for (Path dir : dirsToSync) {
        AtomicFiles.syncDirectory(dir);
      }
      byte[] manifest = Manifest.describe(checkpoint, refs).encode();
      Path actorDir = layout.actorDir(checkpoint.actorId());
      Files.createDirectories(actorDir);
      AtomicFiles.write(layout.manifest(checkpoint.actorId(), checkpoint.sequence()), manifest);
      AtomicFiles.syncDirectory(actorDir);
      bytes += manifest.length;
      bytesWritten.addAndGet(bytes);
      applyRetention(actorDir);
      return new StoreReceipt(
          checkpoint.actorId(), checkpoint.sequence(), data.length, refs.size(), written, bytes);
    } finally {
      gcLock.readLock().unlock();
    }
  }

  /** Writes a chunk unless a good copy is already stored; returns the bytes written. */
  private long storeChunk(String hash, byte[] data, Chunker.Cut cut, Set<Path> dirsToSync)
      throws IOException {
    if (verifiedChunks.contains(hash)) {
      return 0;
    }
    Path file = layout.chunk(hash);
    if (Files.exists(file)) {
      try {
        verifier.chunk(new Manifest.ChunkRef(hash, cut.length()));
        verifiedChunks.add(hash);
        return 0;
      } catch (CheckpointFormatException e) {
        // a damaged copy: this checkpoint has the right bytes, so it repairs the file
        LOG.log(System.Logger.Level.WARNING, "rewriting damaged chunk " + layout.relative(file));
      }
    }
    byte[] compressed =
        Compression.compress(Arrays.copyOfRange(data, cut.offset(), cut.offset() + cut.length()));
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, compressed);
    dirsToSync.add(file.getParent());
    verifiedChunks.add(hash);
    return compressed.length;
  }

  private void applyRetention(Path actorDir) throws IOException {
    List<Path> manifests = StoreLayout.manifestsNewestFirst(actorDir);
    boolean deleted = false;
    for (int i = options.keepLast(); i < manifests.size(); i++) {
      deleted |= Files.deleteIfExists(manifests.get(i));
    }
    if (deleted) {
      AtomicFiles.syncDirectory(actorDir);
    }
  }

  @Override
  public Optional<Checkpoint> latest(String actorId) throws IOException {
    ensureOpen();
    Checkpoint.requireActorId(actorId);
    gcLock.readLock().lock();
    try {
      for (Path m : StoreLayout.manifestsNewestFirst(layout.actorDir(actorId))) {
        Optional<Checkpoint> c =
            verifier.read(m, actorId, StoreLayout.sequenceOf(m), options.onCorruption());
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    } finally {
      gcLock.readLock().unlock();
    }
  }

  @Override
  public Optional<Checkpoint> read(String actorId, long sequence) throws IOException {
    ensureOpen();
    Checkpoint.requireActorId(actorId);
    if (sequence < 0) {
      return Optional.empty();
    }
    gcLock.readLock().lock();
    try {
      Path m = layout.manifest(actorId, sequence);
      return Files.exists(m)
          ? verifier.read(m, actorId, sequence, options.onCorruption())
          : Optional.empty();
    } finally {
      gcLock.readLock().unlock();
    }
  }

  @Override
  public List<CheckpointInfo> list() throws IOException {
    ensureOpen();
    gcLock.readLock().lock();
    try {
      var out = new ArrayList<CheckpointInfo>();
      for (Path dir : layout.actorDirs()) {
        for (Path m : StoreLayout.manifestsNewestFirst(dir)) {
          Manifest mf = manifestOrReport(m);
          if (mf != null) {
            out.add(
                new CheckpointInfo(
                    mf.actorId(),
                    mf.sequence(),
                    mf.totalLength(),
                    mf.wallTime(),
                    mf.chunks().size()));
          }
        }
      }
      out.sort(
          Comparator.comparing(CheckpointInfo::actorId)
              .thenComparingLong(CheckpointInfo::sequence));
      return out;
    } finally {
      gcLock.readLock().unlock();
    }
  }

  /**
   * Reads every manifest and every chunk file and reports what fails (also to the listener). An
   * empty list means every stored checkpoint verifies.
   */
  public List<Corruption> verify() throws IOException {
    ensureOpen();
    var problems = new ArrayList<Corruption>();
    Consumer<Corruption> both = problems::add;
    gcLock.readLock().lock();
    try {
      for (Path dir : layout.actorDirs()) {
        for (Path m : StoreLayout.manifestsNewestFirst(dir)) {
          verifier.read(m, null, StoreLayout.sequenceOf(m), both.andThen(options.onCorruption()));
        }
      }
      for (Path chunk : layout.chunkFiles()) {
        try {
          verifier.chunkFile(chunk);
        } catch (CheckpointFormatException e) {
          var c = new Corruption("(any)", -1, layout.relative(chunk), e.getMessage());
          problems.add(c);
          options.onCorruption().accept(c);
        }
      }
      return problems;
    } finally {
      gcLock.readLock().unlock();
    }
  }

  /** Deletes chunk files that no manifest references, and leftover temp files. */
  public GarbageReport collectGarbage() throws IOException {
    ensureOpen();
    gcLock.writeLock().lock();
    try {
      var live = new HashSet<String>();
      for (Path dir : layout.actorDirs()) {
        for (Path m : StoreLayout.manifestsNewestFirst(dir)) {
          Manifest mf = manifestOrReport(m);
          if (mf != null) {
            mf.chunks().forEach(c -> live.add(c.hash()));
          }
        }
      }
      int deleted = 0;
      long freed = 0;
      for (Path chunk : layout.chunkFiles()) {
        String hash = StoreLayout.hashOf(chunk);
        if (!live.contains(hash)) {
          long size = Files.size(chunk);
          if (Files.deleteIfExists(chunk)) {
            verifiedChunks.remove(hash);
            deleted++;
            freed += size;
          }
        }
      }
      removeTempFiles();
      return new GarbageReport(deleted, freed);
    } finally {
      gcLock.writeLock().unlock();
    }
  }

  /** Writes the whole store to a Zstd-compressed tar archive (see {@link StoreArchive}). */
  public void exportArchive(Path archive) throws IOException {
    ensureOpen();
    gcLock.readLock().lock();
    try {
      StoreArchive.export(this, archive);
    } finally {
      gcLock.readLock().unlock();
    }
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
    if (closed) {
      return;
    }
    closed = true;
    gcLock.writeLock().lock(); // waits for puts in progress
    try {
      lock.release();
    } finally {
      lockChannel.close();
      gcLock.writeLock().unlock();
    }
  }

  /** A manifest that verifies; a bad one is reported and null. */
  Manifest manifestOrReport(Path file) throws IOException {
    String who = file.getParent().getFileName().toString();
    return verifier.manifest(file, who, StoreLayout.sequenceOf(file), options.onCorruption());
  }

  private void removeTempFiles() throws IOException {
    try (Stream<Path> s = Files.walk(layout.root, 3)) {
      for (Path p : s.filter(AtomicFiles::isTemp).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("checkpoint store " + layout.root + " is closed");
    }
  }
}
