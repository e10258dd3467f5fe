package dev.simplex.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounds-checked cursor over bytes. Every length read from the input is checked against what
 * remains before anything is allocated, so a hostile length field yields a format error, not an
 * OutOfMemoryError.
 */
final class ByteSource {
  private final byte[] buf;
  private final int end;
  private final String what;
  private int pos;

  ByteSource(byte[] buf, String what) {
    this(buf, 0, buf.length, what);
  }

  ByteSource(byte[] buf, int off, int len, String what) {
    if (off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
      throw new IllegalArgumentException("range " + off + "+" + len + " outside " + buf.length);
    }
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
    this.what = what;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  boolean hasRemaining() {
    return pos < end;
  }

  CheckpointFormatException error(String message) {
    return new CheckpointFormatException("malformed " + what + " at byte " + pos + ": " + message);
  }

  private void need(long n, String thing) throws CheckpointFormatException {
    if (n > remaining()) {
      throw error(thing + " needs " + n + " bytes but only " + remaining() + " remain");
    }
  }

  int u8() throws CheckpointFormatException {
    need(1, "a byte");
    return buf[pos++] & 0xFF;
  }

  int peekU8() throws CheckpointFormatException {
    need(1, "a byte");
    return buf[pos] & 0xFF;
  }

  long varint() throws CheckpointFormatException {
    int start = pos;
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!hasRemaining()) {
        pos = start;
        throw error("varint runs past the end of the input");
      }
      int b = buf[pos++] & 0xFF;
      if (shift == 63 && (b & 0xFE) != 0) {
        pos = start;
        throw error("varint overflows 64 bits");
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    pos = start;
    throw error("varint longer than 10 bytes");
  }

  long zigzag() throws CheckpointFormatException {
    long v = varint();
    return (v >>> 1) ^ -(v & 1);
  }

  /** A count or length that must fit in what remains, each unit taking at least minBytesEach. */
  int length(String thing, int minBytesEach) throws CheckpointFormatException {
    int start = pos;
    long n = varint();
    if (n < 0 || n > Integer.MAX_VALUE || n * (long) minBytesEach > remaining()) {
      pos = start;
      throw error(
          thing
              + " declares "
              + Long.toUnsignedString(n)
              + " but only "
              + remaining()
              + " bytes remain");
    }
    return (int) n;
  }

  double f64() throws CheckpointFormatException {
    need(8, "an f64");
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return Double.longBitsToDouble(bits);
  }

  byte[] raw(int n) throws CheckpointFormatException {
    need(n, "a field");
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  byte[] lengthPrefixed(String thing) throws CheckpointFormatException {
    return raw(length(thing + " length", 1));
  }

  String string(String thing) throws CheckpointFormatException {
    int n = length(thing + " length", 1);
    int start = pos;
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buf, pos, n))
              .toString();
      pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw error(thing + " is not valid UTF-8 (" + n + " bytes from byte " + start + ")");
    }
  }

  /** Reads a length-delimited region as its own source; the outer cursor moves past it. */
  ByteSource slice(int n, String sliceWhat) throws CheckpointFormatException {
    need(n, sliceWhat);
    ByteSource s = new ByteSource(buf, pos, n, sliceWhat);
    pos += n;
    return s;
  }
}
