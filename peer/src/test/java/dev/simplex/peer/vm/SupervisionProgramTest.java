package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code supervisor} programs on the actor runtime (language.md §9). */
class SupervisionProgramTest {
  private static final String WORKER =
      """
      actor Worker {
          var id: i64
          var jobs: i64 = 0
          init(id: i64) { self.id = id; println("{id} up") }
          on_stop() { println("{id} down") }
          receive Job(n: i64) -> i64 { if n < 0 { panic("bad job") }; jobs += 1; jobs }
      }
      actor Other { receive Ping {} }
      """;

  @Test
  void oneForAllRestartsEveryChildAfterOneCrashes() {
    var o =
        Programs.run(
            WORKER
                + """
                supervisor All {
                    strategy: OneForAll
                    children: [child(Worker(1)), child(Worker(2))]
                }
                fn main() {
                    let s = spawn All
                    let a = s.child<Worker>(0)
                    let b = s.child<Worker>(1)
                    println(ask(b, Job(1)))
                    println(ask(a, Job(-1), timeout: Duration::seconds(5)))
                    println(ask(b, Job(1)))
                }
                """);
    assertEquals(0, o.exit(), o.err());
    assertEquals(
        "1 up\n2 up\n1\n1 down\n2 down\n1 up\n2 up\nErr(ActorDied)\n1\n2 down\n1 down\n", o.out());
    assertTrue(o.err().startsWith("actor Worker crashed: bad job\n"), o.err());
  }

  @Test
  void aSupervisorThatExceedsItsRestartsGivesUpAndTheProgramGoesOn() {
    var o =
        Programs.run(
            WORKER
                + """
                supervisor Fragile {
                    max_restarts: 0
                    children: [child(Worker(1))]
                }
                fn main() {
                    let s = spawn Fragile
                    let w = s.child<Worker>(0)
                    println(ask(w, Job(-1), timeout: Duration::seconds(5)))
                    println(ask(w, Job(1), timeout: Duration::seconds(5)))
                    println("main goes on")
                }
                """);
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().endsWith("Err(ActorDied)\nErr(ActorDied)\nmain goes on\n"), o.out());
    assertTrue(o.err().contains("supervisor Fragile gave up"), o.err());
  }

  @Test
  void anAbsentChildIsAPanicNamingTheSupervisor() {
    var o =
        Programs.run(
            WORKER
                + """
                supervisor One { children: [child(Worker(1), name: "w")] }
                fn main() {
                    let s = spawn One
                    let w = s.child<Worker>("nobody")
                }
                """);
    assertEquals(101, o.exit());
    assertTrue(o.err().startsWith("panic: supervisor One has no child named \"nobody\""), o.err());
  }

  @Test
  void aChildOfAnotherTypeIsAPanic() {
    var o =
        Programs.run(
            WORKER
                + """
                supervisor One { children: [child(Worker(1))] }
                fn main() {
                    let s = spawn One
                    let w = s.child<Other>(0)
                }
                """);
    assertEquals(101, o.exit());
    assertTrue(o.err().startsWith("panic: <Worker#2> is a Worker, not a Other"), o.err());
  }

  @Test
  void aNegativeMaxRestartsIsAPanicInTheSpawner() {
    var o =
        Programs.run(
            WORKER
                + """
                supervisor Odd { max_restarts: -1, children: [child(Other)] }
                fn main() { let s = spawn Odd }
                """);
    assertEquals(101, o.exit());
    assertTrue(o.err().startsWith("panic: supervisor Odd: max_restarts must be >= 0"), o.err());
  }

  @Test
  void nestedSupervisorsStartTheirChildrenInOrderAndStopThemInReverse() {
    var o =
        Programs.run(
            WORKER
                + """
                supervisor Inner { children: [child(Worker(2)), child(Worker(3))] }
                supervisor Outer { children: [child(Worker(1)), child(Inner)] }
                fn main() {
                    let s = spawn Outer
                    let inner = s.child<Inner>(1)
                    println(ask(inner.child<Worker>(1), Job(5)))
                }
                """);
    assertEquals(0, o.exit(), o.err());
    assertEquals("1 up\n2 up\n3 up\n1\n3 down\n2 down\n1 down\n", o.out());
  }
}
