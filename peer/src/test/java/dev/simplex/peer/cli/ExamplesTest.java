package dev.simplex.peer.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.simplex.peer.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every program under examples/ through the CLI code path ({@code simplex run FILE}) and
 * compares stdout, the exit code and the start of stderr with the files beside it. Programs listed
 * in examples/PENDING wait for a feature that has not landed: they are reported as skipped while
 * they fail, and this test fails as soon as one of them passes, so the list never goes stale.
 */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TestFactory
  Stream<DynamicTest> everyExampleProducesItsExpectedOutput() throws IOException {
    return examples(null);
  }

  /** The whole suite again with the JIT tier off, and compiling every pure function at once. */
  @TestFactory
  Stream<DynamicTest> everyExampleProducesItsExpectedOutputWithTheJitOff() throws IOException {
    return examples("off");
  }

  @TestFactory
  Stream<DynamicTest> everyExampleProducesItsExpectedOutputWithTheJitAlways() throws IOException {
    return examples("always");
  }

  private static Stream<DynamicTest> examples(String jit) throws IOException {
    Map<String, String> pending = Pending.read(EXAMPLES.resolve("PENDING"));
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      return files
          .filter(p -> p.toString().endsWith(".sx"))
          .sorted()
          .map(ExampleProgram::at)
          .flatMap(java.util.Optional::stream)
          .toList()
          .stream()
          .map(
              example -> {
                String name = example.name(EXAMPLES);
                return DynamicTest.dynamicTest(
                    name, example.source().toUri(), () -> check(example, pending.get(name), jit));
              });
    }
  }

  private static void check(ExampleProgram example, String pendingReason, String jit) {
    Result result = run(example.source(), jit);
    String mismatch = mismatch(example, result);
    if (pendingReason != null) {
      if (mismatch == null) {
        fail(example.name(EXAMPLES) + " passes now: remove it from examples/PENDING");
      }
      Assumptions.abort("pending (" + pendingReason + "): " + firstLine(mismatch));
    }
    if (mismatch != null) {
      fail(mismatch);
    }
  }

  private static String mismatch(ExampleProgram example, Result result) {
    String context = "\n--- stdout ---\n" + result.out() + "\n--- stderr ---\n" + result.err();
    if (!example.expectedOut().equals(result.out())) {
      return "stdout differs: expected\n" + example.expectedOut() + context;
    }
    if (example.expectedExit() != result.exit()) {
      return "exit code " + result.exit() + ", expected " + example.expectedExit() + context;
    }
    String[] errLines =
        result
            .err()
            .replace(example.source().toString(), example.source().getFileName().toString())
            .split("\n", -1);
    for (int i = 0; i < example.expectedErr().size(); i++) {
      String expected = example.expectedErr().get(i);
      if (i >= errLines.length || !errLines[i].startsWith(expected)) {
        return "stderr line " + (i + 1) + " should start with '" + expected + "'" + context;
      }
    }
    return null;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  record Result(String out, String err, int exit) {}

  static Result run(Path source) {
    return run(source, null);
  }

  /** {@code simplex run [--jit=MODE] FILE}; a null mode leaves the default (auto). */
  static Result run(Path source, String jit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      String[] argv =
          jit == null
              ? new String[] {"run", source.toString()}
              : new String[] {"run", "--jit=" + jit, source.toString()};
      exit = Main.execute(argv, o, e);
    }
    return new Result(
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
  }

  /** examples/PENDING: one program per line, `path reason...`; `#` starts a comment. */
  static final class Pending {
    static Map<String, String> read(Path file) throws IOException {
      Map<String, String> pending = new TreeMap<>();
      if (!Files.exists(file)) {
        return pending;
      }
      for (String line : Files.readAllLines(file)) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String[] parts = text.split("\\s+", 2);
        assertTrue(parts.length == 2, "PENDING line needs a reason: " + line);
        pending.put(parts[0], parts[1]);
      }
      return pending;
    }
  }

  @org.junit.jupiter.api.Test
  void pendingListNamesOnlyExistingPrograms() throws IOException {
    for (String name : Pending.read(EXAMPLES.resolve("PENDING")).keySet()) {
      assertTrue(
          Files.exists(EXAMPLES.resolve(name)),
          "examples/PENDING names a missing program: " + name);
    }
  }
}
