package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.SupervisorPlan;
import dev.simplex.sbc.Vm;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code supervisor} declarations (language.md §9): parsing, checking and the compiled plan. */
class SupervisorsTest {
  private static final String WORKER =
      """
      actor Worker {
          var id: i64
          init(id: i64) { self.id = id }
          receive Id -> i64 { id }
      }
      actor Cache { receive Ping {} }
      """;

  @Test
  void theCompiledPlanHoldsStrategyIntensityAndEachChildsArgumentsPolicyAndName() {
    CompileResult r =
        Compiler.compileSource(
            "test.sx",
            WORKER
                + """
                supervisor Crew {
                    strategy: RestForOne
                    max_restarts: 2, within: Duration::seconds(60)
                    children: [
                        child(Worker(1 + 1), restart: Transient, name: "first"),
                        child(Worker, id: 7),
                        child(Cache, restart: Never),
                    ]
                }
                fn main() { let c = spawn Crew }
                """,
            CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    SupervisorPlan plan = new Vm(r.module(), none, none).supervisorPlan("Crew").orElseThrow();
    assertEquals("RestForOne", plan.strategy());
    assertEquals(2L, plan.maxRestarts());
    assertEquals(60_000_000_000L, plan.withinNanos());
    assertEquals(
        List.of(
            new SupervisorPlan.Child("Worker", List.of(2L), "Transient", "first"),
            new SupervisorPlan.Child("Worker", List.of(7L), "Always", null),
            new SupervisorPlan.Child("Cache", List.of(), "Never", null)),
        plan.children());
  }

  @Test
  void omittedEntriesAreLeftToTheRuntimesDefaults() {
    CompileResult r =
        Compiler.compileSource(
            "test.sx",
            WORKER + "supervisor Solo { children: [child(Cache)] }\nfn main() {}\n",
            CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    Vm vm = new Vm(r.module(), none, none);
    SupervisorPlan plan = vm.supervisorPlan("Solo").orElseThrow();
    assertEquals("OneForOne", plan.strategy());
    assertEquals(null, plan.maxRestarts());
    assertEquals(null, plan.withinNanos());
    assertTrue(vm.supervisorPlan("Cache").isEmpty(), "an actor has no plan");
  }

  @Test
  void aSupervisorWithoutChildrenIsE0504() {
    String err = Programs.errors("supervisor Empty { strategy: OneForAll }\nfn main() {}\n");
    assertTrue(err.startsWith("error[E0504]: supervisor `Empty` has no `children`"), err);
  }

  @Test
  void twoChildrenWithOneNameAreE0504() {
    String err =
        Programs.errors(
            WORKER
                + "supervisor S { children: [child(Cache, name: \"c\"), child(Cache, name: \"c\")] }\n"
                + "fn main() {}\n");
    assertTrue(err.contains("error[E0504]: supervisor `S` has two children named \"c\""), err);
  }

  @Test
  void anUnknownStrategyIsASyntaxErrorListingTheStrategies() {
    String err =
        Programs.errors("supervisor S { strategy: AllForNone, children: [] }\nfn main() {}\n");
    assertTrue(err.contains("unknown strategy `AllForNone`"), err);
    assertTrue(err.contains("OneForOne, OneForAll or RestForOne"), err);
  }

  @Test
  void anEntryGivenTwiceIsASyntaxError() {
    String err =
        Programs.errors(
            WORKER + "supervisor S { max_restarts: 1, max_restarts: 2, children: [] }\n");
    assertTrue(err.contains("`max_restarts` is given twice"), err);
  }

  @Test
  void aChildOfAnUnknownActorIsE0101() {
    String err = Programs.errors("supervisor S { children: [child(Ghost)] }\nfn main() {}\n");
    assertTrue(err.contains("error[E0101]: cannot find actor `Ghost`"), err);
  }

  @Test
  void childInitArgumentsAreCheckedLikeASpawn() {
    String err =
        Programs.errors(
            WORKER + "supervisor S { children: [child(Worker(\"one\"))] }\nfn main() {}\n");
    assertTrue(err.contains("mismatched types"), err);
  }

  @Test
  void withinMustBeADuration() {
    String err =
        Programs.errors(
            WORKER + "supervisor S { within: 5, children: [child(Cache)] }\nfn main() {}\n");
    assertTrue(err.contains("mismatched types"), err);
  }

  @Test
  void aSupervisorRefTakesNoMessages() {
    String err =
        Programs.errors(
            WORKER
                + "supervisor S { children: [child(Cache)] }\n"
                + "fn main() { let s = spawn S\n send(s, Ping) }\n");
    assertTrue(err.contains("error[E0500]: actor `S` has no handler for message `Ping`"), err);
  }

  @Test
  void childNeedsTheChildsActorTypeAndOneIndexOrName() {
    String noType =
        Programs.errors(
            WORKER
                + "supervisor S { children: [child(Cache)] }\n"
                + "fn main() { let s = spawn S\n let c = s.child(0) }\n");
    assertTrue(noType.contains("`child` needs the child's actor type"), noType);
    String badKey =
        Programs.errors(
            WORKER
                + "supervisor S { children: [child(Cache)] }\n"
                + "fn main() { let s = spawn S\n let c = s.child<Cache>(1.5) }\n");
    assertTrue(badKey.contains("mismatched types"), badKey);
  }

  @Test
  void aCustomRestartPolicyTakesAFunctionOrClosureOfExitReasonToBoolAndPutsItInThePlan() {
    CompileResult r =
        Compiler.compileSource(
            "test.sx",
            WORKER
                + """
                fn on_error(r: ExitReason) -> Bool {
                    match r { ExitReason::Error(m) => m.contains("retry"), _ => false }
                }
                supervisor S {
                    children: [
                        child(Worker(1), restart: Custom(on_error)),
                        child(Cache, restart: Custom(|r: ExitReason| r == ExitReason::Killed)),
                        child(Cache, restart: Never),
                    ]
                }
                fn main() { let s = spawn S }
                """,
            CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    Vm vm = new Vm(r.module(), none, none);
    List<SupervisorPlan.Child> children = vm.supervisorPlan("S").orElseThrow().children();
    assertEquals(
        List.of("Custom", "Custom", "Never"), children.stream().map(c -> c.restart()).toList());
    assertEquals(null, children.get(2).custom());
    Object f = children.get(0).custom();
    assertEquals(true, truth(vm.call(f, List.of(Vm.exitReason("Error", "please retry")))));
    assertEquals(false, truth(vm.call(f, List.of(Vm.exitReason("Error", "fatal")))));
    assertEquals(false, truth(vm.call(f, List.of(Vm.exitReason("Normal", null)))));
    Object g = children.get(1).custom();
    assertEquals(true, truth(vm.call(g, List.of(Vm.exitReason("Killed", null)))));
    assertEquals(false, truth(vm.call(g, List.of(Vm.exitReason("Error", "x")))));
  }

  @Test
  void aCustomRestartPolicyOfTheWrongFunctionTypeIsE0200() {
    String err =
        Programs.errors(
            WORKER
                + "fn by_count(n: i64) -> Bool { n > 2 }\n"
                + "supervisor S { children: [child(Cache, restart: Custom(by_count))] }\n"
                + "fn main() {}\n");
    assertTrue(
        err.startsWith(
            "error[E0200]: mismatched types: expected `fn(ExitReason) -> Bool`, found `fn(i64) ->"
                + " Bool`"),
        err);
  }

  @Test
  void anUnknownRestartPolicyIsASyntaxErrorListingThePolicies() {
    String err =
        Programs.errors(WORKER + "supervisor S { children: [child(Cache, restart: Sometimes)] }\n");
    assertTrue(err.contains("unsupported restart policy `Sometimes`"), err);
    assertTrue(err.contains("Always, Never, Transient or Custom(f)"), err);
  }

  /** A Bool result of {@link Vm#call}: boxed, or as a primitive 1 or 0. */
  private static boolean truth(Object result) {
    return switch (result) {
      case Boolean b -> b;
      case Long n when n == 0 || n == 1 -> n == 1;
      default -> throw new AssertionError("not a Bool: " + result);
    };
  }
}
