package dev.simplex.bench.swarm;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.migrate.Migratable;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * The migration benchmark's actor: {@code size} bytes of incompressible state (seeded random bytes,
 * the worst case for Zstd) and a counter; it answers the SHA-256 of its state so the benchmark can
 * check that the state arrived intact after every move.
 */
final class Ballast implements Migratable {
  static final String TYPE = "Ballast";

  /** Adds one to the counter. */
  record Touch() implements Serializable {}

  /** Answers "count:sha256-of-state". */
  record Digest() implements Serializable {}

  private byte[] state;
  private long count;

  Ballast(Object args) {
    int size = args instanceof Integer n ? n : 0;
    if (size < 0) throw new IllegalArgumentException("state size must be >= 0, got " + size);
    state = new byte[size];
    new Random(size).nextBytes(state);
  }

  @Override
  public void start(ActorContext ctx) {}

  @Override
  public Object handle(ActorContext ctx, Object message) {
    return switch (message) {
      case Touch t -> ++count;
      case Digest d -> count + ":" + sha256(state);
      default ->
          throw new IllegalArgumentException(
              "a ballast takes Touch or Digest, got " + message.getClass().getName());
    };
  }

  @Override
  public byte[] snapshot(ActorContext ctx) {
    return ByteBuffer.allocate(8 + state.length).putLong(count).put(state).array();
  }

  @Override
  public void restore(ActorContext ctx, byte[] bytes) {
    if (bytes.length < 8)
      throw new IllegalArgumentException("a ballast snapshot has 8+ bytes, got " + bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    count = b.getLong();
    state = new byte[b.remaining()];
    b.get(state);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
