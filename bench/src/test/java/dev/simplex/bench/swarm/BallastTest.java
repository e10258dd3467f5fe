package dev.simplex.bench.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The migration benchmark's actor keeps its state and count across snapshot and restore. */
class BallastTest {
  @Test
  void stateAndCountSurviveSnapshotAndRestore() {
    Ballast a = new Ballast(4096);
    a.handle(null, new Ballast.Touch());
    a.handle(null, new Ballast.Touch());
    String before = (String) a.handle(null, new Ballast.Digest());
    Ballast b = new Ballast(0);
    assertNotEquals(before, b.handle(null, new Ballast.Digest()));
    b.restore(null, a.snapshot(null));
    assertEquals(before, b.handle(null, new Ballast.Digest()));
    assertEquals("2:", before.substring(0, 2));
  }

  @Test
  void aSnapshotTooShortIsRefusedSoTheMoveRollsBack() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new Ballast(8).restore(null, new byte[3]));
    assertEquals("a ballast snapshot has 8+ bytes, got 3", e.getMessage());
  }

  @Test
  void anUnknownMessageIsRejectedByName() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Ballast(8).handle(null, "hi"));
    assertEquals("a ballast takes Touch or Digest, got java.lang.String", e.getMessage());
  }
}
