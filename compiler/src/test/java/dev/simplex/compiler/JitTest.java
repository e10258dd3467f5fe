package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.Message;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JIT tier (issue 4, item 7): pure functions compiled to JVM bytecode give the interpreter's
 * results, and where the interpreter panics the compiled code hands the call back so the panic and
 * its Simplex stack trace are exactly the interpreter's.
 */
class JitTest {
  record Outcome(String stdout, String stderr, int exit, int compiled) {}

  static Outcome run(String mode, String source) {
    CompileResult r = Compiler.compileSource("jit.sx", source, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    int compiled;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      Vm vm = new Vm(r.module(), o, e).jit(mode);
      code = vm.runMain(List.of());
      compiled = vm.jitCompiledCount();
    }
    return new Outcome(
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code, compiled);
  }

  static final String FIB =
      """
      fn fib(n: i64) -> i64 { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
      fn main() { println(fib(24)) }
      """;

  @Test
  void fibGivesTheSameResultInEveryModeAndIsCompiledWhenHot() {
    Outcome off = run("off", FIB);
    Outcome auto = run("auto", FIB);
    Outcome always = run("always", FIB);
    assertEquals("46368\n", off.stdout());
    assertEquals(off.stdout(), auto.stdout());
    assertEquals(off.stdout(), always.stdout());
    assertEquals(0, off.compiled());
    assertEquals(1, auto.compiled());
    assertEquals(1, always.compiled());
  }

  @Test
  void floatArithmeticAndComparisonsMatchTheInterpreterBitForBit() {
    String src =
        """
        fn step(x: f64, k: i64) -> f64 {
            var y = x
            var i = 0
            while i < k { y = y * 1.0000001 + 0.1 / (y + 1.0) - (y % 3.0) * 1e-9; i += 1 }
            if y > 1e300 || y != y { -1.0 } else { y }
        }
        fn main() { println(step(0.5, 2000)); println(step(-7.25, 5) as i64) }
        """;
    Outcome off = run("off", src);
    Outcome always = run("always", src);
    assertEquals(0, off.exit(), off.stderr());
    assertEquals(off.stdout(), always.stdout());
    assertEquals(1, always.compiled());
  }

  @Test
  void overflowInCompiledCodeIsTheInterpretersPanicWithItsTrace() {
    String src =
        """
        fn grow(n: i64) -> i64 { if n > 4611686018427387904 { n * 2 } else { grow(n * 2) } }
        fn main() { println("start"); println(grow(1)) }
        """;
    Outcome off = run("off", src);
    Outcome always = run("always", src);
    assertEquals(101, off.exit());
    assertTrue(off.stderr().startsWith("panic: integer overflow"), off.stderr());
    assertEquals(off.stdout(), always.stdout());
    assertEquals(off.stderr(), always.stderr());
    assertEquals(off.exit(), always.exit());
  }

  @Test
  void divisionByZeroAndBadCastsInCompiledCodePanicAsInterpreted() {
    for (String body :
        List.of("a / (b - b)", "a % (b - b)", "(a as f64 / 0.0) as i64", "(a - b) << 70")) {
      String src = "fn f(a: i64, b: i64) -> i64 { " + body + " }\nfn main() { println(f(7, 3)) }\n";
      Outcome off = run("off", src);
      Outcome always = run("always", src);
      assertEquals(101, off.exit(), body + ": " + off.stderr());
      assertEquals(off.stderr(), always.stderr(), body);
    }
  }

  @Test
  void unboundedRecursionIsTheStackOverflowPanicInEveryMode() {
    String src =
        """
        fn down(n: i64) -> i64 { down(n + 1) + 1 }
        fn main() { println(down(0)) }
        """;
    for (String mode : List.of("off", "auto", "always")) {
      Outcome o = run(mode, src);
      assertEquals(101, o.exit(), mode);
      assertTrue(o.stderr().startsWith("panic: stack overflow"), mode + ": " + o.stderr());
    }
  }

  @Test
  void builtInsAndPrintingAreCompiledButMapWritesStayInterpreted() {
    String src =
        """
        fn shout(n: i64) -> i64 { println("n = {n}"); n }
        fn len(s: String) -> i64 { s.len() }
        fn count(m: Map<String, i64>) -> i64 { m.get_or("a", 0) }
        fn main() {
            var m: Map<String, i64> = Map::new()
            m["a"] = 4
            println(shout(2) + len("abc") + count(m))
        }
        """;
    Outcome off = run("off", src);
    Outcome always = run("always", src);
    assertEquals("n = 2\n9\n", off.stdout(), off.stderr());
    assertEquals(off.stdout(), always.stdout());
    assertEquals(3, always.compiled(), "shout, len and count; main writes a map");
  }

