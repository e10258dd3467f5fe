package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.compiler.CompileResult;
import dev.simplex.compiler.Compiler;
import dev.simplex.sbc.SbcModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: compiles source text and runs it on the actor runtime, capturing its output. */
final class Programs {
  private Programs() {}

  record Outcome(String out, String err, int exit) {}

  static SbcModule compile(String source) {
    CompileResult r = Compiler.compileSource("test.sx", source, CompileOptions.defaults());
    assertTrue(r.success(), r::renderDiagnostics);
    return r.module();
  }

  static Outcome run(String source) {
    SbcModule module = compile(source);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = ActorProgram.run(module, List.of(), o, e, 2);
    }
    return new Outcome(
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
  }
}
