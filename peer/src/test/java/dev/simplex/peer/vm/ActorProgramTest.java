package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActorProgramTest {
  private static final String BOX =
      """
      actor Box {
          var items: List<i64> = []
          receive Put(xs: List<i64>) { for x in xs { items.push(x) } }
          receive Items -> List<i64> { items }
          receive Fail(why: String) -> i64 { panic(why) }
          on_stop() { println("box stopped with {items.len()}") }
      }
      """;

  @Test
  void aPanicInAHandlerCrashesOnlyThatActorAndTheProgramGoesOn() {
    var o =
        Programs.run(
            BOX
                + """
                fn main() {
                    let b = spawn Box
                    println(ask(b, Fail("broken"), timeout: Duration::seconds(5)))
                    println("main goes on")
                }
                """);
    assertEquals(0, o.exit(), o.err());
    assertEquals("box stopped with 0\nErr(ActorDied)\nmain goes on\n", o.out());
    assertTrue(o.err().startsWith("actor Box crashed: broken\n"), o.err());
  }

  @Test
  void askingADeadActorPanicsTheMainTaskWithExit101() {
    var o =
        Programs.run(
            BOX
                + """
                fn main() {
                    let b = spawn Box
                    stop(b)
                    println(ask(b, Items))
                }
                """);
    assertEquals(101, o.exit());
    assertEquals("box stopped with 0\n", o.out());
    assertTrue(o.err().startsWith("panic: ask failed: actor died"), o.err());
  }

  @Test
  void aPanicInMainExitsAtOnceWithoutStopHooks() {
    var o =
        Programs.run(
            BOX
                + """
                fn main() {
                    let b = spawn Box
                    send(b, Put([1]))
                    panic("main gave up")
                }
                """);
    assertEquals(101, o.exit());
    assertFalse(o.out().contains("box stopped"), o.out());
    assertTrue(o.err().startsWith("panic: main gave up"), o.err());
  }

  @Test
  void messagesAndRepliesAreCopiesSoNeitherSideSeesTheOthersChanges() {
    var o =
        Programs.run(
            BOX
                + """
                fn main() {
                    let b = spawn Box
                    var xs = [1, 2]
                    send(b, Put(xs.clone()))
                    xs.push(3)
                    var seen = ask(b, Items)
                    seen.push(99)
                    println("{xs} {seen} {ask(b, Items)}")
                }
                """);
    assertEquals(0, o.exit(), o.err());
    assertEquals("[1, 2, 3] [1, 2, 99] [1, 2]\nbox stopped with 2\n", o.out());
  }

  @Test
  void refsDisplayTheirTypeAndStartNumber() {
    var o =
        Programs.run(
            BOX
                + """
                fn main() {
                    let a = spawn Box
                    let b = spawn Box
                    println("{a} {b} {a == b}")
                }
                """);
    assertEquals("<Box#1> <Box#2> false\nbox stopped with 0\nbox stopped with 0\n", o.out());
  }

  @Test
  void mailLeftForAStoppedActorIsSummedUpAsDeadLettersOnStderr() {
    var o =
        Programs.run(
            BOX
                + """
                fn main() {
                    let b = spawn Box
                    stop(b)
                    send(b, Put([1]))
                    send(b, Put([2]))
                }
                """);
    assertEquals(0, o.exit(), o.err());
    assertEquals("dead letters: 2 (Put 2)\n", o.err());
  }

  @Test
  void aNameHeldByAnotherActorTypeIsAPanicInTheSpawner() {
    var o =
        Programs.run(
            BOX
                + """
                actor Other { receive Ping {} }
                fn main() {
                    let b = spawn Box with { name: "x" }
                    let o = spawn Other with { name: "x" }
                }
                """);
    assertEquals(101, o.exit());
    assertTrue(o.err().startsWith("panic: name taken by another actor type"), o.err());
  }

  @Test
  void fewerThanOneReplicaIsAPanic() {
    var o =
        Programs.run(
            BOX
                + """
                fn main() {
                    let b = spawn Box with { replicas: 0 }
                }
                """);
    assertEquals(101, o.exit());
    assertTrue(o.err().startsWith("panic: replicas must be at least 1, got 0"), o.err());
  }

  @Test
  void aMalformedMemorySizeIsAPanicAndOtherHintsAreIgnoredOnOnePeer() {
    var bad =
        Programs.run(
            BOX
                + """
                fn main() {
                    let b = spawn Box with { resources: Resources(cpu: 2, memory: "lots") }
                }
                """);
    assertEquals(101, bad.exit());
    assertTrue(
        bad.err().startsWith("panic: resources memory \"lots\" is not a size such as \"256MB\""),
        bad.err());
    var fine =
        Programs.run(
            BOX
                + """
                fn main() {
                    let a = spawn Box with { resources: Resources(gpu: 4, memory: "64GB") }
                    let b = spawn Box with { placement: Locality(a), replicas: 3 }
                    let c = spawn Box with { placement: BinPacking }
                    println("three boxes")
                }
                """);
    assertEquals(0, fine.exit(), fine.err());
    assertTrue(fine.out().startsWith("three boxes\n"), fine.out());
  }

  @Test
  void aPanicInInitPropagatesToTheSpawner() {
    var o =
        Programs.run(
            """
            actor Picky {
                var n: i64
                init(n: i64) { if n < 0 { panic("negative {n}") }; self.n = n }
                receive Get -> i64 { n }
            }
            fn main() -> i64 {
                let ok = spawn Picky(3)
                let bad = spawn Picky(-1)
                ask(ok, Get)
            }
            """);
    assertEquals(101, o.exit());
    assertTrue(o.err().startsWith("panic: negative -1"), o.err());
  }

  @Test
  void handlersReplyWithTheirDeclaredPrimitiveTypes() {
    var o =
        Programs.run(
            """
            actor Prims {
                receive Yes -> Bool { true }
                receive Half -> f64 { return 0.5 }
                receive Letter -> Char { 'x' }
                receive Nothing {}
            }
            fn main() {
                let p = spawn Prims
                println("{ask(p, Yes)} {ask(p, Half)} {ask(p, Letter)} {ask(p, Nothing)}")
                println(ask(p, Yes, timeout: Duration::seconds(5)))
            }
            """);
    assertEquals(0, o.exit(), o.err());
    assertEquals("true 0.5 x ()\nOk(true)\n", o.out());
  }
}
