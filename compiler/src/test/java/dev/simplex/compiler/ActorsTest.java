package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Actors compile to bytecode that talks to the runtime port; run here on {@link LocalActors}. */
class ActorsTest {
  private record Run(String out, int exit) {}

  private static Run run(String source) {
    CompileResult r = Compiler.compileSource("a.sx", source, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    SbcModule m = r.module();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LocalActors runtime = new LocalActors();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      Vm vm = new Vm(m, o, System.err, runtime);
      runtime.attach(vm);
      exit = vm.runMain(List.of());
      runtime.shutdown();
    }
    return new Run(out.toString(StandardCharsets.UTF_8), exit);
  }

  @Test
  void countersWithInitHandlersRepliesAndFieldOverrides() throws Exception {
    Path p25 = Path.of("..", "examples", "conformance", "p25.sx");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p25));
    Run r = run(Files.readString(p25));
    assertEquals("16 101 [5]\n", r.out());
    assertEquals(12, r.exit());
  }

  @Test
  void hooksSelfSendsAndOneMessageNameInTwoActors() throws Exception {
    Path p26 = Path.of("..", "examples", "conformance", "p26.sx");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p26));
    Run r = run(Files.readString(p26));
    assertEquals("echo up\nno target\nrelayed 3\nmain done\necho down after 4\n", r.out());
  }

  @Test
  void selfAloneIsTheActorsRefWhenPassedInAMessage() {
    Run r =
        run(
            """
            actor Ponger {
                receive Ball(n: i64, from: ActorRef<Pinger>) { send(from, Back(n)) }
            }
            actor Pinger {
                var got: i64 = 0
                receive Serve(p: ActorRef<Ponger>) { send(p, Ball(41, self)) }
                receive Back(n: i64) { got = n + 1 }
                receive Got -> i64 { got }
            }
            fn main() -> i64 {
                let pinger = spawn Pinger
                send(pinger, Serve(spawn Ponger))
                var got = 0
                while got == 0 { got = ask(pinger, Got) }
                got
            }
            """);
    assertEquals(42, r.exit());
  }

  @Test
  void actorRefsAreCopySoOneRefGoesIntoManyMessages() {
    Run r =
        run(
            """
            actor Sum {
                var total: i64 = 0
                receive Add(n: i64) { total += n }
                receive Total -> i64 { total }
            }
            actor Feeder {
                receive Feed(to: ActorRef<Sum>, n: i64) { send(to, Add(n)) }
            }
            fn main() -> i64 {
                let sum = spawn Sum
                let feeders = [spawn Feeder, spawn Feeder, spawn Feeder]
                for f in feeders { send(f, Feed(sum, 2)) }
                let keep = sum
                var t = 0
                while t < 6 { t = ask(keep, Total) }
                ask(sum, Total)
            }
            """);
    assertEquals(6, r.exit());
  }

  @Test
  void unknownMessageIsE0500AtTheMessageName() {
    String err =
        Programs.errors(
            "actor Fan {\n    receive Spin -> String { \"whirr\" }\n}\nfn main() {\n    let f = spawn Fan\n    send(f, Toggle)\n}\n");
    assertEquals(
        "error[E0500]: actor `Fan` has no handler for message `Toggle`\n  --> test.sx:6:13"
            .replace("  -->", " -->"),
        err.lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow());
  }

  @Test
  void askingSelfIsE0505() {
    String err =
        Programs.errors(
            "actor A {\n    receive Get -> i64 { 1 }\n    receive Loop -> i64 { ask(self, Get) }\n}\nfn main() {}\n");
    assertTrue(err.startsWith("error[E0505]: an actor cannot `ask` itself"), err);
  }

  @Test
  void spawnArgumentsMustMatchInit() {
    String err =
        Programs.errors("actor A {\n    var n: i64 = 0\n}\nfn main() { let a = spawn A(1) }\n");
    assertTrue(
        err.startsWith(
            "error[E0503]: invalid spawn: `A` has no `init` but `spawn` passes arguments"),
        err);
  }

  @Test
  void withoutARuntimeActorInstructionsPanicClearly() {
    Programs.Outcome o =
        Programs.run("actor A {\n    receive Ping {}\n}\nfn main() { let a = spawn A }\n");
    assertEquals(101, o.exit());
    assertTrue(
        o.stderr().startsWith("panic: spawn needs an actor runtime (run under a peer)"),
        o.stderr());
  }
}
