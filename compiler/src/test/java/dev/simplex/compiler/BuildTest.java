package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.Disassembler;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcReader;
import dev.simplex.sbc.SbcWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deterministic builds, content hashes through the compiler, and the file entry point. */
class BuildTest {
  private static final String PROGRAM =
      """
      fn square(x: i64) -> i64 { x * x }
      fn main() {
          let xs = [1, 2, 3]
          println("{square(4)} {xs}")
      }
      """;

  private static SbcModule compile(String source) {
    CompileResult r = Compiler.compileSource("build.sx", source, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    return r.module();
  }

  @Test
  void sameSourceGivesByteIdenticalSbc() {
    assertArrayEquals(SbcWriter.write(compile(PROGRAM)), SbcWriter.write(compile(PROGRAM)));
  }

  @Test
  void compiledProgramsSurviveAWriteReadWriteRoundTrip() throws Exception {
    byte[] bytes = SbcWriter.write(compile(PROGRAM));
    assertArrayEquals(bytes, SbcWriter.write(SbcReader.read(bytes)));
  }

  @Test
  void renamingAFunctionDoesNotChangeItsHash() {
    SbcModule a = compile(PROGRAM);
    SbcModule b = compile(PROGRAM.replace("square", "sq"));
    assertEquals(a.hashHex(a.indexOf("square")), b.hashHex(b.indexOf("sq")));
    assertEquals(a.hashHex(a.indexOf("main")), b.hashHex(b.indexOf("main")));
  }

  @Test
  void editingACalleeChangesItsCallersHash() {
    SbcModule a = compile(PROGRAM);
    SbcModule b = compile(PROGRAM.replace("x * x", "x * x * x"));
    assertNotEquals(a.hashHex(a.indexOf("square")), b.hashHex(b.indexOf("square")));
    assertNotEquals(a.hashHex(a.indexOf("main")), b.hashHex(b.indexOf("main")));
  }

  @Test
  void disassemblyShowsFunctionsWithSourceLines() {
    String text = Disassembler.disassemble(compile(PROGRAM));
    assertTrue(text.contains("fn square #"), text);
    assertTrue(text.contains("MUL_I64"), text);
    assertTrue(text.contains("CALL             square#"), text);
  }

  @Test
  void compilingAFileNamesItAsGivenInDiagnostics(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.sx");
    Files.writeString(file, "fn main() { nope }\n");
    CompileResult r = Compiler.compile(file, CompileOptions.defaults());
    assertTrue(!r.success() && r.module() == null);
    assertTrue(r.renderDiagnostics().contains(" --> " + file + ":1:13"), r.renderDiagnostics());
  }

  @Test
  void aMissingFileIsADiagnosticNotAnException(@TempDir Path dir) {
    CompileResult r = Compiler.compile(dir.resolve("absent.sx"), CompileOptions.defaults());
    assertTrue(!r.success());
    assertTrue(r.renderDiagnostics().contains("cannot read the file"), r.renderDiagnostics());
  }

  @Test
  void invalidUtf8IsADiagnostic(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bin.sx");
    Files.write(file, new byte[] {'f', 'n', ' ', (byte) 0xC3, (byte) 0x28});
    CompileResult r = Compiler.compile(file, CompileOptions.defaults());
    assertTrue(r.renderDiagnostics().contains("not valid UTF-8"), r.renderDiagnostics());
  }

  @Test
  void optimisationShrinksCodeWithoutChangingBehaviour() {
    String source =
        "fn main() {\n    var x = 1\n    x += 2\n    println(x)\n    while x < 10 { x *= 2 }\n    println(x)\n}\n";
    CompileResult fast = Compiler.compileSource("o.sx", source, CompileOptions.defaults());
    CompileResult plain = Compiler.compileSource("o.sx", source, new CompileOptions(false));
    int optimised = fast.module().functions().getFirst().code().length;
    int unoptimised = plain.module().functions().getFirst().code().length;
    assertTrue(optimised < unoptimised, optimised + " vs " + unoptimised);
    assertEquals(Programs.stdout(source), "3\n12\n");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    new dev.simplex.sbc.Vm(plain.module(), new java.io.PrintStream(out, true), System.err)
        .runMain(java.util.List.of());
    assertEquals("3\n12\n", out.toString());
  }
}
