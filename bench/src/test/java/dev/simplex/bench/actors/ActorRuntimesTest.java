package dev.simplex.bench.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
  void theSimplexProgramsCountEveryMessage() {
    SimplexPrograms programs = new SimplexPrograms(Path.of("programs", "actors"));
    assertEquals("done 1000", programs.timed("pingpong", "1000").doneLine());
    assertEquals("done 1000", programs.timed("fanin", "20", "50").doneLine());
    var many = programs.timed("many", "500", "3");
    assertEquals("done", many.doneLine());
    assertTrue(many.nanos() > 0);
  }

  @Test
  void aSimplexProgramThatFailsIsReportedWithItsErrorOutput() {
    SimplexPrograms programs = new SimplexPrograms(Path.of("programs", "actors"));
    var e = assertThrows(IllegalStateException.class, () -> programs.timed("pingpong", "many"));
    assertTrue(e.getMessage().contains("exit 101"), e.getMessage());
    assertTrue(e.getMessage().contains("unwrap"), e.getMessage());
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
