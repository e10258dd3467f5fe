package dev.simplex.checkpoint;

import com.github.luben.zstd.Zstd;

/** Zstd with the bounds checks that bytes from disk or the network need. */
final class Compression {
  static final int LEVEL = 3;

  private Compression() {}

  static byte[] compress(byte[] raw) {
    return Zstd.compress(raw, LEVEL);
  }

  /** Decompresses one frame whose header records a content size of at most {@code max}. */
  static byte[] decompress(byte[] frame, int max, String what) throws CheckpointFormatException {
    long size;
    try {
      size = Zstd.getFrameContentSize(frame);
    } catch (RuntimeException e) { // zstd-jni reports bad frames with unchecked exceptions
      throw new CheckpointFormatException(what + " is not a Zstd frame: " + e.getMessage(), e);
    }
    if (size < 0) {
      throw new CheckpointFormatException(
          what + " is not a Zstd frame that records its uncompressed size");
    }
    if (size > max) {
      throw new CheckpointFormatException(
          what + " claims " + size + " bytes uncompressed, more than the limit of " + max);
    }
    return decompressExactly(frame, (int) size, what);
  }

  /** Decompresses one frame that must expand to exactly {@code expected} bytes. */
  static byte[] decompressExactly(byte[] frame, int expected, String what)
      throws CheckpointFormatException {
    byte[] out = new byte[expected];
    long n;
    try {
      n = Zstd.decompress(out, frame);
    } catch (RuntimeException e) {
      throw new CheckpointFormatException(what + " is corrupt: " + e.getMessage(), e);
    }
    if (Zstd.isError(n)) {
      throw new CheckpointFormatException(what + " is corrupt: " + Zstd.getErrorName(n));
    }
    if (n != expected) {
      throw new CheckpointFormatException(
          what + " expands to " + n + " bytes, expected " + expected);
    }
    return out;
  }
}
