package dev.simplex.compiler;

import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: compiles source text and runs it, capturing stdout, stderr and the exit code. */
final class Programs {
  private Programs() {}

  record Outcome(String stdout, String stderr, int exit) {}

  static Outcome run(String source) {
    return run("test.sx", source);
  }

  static Outcome run(String file, String source) {
    CompileResult r = Compiler.compileSource(file, source, CompileOptions.defaults());
    if (!r.success()) return new Outcome("", r.renderDiagnostics(), 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new Vm(r.module(), o, e).runMain(List.of());
    }
    return new Outcome(
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code);
  }

  /** The stdout of a program that must compile and exit 0. */
  static String stdout(String source) {
    Outcome o = run(source);
    if (o.exit() != 0)
      throw new AssertionError("exit " + o.exit() + "\n" + o.stderr() + "\nstdout:\n" + o.stdout());
    return o.stdout();
  }

  static String errors(String source) {
    CompileResult r = Compiler.compileSource("test.sx", source, CompileOptions.defaults());
    if (r.success()) throw new AssertionError("expected a compile error");
    return r.renderDiagnostics();
  }
}
