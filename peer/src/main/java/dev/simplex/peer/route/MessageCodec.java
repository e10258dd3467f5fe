package dev.simplex.peer.route;

/**
 * Turns messages, replies and spawn arguments into bytes and back, so they can cross peers; the
 * copy also gives a message the deep-copy semantics of language.md §8. The VM's value encoding will
 * implement this; until then {@link JavaSerialCodec}.
 */
public interface MessageCodec {
  /**
   * @throws IllegalArgumentException when the value cannot be encoded, naming its type
   */
  byte[] encode(Object value);

  /**
   * @throws IllegalArgumentException when the bytes are not a value this codec wrote
   */
  Object decode(byte[] bytes);
}
