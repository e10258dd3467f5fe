package dev.simplex.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the primitive encodings every format in this module shares. */
final class ByteSink {
  private byte[] buf;
  private int size;

  ByteSink() {
    this(256);
  }

  ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed < 0) {
      throw new IllegalStateException("snapshot larger than 2 GiB");
    }
    if (needed > buf.length) {
      buf =
          Arrays.copyOf(
              buf, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L)));
    }
  }

  void u8(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  void raw(byte[] bytes) {
    raw(bytes, 0, bytes.length);
  }

  void raw(byte[] bytes, int off, int len) {
    ensure(len);
    System.arraycopy(bytes, off, buf, size, len);
    size += len;
  }

  /** Unsigned LEB128. */
  void varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** Signed values as zigzag LEB128, so small negatives stay short. */
  void zigzag(long v) {
    varint((v << 1) ^ (v >> 63));
  }

  void f64(double d) {
    long bits = Double.doubleToRawLongBits(d);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (bits >>> (8 * i));
    }
  }

  /** Length-prefixed UTF-8. */
  void string(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    varint(utf8.length);
    raw(utf8);
  }

  void lengthPrefixed(byte[] bytes) {
    varint(bytes.length);
    raw(bytes);
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
