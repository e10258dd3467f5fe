package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.SbcModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simplex run --data DIR} (language.md §15b), two runs in this process. */
class DurableRunTest {
  @TempDir Path data;

  private static final String COUNTER =
      """
      actor Counter {
          var count: i64 = 0
          var log: List<String> = []
          receive Add(n: i64) {
              count += n
              log.push("add {n}")
              checkpoint()
          }
          receive Get() -> i64 { count }
          on_resume() { println("resumed {count} {log}") }
      }
      """;

  private Programs.Outcome run(String source) {
    return run(source, List.of());
  }

  private Programs.Outcome run(String source, List<String> args) {
    SbcModule module = Programs.compile(source);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = ActorProgram.run(module, args, o, e, 2, data);
    }
    return new Programs.Outcome(
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
  }

  @Test
  void aSpawnWithTheNameOfARecoveredActorReturnsItWithItsFields() {
    String program =
        COUNTER
            + """
            fn main() {
                let c = spawn Counter with { name: "c" }
                println("before {ask(c, Get())}")
                send(c, Add(2))
                send(c, Add(3))
                println("after {ask(c, Get())}")
            }
            """;
    var first = run(program);
    assertEquals("before 0\nafter 5\n", first.out(), first.err());
    var second = run(program);
    assertEquals(
        "resumed 5 [\"add 2\", \"add 3\"]\nbefore 5\nafter 10\n", second.out(), second.err());
    assertEquals(0, second.exit());
  }

  @Test
  void aSupervisedChildsCheckpointCarriesItsSupervisionLink() throws IOException {
    var r =
        run(
            """
            actor Worker {
                var n: i64 = 0
                receive Bump() { n += 1; checkpoint() }
                receive Get() -> i64 { n }
            }
            supervisor Crew {
                strategy: OneForOne,
                children: [child(Worker, restart: Transient, name: "w")]
            }
            fn main() {
                let crew = spawn Crew with { name: "crew" }
                let w = crew.child<Worker>("w")
                send(w, Bump())
                println(ask(w, Get()))
            }
            """);
    assertEquals("1\n", r.out(), r.err());
    try (var store = dev.simplex.checkpoint.LocalDirectoryStore.open(data.resolve("checkpoints"))) {
      var saved = store.latest("name/crew/child/w").orElseThrow();
      assertEquals(1, saved.links().size(), saved.links().toString());
      var link = saved.links().getFirst();
      assertEquals(dev.simplex.checkpoint.Checkpoint.SupervisorLink.Role.SUPERVISOR, link.role());
      assertEquals("name/crew", link.actorId());
      assertTrue(link.detail().toString().contains("Transient"), link.detail().toString());
      assertTrue(link.detail().toString().contains("Crew"), link.detail().toString());
    }
  }

  @Test
  void unnamedActorsAreRecoveredTooAndNewOnesGetFreshIds() {
    String program =
        COUNTER
            + """
            fn main() {
                let c = spawn Counter
                send(c, Add(1))
                println("new one has {ask(c, Get())}")
            }
            """;
    run(program);
    var second = run(program);
    assertEquals("resumed 1 [\"add 1\"]\nnew one has 1\n", second.out(), second.err());
    var third = run(program);
    // both earlier actors come back, each with its own state
    assertEquals(2, third.out().lines().filter(l -> l.equals("resumed 1 [\"add 1\"]")).count());
  }

  @Test
  void actorsTheProgramStoppedDrainedOrThatStoppedThemselvesAreNotRecoveredOnTheNextRun() {
    String program =
        COUNTER
            + """
            actor Quitter {
                var n: i64 = 0
                receive Work() { n += 1; checkpoint() }
                receive Quit() { stop(self) }
                receive Drain() { drain() }
                on_resume() { println("quitter resumed {n}") }
            }
            fn main() {
                let kept = spawn Counter with { name: "kept" }
                let gone = spawn Counter with { name: "gone" }
                let q1 = spawn Quitter
                let q2 = spawn Quitter
                send(kept, Add(1))
                send(gone, Add(2))
                send(q1, Work())
                send(q1, Quit())
                send(q2, Work())
                send(q2, Drain())
                println("kept {ask(kept, Get())} gone {ask(gone, Get())}")
                stop(gone)
            }
            """;
    var first = run(program);
    assertEquals("kept 1 gone 2\n", first.out(), first.err());
    // only the actor that was still running when the run ended comes back; "gone" starts afresh
    var second = run(program);
    assertEquals("resumed 1 [\"add 1\"]\nkept 2 gone 2\n", second.out(), second.err());
    assertFalse(second.err().contains("warning"), second.err());
    var third = run(program);
    assertEquals("resumed 2 [\"add 1\", \"add 1\"]\nkept 3 gone 2\n", third.out(), third.err());
  }

