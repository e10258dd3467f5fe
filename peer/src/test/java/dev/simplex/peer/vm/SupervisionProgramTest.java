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

  @Test
  void aCustomRestartPolicyRestartsOnlyWhenItsFunctionSaysSo() {
    var o =
        Programs.run(
            """
            actor Worker {
                var id: i64
                init(id: i64) { self.id = id; println("{id} up") }
                on_stop() { println("{id} down") }
                receive Job(why: String) -> i64 { if why != "" { panic(why) }; id }
            }
            fn retry_only(r: ExitReason) -> Bool {
                match r {
                    ExitReason::Error(m) => m.contains("retry"),
                    _ => false,
                }
            }
            supervisor Sup {
                children: [
                    child(Worker(1), restart: Custom(retry_only)),
                    child(Worker(2), restart: Custom(|r: ExitReason| {
                        println("2 decides on {r}")
                        match r { ExitReason::Error(m) => m.contains("retry"), _ => false }
                    })),
                ]
            }
            fn main() {
                let s = spawn Sup
                let a = s.child<Worker>(0)
                let b = s.child<Worker>(1)
                println(ask(a, Job("please retry"), timeout: Duration::seconds(5)))
                println(ask(a, Job(""), timeout: Duration::seconds(5)))
                println(ask(a, Job("fatal"), timeout: Duration::seconds(5)))
                println(ask(a, Job(""), timeout: Duration::seconds(5)))
                println(ask(b, Job("retry once"), timeout: Duration::seconds(5)))
                println(ask(b, Job("boom"), timeout: Duration::seconds(5)))
                println(ask(b, Job(""), timeout: Duration::seconds(5)))
            }
            """);
    assertEquals(0, o.exit(), o.err());
    assertEquals(
        String.join(
            "\n",
            "1 up",
            "2 up",
            "1 down",
            "1 up",
            "Err(ActorDied)",
            "Ok(1)",
            "1 down",
            "Err(ActorDied)",
            "Err(ActorDied)",
            "2 down",
            "2 decides on Error(\"retry once\")",
            "2 up",
            "Err(ActorDied)",
            "2 down",
            "2 decides on Error(\"boom\")",
            "Err(ActorDied)",
            "Err(ActorDied)",
            ""),
        o.out());
  }

  @Test
  void aPanicInACustomRestartPolicyMeansNoRestartAndIsReported() {
    var o =
        Programs.run(
            """
            actor Worker {
                init() { println("up") }
                receive Job { panic("crash") }
            }
            fn broken(r: ExitReason) -> Bool { panic("policy broke") }
            supervisor Sup { children: [child(Worker, restart: Custom(broken))] }
            fn main() {
                let w = (spawn Sup).child<Worker>(0)
                println(ask(w, Job, timeout: Duration::seconds(5)))
                println(ask(w, Job, timeout: Duration::seconds(5)))
            }
            """);
    assertEquals(0, o.exit(), o.err());
    assertEquals("up\nErr(ActorDied)\nErr(ActorDied)\n", o.out());
    assertTrue(
        o.err().contains("supervisor Sup: restart policy Custom(f) panicked: policy broke"),
        o.err());
  }
}
