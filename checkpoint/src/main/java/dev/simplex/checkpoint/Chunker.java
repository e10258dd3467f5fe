package dev.simplex.checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Content-defined chunking (FastCDC with a gear rolling hash and normalised chunk sizes). A cut
 * depends only on the bytes just before it, so changing one field moves the cuts around that field
 * and leaves every other chunk, and its hash, as it was.
 */
final class Chunker {
  static final int MIN_SIZE = 2 * 1024;
  static final int AVERAGE_SIZE = 8 * 1024;
  static final int MAX_SIZE = 64 * 1024;

  // FastCDC's normalisation: a stricter mask before the average size, a looser one after it.
  private static final long MASK_STRICT = topBits(15);
  private static final long MASK_LOOSE = topBits(11);
  private static final long[] GEAR = gearTable();

  private Chunker() {}

  /** A chunk of the input: where it starts and how long it is. */
  record Cut(int offset, int length) {}

  static List<Cut> cuts(byte[] data) {
    var cuts = new ArrayList<Cut>(data.length / AVERAGE_SIZE + 1);
    int offset = 0;
    while (offset < data.length) {
      int len = nextCut(data, offset, data.length - offset);
      cuts.add(new Cut(offset, len));
      offset += len;
    }
    return cuts;
  }

  private static int nextCut(byte[] data, int start, int available) {
    if (available <= MIN_SIZE) {
      return available;
    }
    int end = Math.min(available, MAX_SIZE);
    int normal = Math.min(AVERAGE_SIZE, end);
    long fp = 0;
    int i = MIN_SIZE;
    for (; i < normal; i++) {
      fp = (fp << 1) + GEAR[data[start + i] & 0xFF];
      if ((fp & MASK_STRICT) == 0) {
        return i + 1;
      }
    }
    for (; i < end; i++) {
      fp = (fp << 1) + GEAR[data[start + i] & 0xFF];
      if ((fp & MASK_LOOSE) == 0) {
        return i + 1;
      }
    }
    return end;
  }

  /** The high bits: after the shift they depend on the most recent 64 bytes. */
  private static long topBits(int n) {
    return -1L << (64 - n);
  }

  /** Fixed pseudo-random values (SplitMix64); changing them changes chunk boundaries, not data. */
  private static long[] gearTable() {
    long[] t = new long[256];
    long x = 0x5349_4D50_4C45_5843L; // "SIMPLEXC"
    for (int i = 0; i < 256; i++) {
      x += 0x9E37_79B9_7F4A_7C15L;
      long z = x;
      z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
      t[i] = z ^ (z >>> 31);
    }
    return t;
  }
}