  @Test
  void aPanicInABuiltInCalledFromCompiledCodeIsTheInterpretersPanicAndTrace() {
    String src =
        """
        fn parse(s: String) -> i64 { s.parse_int().unwrap() }
        fn total(xs: &List<String>) -> i64 {
            var t = 0
            for x in xs { t += parse(x) }
            t
        }
        fn main() {
            println(total(&["1", "22", "333"]))
            println(total(&["4", "five"]))
        }
        """;
    Outcome off = run("off", src);
    Outcome always = run("always", src);
    assertEquals(101, off.exit(), off.stderr());
    assertEquals("356\n", off.stdout());
    assertTrue(off.stderr().startsWith("panic: "), off.stderr());
    assertTrue(off.stderr().contains("at parse (jit.sx:1"), off.stderr());
    assertEquals(off.stdout(), always.stdout());
    assertEquals(off.stderr(), always.stderr(), "the same panic and trace from compiled code");
    assertEquals(off.exit(), always.exit());
    assertEquals(1, always.compiled(), "main, with total and parse in its compiled group");
  }

  @Test
  void exitFromABuiltInCalledByCompiledCodeLeavesWithItsCode() {
    String src =
        """
        fn count(n: i64) {
            for i in 0..n {
                if i == 2 { exit(7) }
                println("{i}")
            }
        }
        fn main() { count(5); println("not reached") }
        """;
    for (String mode : List.of("off", "auto", "always")) {
      Outcome o = run(mode, src);
      assertEquals("0\n1\n", o.stdout(), mode + ": " + o.stderr());
      assertEquals(7, o.exit(), mode);
      assertEquals("", o.stderr(), mode);
    }
  }

  @Test
  void aSpawnWithoutAnActorRuntimeIsTheInterpretersPanicInEveryMode() {
    String src =
        """
        actor Counter { receive Inc { } }
        fn main() {
            for _ in 0..3 { let c = spawn Counter; send(c, Inc) }
        }
        """;
    Outcome off = run("off", src);
    assertEquals(101, off.exit());
    assertTrue(
        off.stderr().startsWith("panic: spawn needs an actor runtime (run under a peer)"),
        off.stderr());
    for (String mode : List.of("auto", "always")) {
      Outcome o = run(mode, src);
      assertEquals(off.stderr(), o.stderr(), mode);
      assertEquals(off.exit(), o.exit(), mode);
    }
  }

  static final String LISTS =
      """
      struct Body { x: f64, v: f64 }
      fn step(x: &mut List<f64>, v: &List<f64>, dt: f64) {
          let n = x.len()
          for i in 0..n {
              x[i] += dt * v[i] / (1.0 + x[i] * x[i]).sqrt()
          }
      }
      fn total(x: &List<f64>) -> f64 {
          var s = 0.0
          for i in 0..x.len() { s += x[i] }
          s
      }
      fn push(b: &mut Body, dt: f64) { b.x = b.x + b.v * dt }
      fn main() {
          var x = [0.0, 1.0, 2.5]
          let v = [1.0, -0.5, 0.25]
          var b = Body { x: 1.0, v: 2.0 }
          for _ in 0..3000 {
              step(&mut x, &v, 0.001)
              push(&mut b, 0.001)
          }
          println("{total(&x):.12} {x[0]:.12} {b.x:.12}")
      }
      """;

  @Test
  void functionsOnF64ListsAndStructsAreCompiledAndGiveTheInterpretersResults() {
    Outcome off = run("off", LISTS);
    Outcome auto = run("auto", LISTS);
    Outcome always = run("always", LISTS);
    assertEquals(0, off.exit(), off.stderr());
    assertEquals(off.stdout(), auto.stdout());
    assertEquals(off.stdout(), always.stdout());
    assertEquals(0, off.compiled());
    assertEquals(3, auto.compiled(), "step and push are hot, total has a loop");
    assertEquals(3, always.compiled());
  }

