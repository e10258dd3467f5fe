package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.Disassembler;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimisation changes the disassembly (compared with {@code -O0}) and never the program's
 * output.
 */
class OptimizerTest {
  private static SbcModule build(String source, boolean optimize) {
    CompileResult r = Compiler.compileSource("opt.sx", source, new CompileOptions(optimize));
    if (!r.success()) throw new AssertionError(r.renderDiagnostics());
    return r.module();
  }

  /** The listing of one function: from its `fn` header to the next one. */
  private static String function(SbcModule m, String name) {
    String all = Disassembler.disassemble(m);
    int at = all.indexOf("fn " + name + " #");
    if (at < 0) throw new AssertionError("no function " + name + " in\n" + all);
    int end = all.indexOf("\nfn ", at + 1);
    return end < 0 ? all.substring(at) : all.substring(at, end);
  }

  private static long instructions(String listing) {
    return listing.lines().filter(l -> l.matches("\\s+\\d+ .*")).count();
  }

  private static String output(SbcModule m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      int exit = new Vm(m, o, o).runMain(List.of());
      o.println("exit " + exit);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void sameOutput(String source, String expected) {
    String plain = output(build(source, false));
    assertEquals(expected, plain);
    assertEquals(plain, output(build(source, true)));
  }

  @Test
  void constantArithmeticIsFoldedToOnePush() {
    String src =
        """
        const HOURS: i64 = 24
        fn main() {
            let secs = HOURS * 60 * 60 + 1 - 1
            let small: i8 = 100 + 27
            let big = 7 > 3 && !(2 == 3)
            println("{secs} {small} {big}")
        }
        """;
    String o0 = function(build(src, false), "main");
    String o1 = function(build(src, true), "main");
    assertTrue(o0.contains("MUL_I64"), o0);
    assertFalse(o1.contains("MUL_I64") || o1.contains("ADD_I64") || o1.contains("SUB_I64"), o1);
    assertTrue(o1.contains("PUSH_I64         86400"), o1);
    assertFalse(o1.contains("NARROW"), o1);
    assertTrue(instructions(o1) < instructions(o0), o0 + "\n---\n" + o1);
    sameOutput(src, "86400 127 true\nexit 0\n");
  }

  @Test
  void foldingLeavesOverflowAndDivisionByZeroToRunTime() {
    String src =
        """
        fn main() {
            let x: i8 = 100 + 100
            println("{x}")
        }
        """;
    String o1 = function(build(src, true), "main");
    assertTrue(o1.contains("ADD_I64") && o1.contains("NARROW"), o1);
    String o0Out = output(build(src, false));
    assertTrue(o0Out.contains("overflow"), o0Out);
    assertEquals(o0Out, output(build(src, true)));
    String div = "fn main() {\n    println(\"{1 / 0}\")\n}\n";
    assertTrue(function(build(div, true), "main").contains("DIV_I64"));
    assertEquals(output(build(div, false)), output(build(div, true)));
  }

  @Test
  void constantFalseBranchIsEliminated() {
    String src =
        """
        const DEBUG: Bool = false
        fn main() {
            if DEBUG {
                println("debugging")
            } else {
                println("quiet")
            }
            while DEBUG && true {
                println("never")
            }
            let n = if 2 > 1 { 10 } else { 20 }
            println("{n}")
        }
        """;
    String o0 = function(build(src, false), "main");
    String o1 = function(build(src, true), "main");
    assertTrue(o0.contains("\"debugging\"") && o0.contains("JUMP_IF_FALSE"), o0);
    assertFalse(o1.contains("\"debugging\"") || o1.contains("\"never\""), o1);
    assertFalse(o1.contains("JUMP"), o1);
    assertTrue(instructions(o1) < instructions(o0));
    sameOutput(src, "quiet\n10\nexit 0\n");
  }

  @Test
  void statementsAfterAReturnAreNotEmitted() {
    String src =
        """
        fn pick(n: i64) -> i64 {
            if n > 0 {
                return 1
                println("unreachable")
            }
            0
        }
        fn main() {
            println("{pick(3)} {pick(-3)}")
        }
        """;
    assertTrue(function(build(src, false), "pick").contains("\"unreachable\""));
    assertFalse(function(build(src, true), "pick").contains("\"unreachable\""));
    sameOutput(src, "1 0\nexit 0\n");
  }

  @Test
  void smallNonRecursiveFunctionIsInlined() {
    String src =
        """
        fn square(x: f64) -> f64 { x * x }
        fn larger(a: i64, b: i64) -> i64 { if a > b { a } else { b } }
        fn is_even(n: i64) -> Bool { n % 2 == 0 }
        fn both_even(a: i64, b: i64) -> Bool { is_even(a) && is_even(b) }
        fn main() {
            let a = 7
            println("{square(1.5)} {larger(a, 3)} {larger(-1, a + 1)} {both_even(4, a)}")
        }
        """;
    String o0 = function(build(src, false), "main");
    String o1 = function(build(src, true), "main");
    for (String callee : List.of("square", "larger", "both_even"))
      assertTrue(o0.contains("CALL             " + callee + "#"), o0);
    assertFalse(o1.contains("CALL "), o1);
    assertTrue(o1.contains("MUL_F64") && o1.contains("REM_I64"), o1);
    sameOutput(src, "2.25 7 8 false\nexit 0\n");
  }

  @Test
  void recursiveAndPanickingFunctionsStayCalls() {
    String src =
        """
        fn fact(n: i64) -> i64 { if n <= 1 { 1 } else { n * fact(n - 1) } }
        fn even(n: i64) -> Bool { if n == 0 { true } else { odd(n - 1) } }
        fn odd(n: i64) -> Bool { if n == 0 { false } else { even(n - 1) } }
        fn div(a: i64, b: i64) -> i64 { a / b }
        fn main() {
            println("{fact(10)} {even(7)} {div(7, 2)}")
            println("{div(1, 0)}")
        }
        """;
    String o1 = function(build(src, true), "main");
    for (String callee : List.of("fact", "even", "div"))
      assertTrue(o1.contains("CALL             " + callee + "#"), o1);
    // the panic's backtrace still names `div`: inlining never removes a frame that can panic
    String expected = output(build(src, false));
    assertTrue(expected.startsWith("3628800 false 3\n"), expected);
    assertEquals(expected, output(build(src, true)));
  }

  @Test
  void optimisedBuildsAreDeterministic() {
    String src = "fn two() -> i64 { 1 + 1 }\nfn main() {\n    println(\"{two() * 3}\")\n}\n";
    assertEquals(
        Disassembler.disassemble(build(src, true)), Disassembler.disassemble(build(src, true)));
  }
}
