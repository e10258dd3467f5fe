package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * f32 is computed as f32 (language.md §2): every f32 operation and cast rounds to the nearest f32,
 * and f32 values display with the shortest digits that round-trip an f32 (§12.1).
 */
class F32Test {
  @Test
  void f32DisplaysTheShortestDigitsOfAnF32() {
    assertEquals(
        "0.33333334\n0.1\n0.10000000149011612\n",
        Programs.stdout(
            "fn main() {\n"
                + "  let third: f32 = 1.0 / 3.0\n"
                + "  let tenth: f32 = 0.1\n"
                + "  println(third)\n"
                + "  println(tenth)\n"
                + "  println(tenth as f64)\n"
                + "}"));
  }

  @Test
  void eachF32AdditionRoundsToAnF32() {
    // ten additions of 0.1 in f32 give 1.0000001; summed in f64 and rounded once they give 1.0
    assertEquals(
        "1.0000001\n1.0000000149011612\n",
        Programs.stdout(
            "fn main() {\n"
                + "  var acc: f32 = 0.0\n"
                + "  var wide: f64 = 0.0\n"
                + "  for i in 0..10 { acc += 0.1; wide += 0.1f32 as f64 }\n"
                + "  println(acc)\n"
                + "  println(wide)\n"
                + "}"));
  }

  @Test
  void castsToF32Round() {
    assertEquals(
        "16777216.0\n0.1\n10000000000.0\n",
        Programs.stdout(
            "fn main() {\n"
                + "  let n = 16777217\n"
                + "  println(n as f32)\n"
                + "  let x: f64 = 0.1\n"
                + "  println(x as f32)\n"
                + "  println(1e10f32)\n"
                + "}"));
  }

  @Test
  void boxedF32KeepItsDisplayInCollectionsFormatsAndGenericCode() {
    assertEquals(
        "[0.33333334, 0.1]\n0.6\n0.333\n0.57735026\n[0.2, 0.4]\n",
        Programs.stdout(
            "fn main() {\n"
                + "  let third: f32 = 1.0 / 3.0\n"
                + "  let xs: List<f32> = [third, 0.1]\n"
                + "  println(xs)\n"
                + "  let ys: List<f32> = [0.1, 0.2, 0.3]\n"
                + "  println(ys.sum())\n"
                + "  println(\"{third:.3}\")\n"
                + "  println(third.sqrt())\n"
                + "  println([0.1f32, 0.2].map((v) => v * 2.0))\n"
                + "}"));
  }

  @Test
  void f64StaysF64BesideIt() {
    assertEquals(
        "0.30000000000000004\n0.3\n",
        Programs.stdout(
            "fn main() {\n"
                + "  let a = 0.1\n"
                + "  let b = 0.2\n"
                + "  println(a + b)\n"
                + "  println(0.1f32 + 0.2f32)\n"
                + "}"));
  }

  @Test
  void compiledF32FunctionsRoundLikeTheInterpreter() {
    // recursive, so the inliner leaves it a function of its own for the JIT
    String source =
        "fn steps(acc: f32, n: i64) -> f32 { if n == 0 { acc } else { steps(acc + 0.1 / 3.0, n - 1) } }\n"
            + "fn main() {\n"
            + "  println(steps(0.0, 3000))\n"
            + "}";
    CompileResult r = Compiler.compileSource("t.sx", source, CompileOptions.defaults());
    String off = run(r, "off");
    String always = run(r, "always");
    assertEquals(off, always);
    float acc = 0;
    for (int i = 0; i < 3000; i++) acc = acc + 0.1f / 3.0f;
    assertEquals(Float.toString(acc) + "\n", off);
  }

  private static String run(CompileResult r, String jit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      Vm vm = new Vm(r.module(), o, System.err).jit(jit);
      assertEquals(0, vm.runMain(List.of()));
      if (jit.equals("always")) assertEquals(true, vm.jitCompiledCount() > 0, "step is compiled");
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
