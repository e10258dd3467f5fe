package dev.simplex.bench.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.simplex.checkpoint.SnapshotValue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ActorStateTest {
  @Test
  void aStateHasSixteenFieldsSharingItsSize() {
    var s = new ActorState(1 << 10, 1).current();
    assertEquals(ActorState.FIELDS, s.fields().size());
    int total =
        s.fields().stream().mapToInt(f -> ((SnapshotValue.Bytes) f.value()).value().length).sum();
    assertEquals(1 << 10, total);
  }

  @Test
  void anIncrementalStepReplacesExactlyOneField() {
    var state = new ActorState(1 << 10, 1);
    var before = state.current();
    var after = state.withOneFieldChanged();
    assertEquals(1, changed(before, after));
  }

  @Test
  void aFreshStepReplacesEveryField() {
    var state = new ActorState(1 << 10, 1);
    var before = state.current();
    assertEquals(ActorState.FIELDS, changed(before, state.fresh()));
  }

  @Test
  void aStateSmallerThanItsFieldCountIsRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ActorState(8, 1));
    assertEquals("a state needs at least 16 bytes", e.getMessage());
  }

  private static long changed(SnapshotValue.Struct a, SnapshotValue.Struct b) {
    return IntStream.range(0, ActorState.FIELDS)
        .filter(i -> !a.fields().get(i).equals(b.fields().get(i)))
        .count();
  }
}
