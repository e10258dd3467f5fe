package dev.simplex.checkpoint;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads stored checkpoints back and believes nothing unchecked: the manifest's own checksum, each
 * chunk's length and SHA-256, the whole encoding's SHA-256, and that the manifest is filed under
 * the actor and sequence it names. Every failure becomes a {@link Corruption} report, never an
 * exception, so callers can fall back to an older checkpoint. Only a failing store (disk, network)
 * throws.
 */
final class CheckpointVerifier {
  static final int MAX_MANIFEST_BYTES = 64 << 20;
  static final int MAX_CHUNK_BYTES = Chunker.MAX_SIZE * 2 + 1024;

  private final ObjectStore objects;

  CheckpointVerifier(ObjectStore objects) {
    this.objects = objects;
  }

  /**
   * The checkpoint a manifest describes if everything verifies; otherwise reports and is empty.
   *
   * @param actorId the actor the caller expects, or null to accept the one the manifest names
   */
  Optional<Checkpoint> read(
      String manifestName, String actorId, long sequence, Consumer<Corruption> report)
      throws IOException {
    String who = actorId != null ? actorId : StoreLayout.actorDirOf(manifestName);
    Manifest mf = manifest(manifestName, who, sequence, report);
    if (mf == null) {
      return Optional.empty();
    }
    if ((actorId != null && !mf.actorId().equals(actorId)) || mf.sequence() != sequence) {
      report.accept(
          new Corruption(
              who,
              sequence,
              manifestName,
              "manifest is for actor " + mf.actorId() + " sequence " + mf.sequence()));
      return Optional.empty();
    }
    byte[] whole = new byte[mf.totalLength()];
    int at = 0;
    for (Manifest.ChunkRef ref : mf.chunks()) {
      try {
        byte[] raw = chunk(ref);
        System.arraycopy(raw, 0, whole, at, raw.length);
        at += raw.length;
      } catch (CheckpointFormatException e) {
        report.accept(new Corruption(who, sequence, StoreLayout.chunk(ref.hash()), e.getMessage()));
        return Optional.empty();
      }
    }
    if (!Sha256.hex(Sha256.of(whole)).equals(mf.wholeHash())) {
      report.accept(
          new Corruption(who, sequence, manifestName, "reassembled checkpoint fails its SHA-256"));
      return Optional.empty();
    }
    try {
      return Optional.of(CheckpointCodec.decode(whole));
    } catch (CheckpointFormatException e) {
      report.accept(new Corruption(who, sequence, manifestName, e.getMessage()));
      return Optional.empty();
    }
  }

  /** A manifest whose checksum verifies, or null (reported, or quietly removed meanwhile). */
  Manifest manifest(String name, String who, long sequence, Consumer<Corruption> report)
      throws IOException {
    Optional<byte[]> bytes;
    try {
      bytes = objects.get(name, MAX_MANIFEST_BYTES);
    } catch (CheckpointFormatException e) {
      report.accept(new Corruption(who, sequence, name, e.getMessage()));
      return null;
    }
    // absent: removed by retention while we listed, which is not corruption
    return bytes.isEmpty() ? null : decode(name, bytes.get(), who, sequence, report);
  }

  /** The manifest in bytes already read, or null when it fails its checks (reported). */
  static Manifest decode(
      String name, byte[] bytes, String who, long sequence, Consumer<Corruption> report) {
    try {
      return Manifest.decode(bytes, name);
    } catch (CheckpointFormatException e) {
      report.accept(new Corruption(who, sequence, name, e.getMessage()));
      return null;
    }
  }

  /** A chunk's bytes, checked against the length and SHA-256 the manifest gives. */
  byte[] chunk(Manifest.ChunkRef ref) throws IOException {
    return chunkIfPresent(ref).orElseThrow(() -> new CheckpointFormatException("chunk is missing"));
  }

  /** Like {@link #chunk}, but an absent chunk is empty rather than a failure. */
  Optional<byte[]> chunkIfPresent(Manifest.ChunkRef ref) throws IOException {
    Optional<byte[]> compressed = objects.get(StoreLayout.chunk(ref.hash()), MAX_CHUNK_BYTES);
    if (compressed.isEmpty()) {
      return compressed;
    }
    byte[] raw = Compression.decompressExactly(compressed.get(), ref.length(), "chunk");
    if (!Sha256.hex(Sha256.of(raw)).equals(ref.hash())) {
      throw new CheckpointFormatException("chunk content does not match its SHA-256");
    }
    return Optional.of(raw);
  }

  /** Checks a chunk on its own, without a manifest: it must hash to its name. */
  void chunkObject(String name) throws IOException {
    Optional<byte[]> bytes = objects.get(name, MAX_CHUNK_BYTES);
    if (bytes.isEmpty()) {
      return; // deleted since it was listed
    }
    byte[] raw = Compression.decompress(bytes.get(), Chunker.MAX_SIZE, "chunk");
    if (!Sha256.hex(Sha256.of(raw)).equals(StoreLayout.hashOf(name))) {
      throw new CheckpointFormatException("content does not match its SHA-256 name");
    }
  }
}
