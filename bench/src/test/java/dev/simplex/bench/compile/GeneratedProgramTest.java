package dev.simplex.bench.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.compiler.CompileResult;
import dev.simplex.compiler.Compiler;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compile benchmark's program is valid Simplex at the size the benchmark uses. */
class GeneratedProgramTest {
  @Test
  void theTenThousandLineProgramCompilesAndRuns() {
    String source = GeneratedProgram.simplex(10_000);
    assertTrue(source.lines().count() >= 10_000, "lines: " + source.lines().count());
    CompileResult r = Compiler.compileSource("generated.sx", source, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      assertEquals(0, new Vm(r.module(), o, System.err).runMain(List.of()));
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).strip().matches("-?\\d+"), out.toString());
  }
}
