package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bad input never crashes the compiler: it ends in diagnostics. */
class RobustnessTest {
  private static final String NOISE = "(){}[]<>:;,.=+-*&|!?\"'0aZ_ \n";

  @Test
  void mutatedExampleProgramsEndInDiagnosticsNotExceptions() throws Exception {
    Random rnd = new Random(42);
    List<Path> sources;
    try (Stream<Path> s = Files.walk(Path.of("..", "examples"))) {
      sources = s.filter(p -> p.toString().endsWith(".sx")).sorted().toList();
    }
    int compiled = 0;
    for (Path p : sources) {
      String src = Files.readString(p);
      for (int k = 0; k < 25; k++) {
        StringBuilder sb = new StringBuilder(src);
        for (int ops = 1 + rnd.nextInt(3); ops > 0 && !sb.isEmpty(); ops--) {
          int at = rnd.nextInt(sb.length());
          switch (rnd.nextInt(3)) {
            case 0 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(8)));
            case 1 -> sb.insert(at, NOISE.charAt(rnd.nextInt(NOISE.length())));
            default -> sb.setCharAt(at, NOISE.charAt(rnd.nextInt(NOISE.length())));
          }
        }
        CompileResult r = Compiler.compileSource("m.sx", sb.toString(), CompileOptions.defaults());
        if (r.success()) compiled++;
        else
          assertFalse(
              r.renderDiagnostics().contains("E9999"),
              "internal error on:\n" + sb + "\n" + r.renderDiagnostics());
      }
    }
    assertTrue(compiled >= 0);
  }

  @Test
  void emptySourceReportsMissingMain() {
    assertEquals(
        "error[E0600]: `main` function not found",
        Programs.errors("").lines().findFirst().orElseThrow());
  }

  @Test
  void bindingWhoseTypeCannotBeInferredIsE0204() {
    assertEquals(
        "error[E0204]: type annotation needed: cannot infer the type of `[]`",
        Programs.errors("fn main() { let xs = [] }").lines().findFirst().orElseThrow());
    assertEquals(
        "error[E0204]: type annotation needed: cannot infer the type of `None`",
        Programs.errors("fn main() { let x = None }").lines().findFirst().orElseThrow());
  }

  @Test
  void annotatedEmptyCollectionsAreFine() {
    assertEquals(
        "[] {} true\n",
        Programs.stdout(
            "fn main() {\n    let xs: List<i64> = []\n    let m: Map<String, i64> = {}\n    println(\"{xs} {m} {xs.is_empty()}\")\n}"));
  }
}
