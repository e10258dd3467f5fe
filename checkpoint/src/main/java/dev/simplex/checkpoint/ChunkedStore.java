package dev.simplex.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Checkpoints as content-defined chunks and manifests in any {@link ObjectStore} (layout in {@link
 * StoreLayout}). Each chunk is Zstd-compressed and stored once under its SHA-256; a manifest per
 * (actor, sequence) lists them and is written last, so a reader sees the old checkpoint or the new
 * one. Reads verify every checksum and fall back to the previous good sequence.
 *
 * <p>Several stores may share one object store (peers sharing a bucket): each reads what the others
 * wrote. Give them {@link StoreOptions#shared()} so garbage collection by one never removes a chunk
 * another is about to reference.
 */
public final class ChunkedStore implements CheckpointStore {
  private static final System.Logger LOG = System.getLogger(ChunkedStore.class.getName());

  /** What {@link #collectGarbage()} removed. */
  public record GarbageReport(int chunksDeleted, long bytesFreed) {}

  private final ObjectStore objects;
  private final CheckpointVerifier verifier;
  private final StoreOptions options;
  // puts, reads and exports share; garbage collection excludes them so it never deletes a chunk
  // that a manifest being written in this process is about to reference
  private final ReadWriteLock gcLock = new ReentrantReadWriteLock();
  // chunk hash -> when this store last wrote or verified it
  private final Map<String, Instant> knownChunks = new ConcurrentHashMap<>();
  private final InstantSource clock;
  private final AtomicLong bytesWritten = new AtomicLong();
  private volatile boolean closed;

  private ChunkedStore(ObjectStore objects, StoreOptions options, InstantSource clock) {
    this.objects = objects;
    this.clock = clock;
    this.verifier = new CheckpointVerifier(objects);
    this.options = options;
  }

  /**
   * Opens a store over objects (taking ownership: closing the store closes them), writing the
   * layout marker if there is none and refusing objects written in another format.
   */
  public static ChunkedStore open(ObjectStore objects, StoreOptions options) throws IOException {
    return open(objects, options, InstantSource.system());
  }

  static ChunkedStore open(ObjectStore objects, StoreOptions options, InstantSource clock)
      throws IOException {
    try {
      checkLayoutMarker(objects);
    } catch (IOException | RuntimeException e) {
      objects.close();
      throw e;
    }
    return new ChunkedStore(objects, options, clock);
  }

  private static void checkLayoutMarker(ObjectStore objects) throws IOException {
    byte[] expected = StoreLayout.LAYOUT_CONTENT.getBytes(StandardCharsets.UTF_8);
    Optional<byte[]> found = objects.get(StoreLayout.LAYOUT, 1024);
    if (found.isEmpty()) {
      objects.put(StoreLayout.LAYOUT, expected);
    } else if (!Arrays.equals(found.get(), expected)) {
      throw new CheckpointFormatException(
          objects.location()
              + "/"
              + StoreLayout.LAYOUT
              + " says '"
              + new String(found.get(), StandardCharsets.UTF_8).strip()
              + "', not '"
              + StoreLayout.LAYOUT_CONTENT.strip()
              + "': this was written by another version or is not a checkpoint store");
    }
  }

  /** Where the checkpoints live (a directory, a bucket URL). */
  public String location() {
    return objects.location();
  }

  public StoreOptions options() {
    return options;
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
      var fresh = new LinkedHashMap<String, byte[]>();
      long bytes = 0;
      for (Chunker.Cut cut : Chunker.cuts(data)) {
        String hash = Sha256.hex(Sha256.of(data, cut.offset(), cut.length()));
        var ref = new Manifest.ChunkRef(hash, cut.length());
        refs.add(ref);
        if (!fresh.containsKey(StoreLayout.chunk(hash)) && mustWrite(ref)) {
          byte[] compressed =
              Compression.compress(
                  Arrays.copyOfRange(data, cut.offset(), cut.offset() + cut.length()));
          fresh.put(StoreLayout.chunk(hash), compressed);
          bytes += compressed.length;
        }
      }
      objects.putAll(fresh); // every chunk is durable before the manifest names it
      Instant now = clock.instant();
      fresh.keySet().forEach(name -> knownChunks.put(StoreLayout.hashOf(name), now));
      byte[] manifest = Manifest.describe(checkpoint, refs).encode();
      objects.put(StoreLayout.manifest(checkpoint.actorId(), checkpoint.sequence()), manifest);
      bytes += manifest.length;
      bytesWritten.addAndGet(bytes);
      applyRetention(checkpoint.actorId());
      return new StoreReceipt(
          checkpoint.actorId(),
          checkpoint.sequence(),
          data.length,
          refs.size(),
          fresh.size(),
          bytes);
    } finally {
      gcLock.readLock().unlock();
    }
  }

  /** Whether a chunk must be (re)written: unknown, damaged, or known too long ago to be safe. */
  private boolean mustWrite(Manifest.ChunkRef ref) throws IOException {
    Instant seen = knownChunks.get(ref.hash());
    boolean shared = !options.chunkGrace().isZero();
    if (seen != null) {
      // another peer's collector spares only chunks written within the grace: refresh at half
      return shared && seen.plus(options.chunkGrace().dividedBy(2)).isBefore(clock.instant());
    }
    if (shared) {
      return true; // its age is unknown; uploading it again is as cheap as checking it
    }
    try {
      if (verifier.chunkIfPresent(ref).isEmpty()) {
        return true;
      }
      knownChunks.put(ref.hash(), clock.instant());
      return false;
    } catch (CheckpointFormatException e) {
      // a damaged copy: this checkpoint has the right bytes, so it repairs the object
      LOG.log(
          System.Logger.Level.WARNING,
          "rewriting damaged " + StoreLayout.chunk(ref.hash()) + ": " + e.getMessage());
      return true;
    }
  }

  private void applyRetention(String actorId) throws IOException {
    List<String> manifests = manifestsNewestFirst(StoreLayout.actorPrefix(actorId));
    for (int i = options.keepLast(); i < manifests.size(); i++) {
      objects.delete(manifests.get(i));
    }
  }

  @Override
  public Optional<Checkpoint> latest(String actorId) throws IOException {
    ensureOpen();
    Checkpoint.requireActorId(actorId);
    gcLock.readLock().lock();
    try {
      for (String m : manifestsNewestFirst(StoreLayout.actorPrefix(actorId))) {
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
      // an absent manifest is simply not stored; the verifier tells it from a damaged one
      return verifier.read(
          StoreLayout.manifest(actorId, sequence), actorId, sequence, options.onCorruption());
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
      for (String m : manifestsNewestFirst(StoreLayout.ACTORS)) {
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
      out.sort(
          Comparator.comparing(CheckpointInfo::actorId)
              .thenComparingLong(CheckpointInfo::sequence));
      return out;
    } finally {
      gcLock.readLock().unlock();
    }
  }

  /**
   * Reads every manifest and every chunk and reports what fails (also to the listener). An empty
   * list means every stored checkpoint verifies.
   */
  public List<Corruption> verify() throws IOException {
    ensureOpen();
    var problems = new ArrayList<Corruption>();
    Consumer<Corruption> both =
        ((Consumer<Corruption>) problems::add).andThen(options.onCorruption());
    gcLock.readLock().lock();
    try {
      for (String m : manifestsNewestFirst(StoreLayout.ACTORS)) {
        verifier.read(m, null, StoreLayout.sequenceOf(m), both);
      }
      for (ObjectStore.ObjectInfo chunk : chunkObjects()) {
        try {
          verifier.chunkObject(chunk.name());
        } catch (CheckpointFormatException e) {
          both.accept(new Corruption("(any)", -1, chunk.name(), e.getMessage()));
        }
      }
      return problems;
    } finally {
      gcLock.readLock().unlock();
    }
  }

  /**
   * Deletes chunks that no manifest references and that are older than the chunk grace (see {@link
   * StoreOptions#chunkGrace()}).
   */
  public GarbageReport collectGarbage() throws IOException {
    ensureOpen();
    gcLock.writeLock().lock();
    try {
      // the cut-off is taken before listing manifests: a chunk newer than it may belong to a
      // manifest written after the listing
      Instant cutoff = clock.instant().minus(options.chunkGrace());
      var live = new HashSet<String>();
      for (String m : manifestsNewestFirst(StoreLayout.ACTORS)) {
        Manifest mf = manifestOrReport(m);
        if (mf != null) {
          mf.chunks().forEach(c -> live.add(c.hash()));
        }
      }
      int deleted = 0;
      long freed = 0;
      boolean shared = !options.chunkGrace().isZero();
      for (ObjectStore.ObjectInfo chunk : chunkObjects()) {
        String hash = StoreLayout.hashOf(chunk.name());
        if (!live.contains(hash) && (!shared || chunk.modified().isBefore(cutoff))) {
          objects.delete(chunk.name());
          knownChunks.remove(hash);
          deleted++;
          freed += chunk.size();
        }
      }
      return new GarbageReport(deleted, freed);
    } finally {
      gcLock.writeLock().unlock();
    }
  }

  /** Writes every checkpoint that verifies to a Zstd-compressed tar (see {@link StoreArchive}). */
  public void exportArchive(Path archive) throws IOException {
    ensureOpen();
    gcLock.readLock().lock();
    try {
      StoreArchive.export(this, archive);
    } finally {
      gcLock.readLock().unlock();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    gcLock.writeLock().lock(); // waits for puts in progress
    try {
      objects.close();
    } finally {
      gcLock.writeLock().unlock();
    }
  }

  ObjectStore objects() {
    return objects;
  }

  /** Manifest names under a prefix, newest sequence first (grouped by actor when several). */
  List<String> manifestsNewestFirst(String prefix) throws IOException {
    return objects.list(prefix).stream()
        .map(ObjectStore.ObjectInfo::name)
        .filter(n -> StoreLayout.sequenceOf(n) >= 0)
        .sorted(
            Comparator.comparing(StoreLayout::actorDirOf)
                .thenComparing(Comparator.comparingLong(StoreLayout::sequenceOf).reversed()))
        .toList();
  }

  List<ObjectStore.ObjectInfo> chunkObjects() throws IOException {
    return objects.list(StoreLayout.CHUNKS).stream()
        .filter(o -> StoreLayout.isChunk(o.name()))
        .toList();
  }

  /** A manifest that verifies; a bad one is reported and null. */
  Manifest manifestOrReport(String name) throws IOException {
    return verifier.manifest(
        name, StoreLayout.actorDirOf(name), StoreLayout.sequenceOf(name), options.onCorruption());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("checkpoint store " + objects.location() + " is closed");
    }
  }
}
