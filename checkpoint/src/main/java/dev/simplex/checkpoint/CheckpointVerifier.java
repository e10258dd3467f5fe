package dev.simplex.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads stored checkpoints back and believes nothing unchecked: the manifest's own checksum, each
 * chunk's length and SHA-256, the whole encoding's SHA-256, and that the manifest is filed under
 * the actor and sequence it names. Every failure becomes a {@link Corruption} report, never an
 * exception, so callers can fall back to an older checkpoint.
 */
final class CheckpointVerifier {
  static final long MAX_MANIFEST_BYTES = 64L << 20;
  static final long MAX_CHUNK_FILE_BYTES = Chunker.MAX_SIZE * 2L + 1024;

  private final StoreLayout layout;

  CheckpointVerifier(StoreLayout layout) {
    this.layout = layout;
  }

  /**
   * The checkpoint a manifest describes if everything verifies; otherwise reports and is empty.
   *
   * @param actorId the actor the caller expects, or null to accept the one the manifest names
   */
  Optional<Checkpoint> read(
      Path manifestFile, String actorId, long sequence, Consumer<Corruption> report)
      throws IOException {
    String who = actorId != null ? actorId : manifestFile.getParent().getFileName().toString();
    Manifest mf = manifest(manifestFile, who, sequence, report);
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
        byte[] raw = chunk(ref);
        System.arraycopy(raw, 0, whole, at, raw.length);
        at += raw.length;
      } catch (CheckpointFormatException e) {
        String file = layout.relative(layout.chunk(ref.hash()));
        report.accept(new Corruption(who, sequence, file, e.getMessage()));
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

  /** A manifest whose checksum verifies, or null (reported, or quietly removed meanwhile). */
  Manifest manifest(Path file, String who, long sequence, Consumer<Corruption> report)
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

  /** A chunk's bytes, checked against the length and SHA-256 the manifest gives. */
  byte[] chunk(Manifest.ChunkRef ref) throws IOException {
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

  /** Checks a chunk file on its own, without a manifest: it must hash to its name. */
  void chunkFile(Path file) throws IOException {
    byte[] raw =
        Compression.decompress(readBounded(file, MAX_CHUNK_FILE_BYTES), Chunker.MAX_SIZE, "chunk");
    if (!Sha256.hex(Sha256.of(raw)).equals(StoreLayout.hashOf(file))) {
      throw new CheckpointFormatException("content does not match its SHA-256 name");
    }
  }

  private static byte[] readBounded(Path file, long max) throws IOException {
    long size = Files.size(file);
    if (size > max) {
      throw new CheckpointFormatException(
          file.getFileName() + " is " + size + " bytes, more than the limit of " + max);
    }
    return Files.readAllBytes(file);
  }
}
