package dev.simplex.bench.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The workloads finish on both runtimes: every message counted, nothing left waiting. */
class ActorRuntimesTest {
  @Test
  void everyWorkloadCompletesOnBothRuntimes() throws Exception {
    for (String name : List.of("simplex", "pekko")) {
      try (ActorRuntime r = ActorBench.runtime(name)) {
        assertTrue(r.pingPong(1_000) > 0, name);
        assertTrue(r.fanIn(20, 50) > 0, name);
        assertTrue(r.manyActors(500, 3) > 0, name);
        assertEquals(200, ((List<?>) spawnedChildren(r.spawnIdle(200))).size(), name);
      }
    }
  }

  @Test
  void anUnknownRuntimeIsRejectedNamingTheChoices() {
    var e = assertThrows(IllegalArgumentException.class, () -> ActorBench.runtime("akka"));
    assertEquals("unknown runtime 'akka' (simplex or pekko)", e.getMessage());
  }

  @Test
  void idleHeapRejectsACountBelowOne() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> IdleHeap.main(new String[] {"simplex", "0"}));
    assertEquals("COUNT must be >= 1, got 0", e.getMessage());
  }

  private static Object spawnedChildren(Object held) {
    return held instanceof PekkoActors.Brood<?> b ? b.children() : held;
  }
}
