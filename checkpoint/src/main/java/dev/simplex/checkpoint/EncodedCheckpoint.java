package dev.simplex.checkpoint;

import com.github.luben.zstd.Zstd;
import java.time.Instant;
import java.util.Objects;

/**
 * A checkpoint in its binary form, with the identity a store needs to file it. This is what the
 * runtime hands to a store, and what migration ships between peers ({@link #compressed()}).
 */
public final class EncodedCheckpoint {
  /** A decompressed checkpoint larger than this is refused (a guard against hostile frames). */
  public static final int MAX_BYTES = 1 << 30;

  private final String actorId;
  private final long sequence;
  private final Instant wallTime;
  private final byte[] bytes;

  EncodedCheckpoint(String actorId, long sequence, Instant wallTime, byte[] bytes) {
    this.actorId = actorId;
    this.sequence = sequence;
    this.wallTime = wallTime;
    this.bytes = bytes;
  }

  /** Reads back an encoding: it must be a whole, valid checkpoint. */
  public static EncodedCheckpoint of(byte[] bytes) throws CheckpointFormatException {
    byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
    Checkpoint c = CheckpointCodec.decode(copy);
    return new EncodedCheckpoint(c.actorId(), c.sequence(), c.wallTime(), copy);
  }

  /** Reads back what {@link #compressed()} produced. */
  public static EncodedCheckpoint fromCompressed(byte[] zstd) throws CheckpointFormatException {
    return of(Compression.decompress(zstd, MAX_BYTES, "compressed checkpoint"));
  }

  public String actorId() {
    return actorId;
  }

  public long sequence() {
    return sequence;
  }

  public Instant wallTime() {
    return wallTime;
  }

  public int size() {
    return bytes.length;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Package-private access without a copy; callers never mutate it. */
  byte[] unsafeBytes() {
    return bytes;
  }

  /** The encoding compressed as one Zstd frame, for shipping to another peer. */
  public byte[] compressed() {
    return Zstd.compress(bytes, Compression.LEVEL);
  }

  public Checkpoint decode() throws CheckpointFormatException {
    return CheckpointCodec.decode(bytes);
  }

  @Override
  public String toString() {
    return "EncodedCheckpoint[" + actorId + " #" + sequence + ", " + bytes.length + " bytes]";
  }
}
