package dev.simplex.gossip;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The wire form of a peer-to-peer message: an 8-byte header (magic, envelope format version, kind,
 * kind version, payload length) and the payload. The length field makes truncation detectable.
 */
record Envelope(EnvelopeKind kind, int kindVersion, byte[] payload) {

  static final byte MAGIC = (byte) 0x5C;
  static final int FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 8;

  Envelope {
    if (kindVersion < 0 || kindVersion > 255) {
      throw new IllegalArgumentException("kind version " + kindVersion + " is outside 0..255");
    }
  }

  byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    out.put(MAGIC)
        .put((byte) FORMAT_VERSION)
        .put((byte) kind.code())
        .put((byte) kindVersion)
        .putInt(payload.length)
        .put(payload);
    return out.array();
  }

  /** What decoding a received buffer gave: an envelope or the reason it was dropped. */
  sealed interface Decoded {}

  record Valid(Envelope envelope) implements Decoded {}

  record Malformed(String reason) implements Decoded {}

  record UnsupportedVersion(int version) implements Decoded {}

  record UnknownKind(int code) implements Decoded {}

  static Decoded decode(byte[] buf, int offset, int length) {
    if (buf == null || length < HEADER_BYTES) {
      return new Malformed("envelope of " + length + " bytes is shorter than its header");
    }
    ByteBuffer in = ByteBuffer.wrap(buf, offset, length);
    if (in.get() != MAGIC) {
      return new Malformed("bad magic byte");
    }
    int version = Byte.toUnsignedInt(in.get());
    if (version != FORMAT_VERSION) {
      return new UnsupportedVersion(version);
    }
    int code = Byte.toUnsignedInt(in.get());
    int kindVersion = Byte.toUnsignedInt(in.get());
    int payloadLength = in.getInt();
    if (payloadLength != length - HEADER_BYTES) {
      return new Malformed(
          "payload length field says "
              + payloadLength
              + " but "
              + (length - HEADER_BYTES)
              + " bytes follow");
    }
    var kind = EnvelopeKind.fromCode(code);
    if (kind.isEmpty()) {
      return new UnknownKind(code);
    }
    int start = offset + HEADER_BYTES;
    return new Valid(
        new Envelope(
            kind.get(), kindVersion, Arrays.copyOfRange(buf, start, start + payloadLength)));
  }
}