  @Test
  void anIndexOutOfBoundsInCompiledCodeWithListsIsTheInterpretersPanicAndTraceAndRunsOnce() {
    // bump changes the list before it fails: compiled code must not hand the call back to be
    // run again (that would count twice), but raise the same panic with the same trace
    String src =
        """
        fn bump(x: &mut List<i64>, i: i64) -> i64 {
            x[0] += 1
            x[i] * 2
        }
        fn outer(x: &mut List<i64>, i: i64) -> i64 { bump(x, i) + 1 }
        fn main() {
            var x = [0, 5]
            var s = 0
            for i in 0..2000 { s += outer(&mut x, i % 2) }
            println("{s} {x[0]}")
            println(outer(&mut x, 7))
        }
        """;
    Outcome off = run("off", src);
    Outcome auto = run("auto", src);
    Outcome always = run("always", src);
    assertEquals(101, off.exit(), off.stderr());
    assertTrue(
        off.stderr().startsWith("panic: index out of bounds: index 7, length 2"), off.stderr());
    assertTrue(off.stderr().contains("bump"), off.stderr());
    for (Outcome o : List.of(auto, always)) {
      assertEquals(off.stdout(), o.stdout());
      assertEquals(off.stderr(), o.stderr());
      assertEquals(off.exit(), o.exit());
      assertTrue(o.compiled() > 0);
    }
  }

  @Test
  void overflowInsideCompiledCodeWithReferencesKeepsEveryFrameOfTheTrace() {
    String src =
        """
        fn inner(x: &mut List<i64>) -> i64 { x[0] * 4611686018427387904 }
        fn middle(x: &mut List<i64>) -> i64 { x[0] += 1; inner(x) + 1 }
        fn outer(x: &mut List<i64>) -> i64 { middle(x) - 1 }
        fn main() {
            var x = [0]
            println(outer(&mut x))
            println(outer(&mut x))
        }
        """;
    Outcome off = run("off", src);
    Outcome always = run("always", src);
    assertEquals(101, off.exit(), off.stderr());
    assertTrue(off.stderr().startsWith("panic: integer overflow"), off.stderr());
    assertTrue(off.stderr().contains("inner") && off.stderr().contains("outer"), off.stderr());
    assertEquals(off.stdout(), always.stdout());
    assertEquals(off.stderr(), always.stderr());
    assertEquals(1, always.compiled(), "main's group: outer, middle, inner");
  }

  @Test
  void recursionWithReferencesStaysInterpretedAndOverflowsAsTheInterpreterDoes() {
    String src =
        """
        fn deep(x: &mut List<i64>, n: i64) -> i64 { x[0] += 1; deep(x, n + 1) }
        fn main() { var x = [0]; println(deep(&mut x, 0)) }
        """;
    Outcome off = run("off", src);
    Outcome always = run("always", src);
    assertTrue(off.stderr().startsWith("panic: stack overflow"), off.stderr());
    assertEquals(off.stderr(), always.stderr());
    assertEquals(0, always.compiled());
  }

