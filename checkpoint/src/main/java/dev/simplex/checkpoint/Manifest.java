package dev.simplex.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What one stored checkpoint is made of: its chunks in order (by SHA-256 of their uncompressed
 * bytes) and the SHA-256 of the whole encoding. The manifest ends with the SHA-256 of its own
 * preceding bytes, so a truncated or bit-flipped manifest is caught before it is believed.
 */
record Manifest(
    String actorId,
    long sequence,
    Instant wallTime,
    int totalLength,
    String wholeHash,
    List<ChunkRef> chunks) {

  static final byte[] MAGIC = "SXMF".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /** One chunk: its content address (hex SHA-256) and its uncompressed length. */
  record ChunkRef(String hash, int length) {}

  Manifest {
    chunks = List.copyOf(chunks);
  }

  /** Splits an encoding into chunks and describes it. */
  static Manifest describe(EncodedCheckpoint e, List<ChunkRef> chunks) {
    return new Manifest(
        e.actorId(),
        e.sequence(),
        e.wallTime(),
        e.size(),
        Sha256.hex(Sha256.of(e.unsafeBytes())),
        chunks);
  }

  byte[] encode() {
    var out = new ByteSink(128 + chunks.size() * 36);
    out.raw(MAGIC);
    out.u8(VERSION);
    out.string(actorId);
    out.varint(sequence);
    out.zigzag(wallTime.getEpochSecond());
    out.varint(wallTime.getNano());
    out.varint(totalLength);
    out.raw(HexFormat.of().parseHex(wholeHash));
    out.varint(chunks.size());
    for (ChunkRef c : chunks) {
      out.raw(HexFormat.of().parseHex(c.hash()));
      out.varint(c.length());
    }
    byte[] body = out.toByteArray();
    out.raw(Sha256.of(body));
    return out.toByteArray();
  }

  static Manifest decode(byte[] bytes, String file) throws CheckpointFormatException {
    if (bytes.length < MAGIC.length + 1 + Sha256.LENGTH) {
      throw new CheckpointFormatException(
          "manifest " + file + " is truncated (" + bytes.length + " bytes)");
    }
    int bodyLength = bytes.length - Sha256.LENGTH;
    byte[] expected = Arrays.copyOfRange(bytes, bodyLength, bytes.length);
    if (!Arrays.equals(Sha256.of(bytes, 0, bodyLength), expected)) {
      throw new CheckpointFormatException(
          "manifest " + file + " fails its checksum (truncated or corrupted)");
    }
    var in = new ByteSource(bytes, 0, bodyLength, "manifest " + file);
    if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
      throw in.error("not a checkpoint manifest (no SXMF magic)");
    }
    int version = in.u8();
    if (version != VERSION) {
      throw in.error("manifest version " + version + " is not supported (this build reads 1)");
    }
    String actorId = in.string("actor id");
    long sequence = in.varint();
    Instant wallTime;
    try {
      wallTime = Instant.ofEpochSecond(in.zigzag(), in.varint());
    } catch (DateTimeException | ArithmeticException e) {
      throw in.error("wall time out of range");
    }
    long total = in.varint();
    if (total < 0 || total > EncodedCheckpoint.MAX_BYTES) {
      throw in.error("checkpoint size " + total + " out of range");
    }
    String whole = Sha256.hex(in.raw(Sha256.LENGTH));
    int n = in.length("chunk count", Sha256.LENGTH + 1);
    var chunks = new ArrayList<ChunkRef>(n);
    long sum = 0;
    for (int i = 0; i < n; i++) {
      String hash = Sha256.hex(in.raw(Sha256.LENGTH));
      long len = in.varint();
      if (len <= 0 || len > Chunker.MAX_SIZE) {
        throw in.error("chunk " + i + " has impossible length " + len);
      }
      sum += len;
      chunks.add(new ChunkRef(hash, (int) len));
    }
    if (sum != total) {
      throw in.error("chunk lengths add up to " + sum + ", not the recorded size " + total);
    }
    if (in.hasRemaining()) {
      throw in.error(in.remaining() + " unexpected bytes after the chunk list");
    }
    return new Manifest(actorId, sequence, wallTime, (int) total, whole, chunks);
  }
}
