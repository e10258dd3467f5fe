package dev.simplex.bench.checkpoint;

import dev.simplex.checkpoint.SnapshotValue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The actor state the checkpoint benchmark saves: {@value #FIELDS} fields of random bytes (so Zstd
 * cannot shrink them: the worst case for bytes written). {@link #fresh} replaces every field,
 * {@link #withOneFieldChanged} one of them, as an actor that updated one field since its last
 * checkpoint.
 */
final class ActorState {
  static final int FIELDS = 16;
  private final SplittableRandom random;
  private final int fieldBytes;
  private final List<SnapshotValue.Field> fields = new ArrayList<>(FIELDS);
  private int nextChanged;

  ActorState(int totalBytes, long seed) {
    if (totalBytes < FIELDS)
      throw new IllegalArgumentException("a state needs at least " + FIELDS + " bytes");
    this.random = new SplittableRandom(seed);
    this.fieldBytes = totalBytes / FIELDS;
    for (int i = 0; i < FIELDS; i++) fields.add(field(i));
  }

  SnapshotValue.Struct fresh() {
    for (int i = 0; i < FIELDS; i++) fields.set(i, field(i));
    return current();
  }

  SnapshotValue.Struct withOneFieldChanged() {
    int i = nextChanged++ % FIELDS;
    fields.set(i, field(i));
    return current();
  }

  SnapshotValue.Struct current() {
    return new SnapshotValue.Struct("BenchState", fields);
  }

  private SnapshotValue.Field field(int i) {
    byte[] b = new byte[fieldBytes];
    random.nextBytes(b);
    return new SnapshotValue.Field("f" + i, new SnapshotValue.Bytes(b));
  }
}
