package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.PortableValue;
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
    return run(source, new LocalActors());
  }

  private static Run run(String source, LocalActors runtime) {
    CompileResult r = Compiler.compileSource("a.sx", source, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    SbcModule m = r.module();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
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
  void anActorsCounterFieldCountsEveryMessageAndComparesWithAnother() {
    String src =
        """
        actor Counter {
            var count: i64 = 0
            var limit: i64 = 0
            init(limit: i64) { self.limit = limit }
            receive Add { count += 1; if count == limit { println("reached {count}") } }
            receive Get -> i64 { count }
        }
        fn main() {
            let c = spawn Counter(250)
            for _ in 0..300 { send(c, Add) }
            println(ask(c, Get))
        }
        """;
    Run r = run(src);
    assertEquals(0, r.exit());
    assertEquals("reached 250\n300\n", r.out());
  }

  @Test
  void drainIsAnActorBuiltinWithoutArguments() {
    CompileResult outside =
        Compiler.compileSource("a.sx", "fn main() {\n    drain()\n}\n", CompileOptions.defaults());
    assertTrue(
        outside.renderDiagnostics().contains("error[E0501]: `drain()` outside an actor"),
        outside.renderDiagnostics());
    CompileResult withArgs =
        Compiler.compileSource(
            "a.sx",
            "actor A {\n    receive Go { drain(1) }\n}\nfn main() {}\n",
            CompileOptions.defaults());
    assertTrue(
        withArgs.renderDiagnostics().contains("error[E0201]: `drain` takes no arguments"),
        withArgs.renderDiagnostics());
    CompileResult ok =
        Compiler.compileSource(
            "a.sx",
            "actor A {\n    receive Go { drain() }\n    on_start() { drain() }\n}\nfn main() {}\n",
            CompileOptions.defaults());
    assertTrue(ok.success(), ok.renderDiagnostics());
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
  void spawnHintsArePlacementVariantsAndAResourcesValueThatReachTheRuntime() {
    LocalActors runtime = new LocalActors();
    Run r =
        run(
            """
            actor W {
                receive Ping -> i64 { 1 }
            }
            fn describe(p: Placement) -> String {
                match p {
                    Any => "any",
                    Spread => "spread",
                    BinPacking => "bin packing",
                    Locality(_) => "near another actor",
                }
            }
            fn main() -> i64 {
                let w = spawn W with { name: "w", placement: Spread, resources: Resources(cpu: 2, memory: "1GB"), replicas: 3 }
                let v = spawn W with { placement: Locality(w), resources: Resources(gpu: 1) }
                let p: Placement = Placement::BinPacking
                let r = Resources(4, "2GB")
                let a = describe(p)
                let b = describe(Locality(v))
                let c = describe(Any)
                println("{a} / {b} / {c}")
                println("{r.cpu} {r.memory} {r.gpu}")
                ask(w, Ping) + ask(v, Ping)
            }
            """,
            runtime);
    assertEquals("bin packing / near another actor / any\n4 2GB 0\n", r.out());
    assertEquals(2, r.exit());
    var first = runtime.spawnOptions.get(0);
    assertEquals("w", first.get("name"));
    assertEquals(3L, first.get("replicas"));
    assertEquals(
        new PortableValue.Variant("Placement", "Spread", List.of()),
        Vm.toPortable(first.get("placement")));
    assertEquals(
        new PortableValue.Struct(
            "Resources",
            List.of(
                new PortableValue.Field("cpu", new PortableValue.Int(2)),
                new PortableValue.Field("memory", new PortableValue.Str("1GB")),
                new PortableValue.Field("gpu", new PortableValue.Int(0)))),
        Vm.toPortable(first.get("resources")));
    var second = runtime.spawnOptions.get(1);
    PortableValue.Variant near = (PortableValue.Variant) Vm.toPortable(second.get("placement"));
    assertEquals("Locality", near.variant());
    assertEquals(1, near.payload().size());
    assertTrue(near.payload().getFirst() instanceof PortableValue.Actor, near.toString());
    assertEquals(
        new PortableValue.Struct(
            "Resources",
            List.of(
                new PortableValue.Field("cpu", new PortableValue.Int(1)),
                new PortableValue.Field("memory", new PortableValue.Str("256MB")),
                new PortableValue.Field("gpu", new PortableValue.Int(1)))),
        Vm.toPortable(second.get("resources")));
  }

  @Test
  void aUserEnumsVariantNamedLikeAPreludeOneIsNotAmbiguous() {
    Run r =
        run(
            """
            enum Mode { Any, Error(String) }
            fn main() -> i64 {
                let a = Any
                let e = Error("x")
                match a { Any => match e { Error(s) => s.len() as i64, _ => 0 }, _ => 9 }
            }
            """);
    assertEquals(1, r.exit());
  }

  @Test
  void placementAsAStringIsAMismatchNamingPlacement() {
    String err =
        Programs.errors(
            "actor W {\n    receive Ping {}\n}\nfn main() {\n    let w = spawn W with { placement: \"Spread\" }\n}\n");
    assertTrue(
        err.startsWith("error[E0200]: mismatched types: expected `Placement`, found `String`"),
        err);
  }

  @Test
  void localityOfSomethingOtherThanAnActorRefIsE0200() {
    String err =
        Programs.errors(
            "actor W {\n    receive Ping {}\n}\nfn main() {\n    let w = spawn W with { placement: Locality(3) }\n}\n");
    assertTrue(
        err.startsWith("error[E0200]: mismatched types: expected an `ActorRef`, found `i64`"), err);
    assertTrue(err.contains("test.sx:5:48"), err);
  }

  @Test
  void resourcesTakesOnlyCpuMemoryAndGpu() {
    String err = Programs.errors("fn main() {\n    let r = Resources(cores: 2)\n}\n");
    assertTrue(err.startsWith("error[E0202]: `Resources` has no parameter named `cores`"), err);
    String wrong = Programs.errors("fn main() {\n    let r = Resources(memory: 512)\n}\n");
    assertTrue(wrong.startsWith("error[E0200]: mismatched types: expected `String`"), wrong);
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
