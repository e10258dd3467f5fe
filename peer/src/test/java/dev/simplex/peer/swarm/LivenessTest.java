package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LivenessTest {
  final Liveness liveness = new Liveness(5_000);

  @Test
  void aMemberWithoutLoadIsJoining() {
    assertEquals(Liveness.JOINING, liveness.health("p1", OptionalLong.empty(), 0));
  }

  @Test
  void aMemberWhoseSequenceKeepsChangingIsUp() {
    for (long t = 0; t <= 60_000; t += 1_000) {
      assertEquals(Liveness.UP, liveness.health("p1", OptionalLong.of(t / 1_000), t));
    }
  }

  @Test
  void aMemberWhoseSequenceStopsTurnsStaleAfterTheLimitOnThisPeersClock() {
    assertEquals(Liveness.UP, liveness.health("p1", OptionalLong.of(7), 1_000));
    assertEquals(Liveness.UP, liveness.health("p1", OptionalLong.of(7), 6_000));
    assertEquals(Liveness.STALE, liveness.health("p1", OptionalLong.of(7), 6_001));
    assertEquals(Liveness.UP, liveness.health("p1", OptionalLong.of(8), 6_002), "it recovered");
  }

  @Test
  void aSuspectedMemberIsSuspectedUntilItRejoinsOrLeaves() {
    liveness.suspect("p1");
    assertEquals(Liveness.SUSPECTED, liveness.health("p1", OptionalLong.of(1), 0));
    liveness.forget("p1");
    assertEquals(Liveness.UP, liveness.health("p1", OptionalLong.of(1), 0));
  }

  @Test
  void membersThatLeftTheViewAreForgotten() {
    liveness.suspect("p2");
    liveness.health("p1", OptionalLong.of(3), 0);
    liveness.retainMembers(List.of("p1"));
    assertEquals(Liveness.UP, liveness.health("p2", OptionalLong.of(1), 0));
    assertEquals(Liveness.STALE, liveness.health("p1", OptionalLong.of(3), 10_000));
  }
}