  @Test
  void anUnknownModeIsRefusedNamingTheChoices() {
    CompileResult r = Compiler.compileSource("jit.sx", FIB, CompileOptions.defaults());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Vm(r.module(), System.out, System.err).jit("sometimes"));
    assertEquals("--jit must be off, auto or always, not 'sometimes'", e.getMessage());
  }

  /** A runtime that spawns tokens and records what is sent, to whom, in order. */
  static final class RecordingPort implements RuntimePort {
    final List<String> sent = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();

    final List<String> spawned = new ArrayList<>();

    @Override
    public Object spawn(
        SbcModule module,
        int actorType,
        List<Object> initArgs,
        Map<String, Object> fieldOverrides,
        Map<String, Object> options) {
      spawned.add(module.types().get(actorType).name() + initArgs + fieldOverrides + options);
      return "actor" + sent.size() + "." + spawned.size();
    }

    @Override
    public void send(Object target, Message message) {
      sent.add(target + " <- " + message.name() + message.args());
      messages.add(message);
    }

    @Override
    public Object ask(Object target, Message message) {
      throw new RuntimePort.Panic("no asks here");
    }

    @Override
    public Object askWithin(Object target, Message message, long timeoutNanos) {
      throw new RuntimePort.Panic("no asks here");
    }

    @Override
    public void stop(Object target) {}

    @Override
    public Object lookup(SbcModule module, int actorType, String name) {
      return null;
    }

    @Override
    public Object self() {
      return "me";
    }

    @Override
    public void checkpoint() {}
  }

  static final String RELAY =
      """
      actor Sink {
          receive Ping(n: i64, from: ActorRef<Sink>) { }
          receive Tick { }
      }
      fn relay(to: ActorRef<Sink>, n: i64, step: Option<i64>) {
          for i in 0..n {
              match step {
                  Some(s) => send(to, Ping(i * s, to)),
                  None => panic("no step"),
              }
              send(to, Tick)
          }
      }
      fn main() {
          let sink = spawn Sink
          relay(sink, 3, Some(10))
          relay(sink, 1, None)
      }
      """;

  @Test
  void aFunctionThatSendsMatchesAndPanicsIsCompiledAndSendsWhatTheInterpreterSends() {
    CompileResult r = Compiler.compileSource("jit.sx", RELAY, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    List<List<String>> sent = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Integer> compiled = new ArrayList<>();
    for (String mode : List.of("off", "always")) {
      RecordingPort port = new RecordingPort();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        Vm vm = new Vm(r.module(), System.out, e, port).jit(mode);
        assertEquals(Vm.EXIT_PANIC, vm.runMain(List.of()));
        compiled.add(vm.jitCompiledCount());
      }
      sent.add(port.sent);
      errors.add(err.toString(StandardCharsets.UTF_8));
      // a message without arguments is one value, however many times it is sent
      List<Message> ticks = port.messages.stream().filter(m -> m.name().equals("Tick")).toList();
      assertEquals(3, ticks.size());
      assertSame(ticks.get(0), ticks.get(2), mode);
    }
    assertEquals(
        List.of(
            "actor0.1 <- Ping[0, actor0.1]",
            "actor0.1 <- Tick[]",
            "actor0.1 <- Ping[10, actor0.1]",
            "actor0.1 <- Tick[]",
            "actor0.1 <- Ping[20, actor0.1]",
            "actor0.1 <- Tick[]"),
        sent.get(0));
    assertEquals(sent.get(0), sent.get(1));
    assertTrue(errors.get(0).startsWith("panic: no step\n  at relay (jit.sx:"), errors.get(0));
    assertEquals(errors.get(0), errors.get(1), "the same panic and trace from compiled code");
    assertEquals(0, compiled.get(0));
    assertEquals(1, compiled.get(1), "relay compiled; main spawns, so it stays interpreted");
  }

  static final String PRODUCER =
      """
      actor Collector {
          var left: i64 = 0
          init(actors: i64) { left = actors }
          receive Full { }
      }
      actor Counter {
          var target: i64 = 0
          init(target: i64, c: ActorRef<Collector>) { self.target = target }
          receive Increment { }
      }
      fn main() {
          let actors = args()[0].parse_int().unwrap()
          let per = args()[1].parse_int().unwrap()
          let collector = spawn Collector(actors)
          var counters: List<ActorRef<Counter>> = []
          for _ in 0..actors { counters.push(spawn Counter(per, collector)) }
          let named = spawn Counter(0, collector) with { name: "last" }
          counters.push(named)
          println("go {counters.len()}")
          for _ in 0..per { for c in counters { send(c, Increment) } }
      }
      """;

  @Test
  void aMainThatSpawnsAndSendsIsCompiledAndDoesWhatTheInterpreterDoes() {
    // the shape of bench/programs/actors/many.sx: the producer of a run is its main, which
    // spawns, fills a list and calls built-ins before its send loop
    CompileResult r = Compiler.compileSource("jit.sx", PRODUCER, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    List<RecordingPort> ports = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    List<Integer> compiled = new ArrayList<>();
    for (String mode : List.of("off", "auto", "always")) {
      RecordingPort port = new RecordingPort();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
        Vm vm = new Vm(r.module(), o, System.err, port).jit(mode);
        assertEquals(0, vm.runMain(List.of("3", "2")));
        compiled.add(vm.jitCompiledCount());
      }
      ports.add(port);
      outs.add(out.toString(StandardCharsets.UTF_8));
    }
    RecordingPort off = ports.get(0);
    assertEquals("go 4\n", outs.get(0));
    assertEquals(
        List.of(
            "Collector[3]{}{}",
            "Counter[2, actor0.1]{}{}",
            "Counter[2, actor0.1]{}{}",
            "Counter[2, actor0.1]{}{}",
            "Counter[0, actor0.1]{}{name=last}"),
        off.spawned);
    assertEquals(8, off.sent.size());
    assertEquals("actor0.2 <- Increment[]", off.sent.get(0));
    assertEquals("actor0.5 <- Increment[]", off.sent.get(7));
    for (int i = 1; i < 3; i++) {
      assertEquals(outs.get(0), outs.get(i));
      assertEquals(off.spawned, ports.get(i).spawned);
      assertEquals(off.sent, ports.get(i).sent);
    }
    assertEquals(List.of(0, 1, 1), compiled, "main, in auto mode as it has a loop");
  }
}