  @Test
  void anActorStoppedInOneRunAndCheckpointedUnderItsNameInTheNextIsRecoveredAgain() {
    String stopIt =
        COUNTER
            + """
            fn main() {
                let c = spawn Counter with { name: "c" }
                send(c, Add(4))
                println("{ask(c, Get())}")
                stop(c)
            }
            """;
    String keepIt =
        COUNTER
            + """
            fn main() {
                let c = spawn Counter with { name: "c" }
                send(c, Add(1))
                println("{ask(c, Get())}")
            }
            """;
    assertEquals("4\n", run(stopIt).out());
    var fresh = run(keepIt);
    assertEquals("1\n", fresh.out(), fresh.err());
    var resumed = run(keepIt);
    assertEquals("resumed 1 [\"add 1\"]\n2\n", resumed.out(), resumed.err());
  }

  @Test
  void aDamagedNewestCheckpointIsReportedAndThePreviousOneUsed() throws IOException {
    String program =
        COUNTER
            + """
            fn main() {
                let c = spawn Counter with { name: "c" }
                send(c, Add(1))
                println("{ask(c, Get())}")
            }
            """;
    run(program); // checkpoint 1 holds count 1
    run(program); // checkpoint 2 holds count 2
    Path newest;
    try (Stream<Path> files = Files.walk(data.resolve("checkpoints/actors"))) {
      newest =
          files
              .filter(p -> p.toString().endsWith(".manifest"))
              .max(Comparator.comparing(Path::toString))
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(newest, bytes);

    var second = run(program);
    assertTrue(second.out().startsWith("resumed 1 [\"add 1\"]\n"), second.out() + second.err());
    assertTrue(second.err().contains("actor `name/c`"), second.err());
    assertTrue(second.err().contains(newest.getFileName().toString()), second.err());
  }

  @Test
  void aSupervisorsChildrenResumeWhenTheSupervisorIsSpawnedAgainUnderItsName() {
    String program =
        """
        actor Worker {
            var id: i64
            var done: i64 = 0
            init(id: i64) { self.id = id; println("worker {id} up") }
            on_resume() { println("worker {id} resumed, done={done}") }
            receive Job() -> i64 { done += 1; checkpoint(); done }
        }
        supervisor Crew {
            strategy: OneForOne,
            children: [child(Worker(1), restart: Always), child(Worker(2), name: "second")]
        }
        fn main() {
            let crew = spawn Crew with { name: "crew" }
            let w1 = crew.child<Worker>(0)
            let w2 = crew.child<Worker>("second")
            println("{ask(w1, Job())} {ask(w2, Job())} {ask(w2, Job())}")
        }
        """;
    var first = run(program);
    assertEquals("worker 1 up\nworker 2 up\n1 1 2\n", first.out(), first.err());
    var second = run(program);
    assertEquals(
        "worker 1 resumed, done=1\nworker 2 resumed, done=2\n2 3 4\n", second.out(), second.err());
  }

  @Test
  void aFunctionFieldIsRejectedBeforeItCouldReachACheckpoint() {
    // the compiler refuses the unstorable field (E0502), so checkpoint() never meets one
    var r =
        dev.simplex.compiler.Compiler.compileSource(
            "test.sx",
            """
            actor Holder {
                var f: fn(i64) -> i64 = |x| x + 1
                receive Save() { checkpoint() }
            }
            fn main() {
                let h = spawn Holder
                send(h, Save())
            }
            """,
            dev.simplex.compiler.CompileOptions.defaults());
    assertTrue(
        r.renderDiagnostics()
            .startsWith(
                "error[E0502]: `fn(i64) -> i64` cannot be an actor field: it is not sendable"),
        r.renderDiagnostics());
  }

  @Test
  void anUnusableDataDirectoryIsAnErrorNamingIt() throws IOException {
    Path file = Files.writeString(data.resolve("plain-file"), "x");
    SbcModule module = Programs.compile("fn main() { }");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = ActorProgram.run(module, List.of(), System.out, e, 1, file);
    }
    assertEquals(1, exit);
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .startsWith("error: cannot open the data directory " + file),
        err.toString(StandardCharsets.UTF_8));
  }
}
