package dev.simplex.peer.migrate;

import com.github.luben.zstd.Zstd;

/**
 * The form a snapshot travels in between peers: one Zstd frame that records its size. Reading one
 * back checks that size against a limit first, so a hostile frame cannot make a peer allocate
 * without bound.
 */
public final class SnapshotCompression {
  /** The largest snapshot a peer takes in (256 MiB). */
  public static final int MAX_SNAPSHOT_BYTES = 256 << 20;

  static final int LEVEL = 3;

  private SnapshotCompression() {}

  public static byte[] compress(byte[] state) {
    if (state.length > MAX_SNAPSHOT_BYTES)
      throw new IllegalArgumentException(
          "a snapshot of "
              + state.length
              + " bytes is over the limit of "
              + MAX_SNAPSHOT_BYTES
              + " bytes that a peer accepts");
    return Zstd.compress(state, LEVEL);
  }

  /**
   * @throws IllegalArgumentException when {@code frame} is not one Zstd frame of a snapshot within
   *     the limit
   */
  public static byte[] decompress(byte[] frame) {
    long size;
    try {
      size = Zstd.getFrameContentSize(frame);
    } catch (RuntimeException e) { // zstd-jni reports bad frames with unchecked exceptions
      throw new IllegalArgumentException("the snapshot is not a Zstd frame: " + e.getMessage(), e);
    }
    if (size < 0)
      throw new IllegalArgumentException(
          "the snapshot is not a Zstd frame that records its size ("
              + Zstd.getErrorName(size)
              + ")");
    if (size > MAX_SNAPSHOT_BYTES)
      throw new IllegalArgumentException(
          "the snapshot claims " + size + " bytes, over the limit of " + MAX_SNAPSHOT_BYTES);
    byte[] out = new byte[(int) size];
    long n;
    try {
      n = Zstd.decompress(out, frame);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the snapshot is corrupt: " + e.getMessage(), e);
    }
    if (Zstd.isError(n))
      throw new IllegalArgumentException("the snapshot is corrupt: " + Zstd.getErrorName(n));
    if (n != size)
      throw new IllegalArgumentException(
          "the snapshot expands to " + n + " bytes, its header says " + size);
    return out;
  }
}
