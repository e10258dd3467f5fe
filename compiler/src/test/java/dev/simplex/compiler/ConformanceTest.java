package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the example programs under {@code examples/} that the language pipeline supports today:
 * stdout must match {@code NAME.out}, the exit code {@code NAME.exit} (default 0), and stderr must
 * start with the lines of {@code NAME.err}.
 */
class ConformanceTest {
  private static final Path ROOT = Path.of("..", "examples");

  /**
   * Programs that need the actor runtime, vectors/AI or multi-file modules are run by the peer
   * module.
   */
  static final List<String> SUPPORTED =
      List.of(
          "blocks",
          "division",
          "exit_code",
          "factorial",
          "fib",
          "floats",
          "hello",
          "interpolation",
          "loops",
          "mutual_recursion",
          "overflow",
          "panic",
          "stack_overflow",
          "strings",
          "terminators",
          "errors/parse_error",
          "errors/type_mismatch",
          "errors/unknown_name",
          "conformance/p01",
          "conformance/p02",
          "conformance/p03",
          "conformance/p04",
          "conformance/p05",
          "conformance/p06",
          "conformance/p07",
          "conformance/p08",
          "conformance/p09",
          "conformance/p10",
          "conformance/p12",
          "conformance/p13",
          "conformance/p14",
          "conformance/p15",
          "conformance/p16",
          "conformance/p17",
          "conformance/p18",
          "conformance/p19",
          "conformance/p20",
          "conformance/p21",
          "conformance/p22",
          "conformance/p23",
          "conformance/p24",
          "conformance/p29",
          "conformance/p30");

  @org.junit.jupiter.api.Test
  void p11ModulesOverTwoFiles() throws Exception {
    Path main = ROOT.resolve("conformance/p11/main.sx");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(main));
    CompileResult r = Compiler.compile(main, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.io.PrintStream o =
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)) {
      assertEquals(0, new dev.simplex.sbc.Vm(r.module(), o, System.err).runMain(List.of()));
    }
    assertEquals(
        Files.readString(ROOT.resolve("conformance/p11/main.out")),
        out.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  static Stream<String> programs() {
    return SUPPORTED.stream().filter(p -> Files.exists(ROOT.resolve(p + ".sx")));
  }

  @ParameterizedTest
  @MethodSource("programs")
  void exampleProducesItsExpectedOutput(String name) throws Exception {
    Path source = ROOT.resolve(name + ".sx");
    Programs.Outcome o = Programs.run(source.getFileName().toString(), Files.readString(source));
    assertEquals(read(name, ".out"), o.stdout(), o.stderr());
    String exit = read(name, ".exit").trim();
    assertEquals(exit.isEmpty() ? 0 : Integer.parseInt(exit), o.exit(), o.stderr());
    List<String> expected = read(name, ".err").lines().toList();
    List<String> actual = o.stderr().lines().toList();
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(
          i < actual.size() && actual.get(i).startsWith(expected.get(i)),
          "stderr line " + (i + 1) + ":\n" + o.stderr());
    }
  }

  private static String read(String name, String ext) throws Exception {
    Path p = ROOT.resolve(name + ext);
    return Files.exists(p) ? Files.readString(p) : "";
  }
}
