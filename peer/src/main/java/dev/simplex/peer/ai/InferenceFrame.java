package dev.simplex.peer.ai;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The payload of an INFERENCE envelope: whether it is a request or its reply, the id that pairs
 * them, and the Arrow IPC bytes the pools exchange. Layout: one type byte, an 8-byte call id, the
 * body.
 */
record InferenceFrame(Type type, long callId, byte[] body) {
  static final int KIND_VERSION = 1;
  static final int HEADER_BYTES = 9;

  enum Type {
    REQUEST(1),
    REPLY(2);

    final int code;

    Type(int code) {
      this.code = code;
    }
  }

  byte[] encode() {
    return ByteBuffer.allocate(HEADER_BYTES + body.length)
        .put((byte) type.code)
        .putLong(callId)
        .put(body)
        .array();
  }

  /** What a received payload turned out to be: a frame, or why it was dropped. */
  sealed interface Decoded {}

  record Valid(InferenceFrame frame) implements Decoded {}

  record Malformed(String reason) implements Decoded {}

  static Decoded decode(byte[] payload) {
    if (payload == null || payload.length < HEADER_BYTES) {
      return new Malformed(
          "inference frame of "
              + (payload == null ? 0 : payload.length)
              + " bytes is shorter than its "
              + HEADER_BYTES
              + "-byte header");
    }
    ByteBuffer in = ByteBuffer.wrap(payload);
    int code = Byte.toUnsignedInt(in.get());
    Type type = Arrays.stream(Type.values()).filter(t -> t.code == code).findFirst().orElse(null);
    if (type == null) {
      return new Malformed("unknown inference frame type " + code);
    }
    long id = in.getLong();
    return new Valid(
        new InferenceFrame(type, id, Arrays.copyOfRange(payload, HEADER_BYTES, payload.length)));
  }
}
