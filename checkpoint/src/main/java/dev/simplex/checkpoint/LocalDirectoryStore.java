package dev.simplex.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
  private static final long MAX_MANIFEST_BYTES = 64L << 20;
  private static final long MAX_CHUNK_FILE_BYTES = Chunker.MAX_SIZE * 2L + 1024;

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
        readChunk(new Manifest.ChunkRef(hash, cut.length()));
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
    List<Path> manifests = manifestsNewestFirst(actorDir);
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
      for (Path m : manifestsNewestFirst(layout.actorDir(actorId))) {
        Optional<Checkpoint> c = readVerified(m, actorId, StoreLayout.sequenceOf(m));
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
      return Files.exists(m) ? readVerified(m, actorId, sequence) : Optional.empty();
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
      for (Path dir : actorDirs()) {
        for (Path m : manifestsNewestFirst(dir)) {
          Manifest mf = readManifest(m, dir.getFileName().toString(), StoreLayout.sequenceOf(m));
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
      for (Path dir : actorDirs()) {
        for (Path m : manifestsNewestFirst(dir)) {
          readVerified(m, null, StoreLayout.sequenceOf(m), both.andThen(options.onCorruption()));
        }
      }
      for (Path chunk : chunkFiles()) {
        String name = chunk.getFileName().toString();
        String hash = name.substring(0, name.length() - StoreLayout.CHUNK_SUFFIX.length());
        try {
          byte[] raw =
              Compression.decompress(
                  readBounded(chunk, MAX_CHUNK_FILE_BYTES), Chunker.MAX_SIZE, "chunk");
          if (!Sha256.hex(Sha256.of(raw)).equals(hash)) {
            throw new CheckpointFormatException("content does not match its SHA-256 name");
          }
        } catch (CheckpointFormatException e) {
          var c = new Corruption("?", -1, layout.relative(chunk), e.getMessage());
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
      for (Path dir : actorDirs()) {
        for (Path m : manifestsNewestFirst(dir)) {
          Manifest mf = readManifest(m, dir.getFileName().toString(), StoreLayout.sequenceOf(m));
          if (mf != null) {
            mf.chunks().forEach(c -> live.add(c.hash()));
          }
        }
      }
      int deleted = 0;
      long freed = 0;
      for (Path chunk : chunkFiles()) {
        String name = chunk.getFileName().toString();
        String hash = name.substring(0, name.length() - StoreLayout.CHUNK_SUFFIX.length());
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

  // ---- reading and verifying ----

  private Optional<Checkpoint> readVerified(Path manifestFile, String actorId, long sequence)
      throws IOException {
    return readVerified(manifestFile, actorId, sequence, options.onCorruption());
  }

  /** The checkpoint a manifest describes, if everything verifies; otherwise reports and empty. */
  private Optional<Checkpoint> readVerified(
      Path manifestFile, String actorId, long sequence, Consumer<Corruption> report)
      throws IOException {
    String who = actorId != null ? actorId : manifestFile.getParent().getFileName().toString();
    Manifest mf = readManifest(manifestFile, who, sequence, report);
    if (mf == null) {
      return Optional.empty();
    }
    String where = layout.relative(manifestFile);
    if ((actorId != null && !mf.actorId().equals(actorId)) || mf.sequence() != sequence) {
      report.accept(
          new Corruption(
              who,
              sequence,
              where,
              "manifest is for actor " + mf.actorId() + " sequence " + mf.sequence()));
      return Optional.empty();
    }
    byte[] whole = new byte[mf.totalLength()];
    int at = 0;
    for (Manifest.ChunkRef ref : mf.chunks()) {
      try {
        byte[] raw = readChunk(ref);
        System.arraycopy(raw, 0, whole, at, raw.length);
        at += raw.length;
      } catch (CheckpointFormatException e) {
        report.accept(
            new Corruption(
                who, sequence, layout.relative(layout.chunk(ref.hash())), e.getMessage()));
        return Optional.empty();
      }
    }
    if (!Sha256.hex(Sha256.of(whole)).equals(mf.wholeHash())) {
      report.accept(
          new Corruption(who, sequence, where, "reassembled checkpoint fails its SHA-256"));
      return Optional.empty();
    }
    try {
      return Optional.of(CheckpointCodec.decode(whole));
    } catch (CheckpointFormatException e) {
      report.accept(new Corruption(who, sequence, where, e.getMessage()));
      return Optional.empty();
    }
  }

  /** A manifest that verifies, for export; a bad one is reported and skipped. */
  Manifest manifestForExport(Path file) throws IOException {
    return readManifest(
        file, file.getParent().getFileName().toString(), StoreLayout.sequenceOf(file));
  }

  private Manifest readManifest(Path file, String who, long sequence) throws IOException {
    return readManifest(file, who, sequence, options.onCorruption());
  }

  private Manifest readManifest(Path file, String who, long sequence, Consumer<Corruption> report)
      throws IOException {
    String where = layout.relative(file);
    try {
      return Manifest.decode(readBounded(file, MAX_MANIFEST_BYTES), where);
    } catch (NoSuchFileException e) {
      return null; // removed by retention while we listed: not corruption
    } catch (CheckpointFormatException e) {
      report.accept(new Corruption(who, sequence, where, e.getMessage()));
      return null;
    }
  }

  /** A chunk's bytes, checked against its length and SHA-256. */
  private byte[] readChunk(Manifest.ChunkRef ref) throws IOException {
    Path file = layout.chunk(ref.hash());
    byte[] compressed;
    try {
      compressed = readBounded(file, MAX_CHUNK_FILE_BYTES);
    } catch (NoSuchFileException e) {
      throw new CheckpointFormatException("chunk file is missing");
    }
    byte[] raw = Compression.decompressExactly(compressed, ref.length(), "chunk");
    if (!Sha256.hex(Sha256.of(raw)).equals(ref.hash())) {
      throw new CheckpointFormatException("chunk content does not match its SHA-256");
    }
    return raw;
  }

  private static byte[] readBounded(Path file, long max) throws IOException {
    long size = Files.size(file);
    if (size > max) {
      throw new CheckpointFormatException(
          file.getFileName() + " is " + size + " bytes, more than the limit of " + max);
    }
    return Files.readAllBytes(file);
  }

  // ---- listing files ----

  List<Path> actorDirs() throws IOException {
    try (Stream<Path> s = Files.list(layout.actorsDir())) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  static List<Path> manifestsNewestFirst(Path actorDir) throws IOException {
    if (!Files.isDirectory(actorDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(actorDir)) {
      return s.filter(p -> StoreLayout.sequenceOf(p) >= 0)
          .sorted(Comparator.comparingLong(StoreLayout::sequenceOf).reversed())
          .toList();
    }
  }

  List<Path> chunkFiles() throws IOException {
    try (Stream<Path> s = Files.walk(layout.chunksDir(), 2)) {
      return s.filter(p -> StoreLayout.CHUNK_NAME.matcher(p.getFileName().toString()).matches())
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
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
