package dev.simplex.bench.swarm;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.migrate.Migratable;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every number it is sent, in arrival order, and moves with them: the actor of the test in
 * which a numbered stream flows while the actor migrates back and forth between two peer processes.
 */
final class Sequence implements Migratable {
  static final String TYPE = "Sequence";

  /** Answers the numbers received so far, in arrival order. */
  record Received() implements Serializable {}

  private List<Integer> numbers = new ArrayList<>();

  @Override
  public void start(ActorContext ctx) {}

  @Override
  public Object handle(ActorContext ctx, Object message) {
    return switch (message) {
      case Integer n -> {
        numbers.add(n);
        yield null;
      }
      case Received r -> List.copyOf(numbers);
      default ->
          throw new IllegalArgumentException(
              "a sequence takes an Integer or Received, got " + message.getClass().getName());
    };
  }

  @Override
  public byte[] snapshot(ActorContext ctx) {
    ByteBuffer b = ByteBuffer.allocate(4 * numbers.size());
    for (int n : numbers) b.putInt(n);
    return b.array();
  }

  @Override
  public void restore(ActorContext ctx, byte[] bytes) {
    if (bytes.length % 4 != 0)
      throw new IllegalArgumentException(
          "a sequence snapshot is whole 4-byte numbers, got " + bytes.length + " bytes");
    ByteBuffer b = ByteBuffer.wrap(bytes);
    numbers = new ArrayList<>(bytes.length / 4);
    while (b.hasRemaining()) numbers.add(b.getInt());
  }
}
