package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs over several files: `use` forms, `pub`, module paths from file paths (language.md §3).
 */
class ModulesTest {
  @TempDir Path root;

  private static final String SHAPES =
      """
      module geo::shapes

      pub struct Rect { pub w: i64, pub h: i64 }
      pub fn area(r: &Rect) -> i64 { r.w * r.h }
      fn secret() -> i64 { 42 }
      pub(modulus) fn unit() -> Rect { Rect { w: 1, h: 1 } }
      """;

  private CompileResult compile(String main) throws Exception {
    Files.createDirectories(root.resolve("geo"));
    Files.writeString(root.resolve("geo/shapes.sx"), SHAPES);
    Files.writeString(root.resolve("main.sx"), main);
    return Compiler.compile(root.resolve("main.sx"), CompileOptions.defaults());
  }

  private String run(String main) throws Exception {
    CompileResult r = compile(main);
    assertTrue(r.success(), r.renderDiagnostics());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      assertEquals(0, new Vm(r.module(), o, System.err).runMain(List.of()));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void itemImportsWithRenamingGlobsAndModuleAliases() throws Exception {
    assertEquals(
        "12 12 1\n",
        run(
            """
        use geo::shapes::{Rect, area as surface}
        use geo::shapes::*
        use geo::shapes as gs
        fn main() {
            let r = Rect { w: 3, h: 4 }
            println("{surface(&r)} {area(&r)} {gs::area(&gs::unit())}")
        }
        """));
  }

  @Test
  void globImportsSkipPrivateItems() throws Exception {
    CompileResult r = compile("use geo::shapes::*\nfn main() { println(secret()) }\n");
    assertEquals(
        "error[E0100]: cannot find value `secret` in this scope",
        r.renderDiagnostics().lines().findFirst().orElseThrow());
  }

  @Test
  void importingAPrivateItemIsE0106() throws Exception {
    CompileResult r = compile("use geo::shapes::secret\nfn main() {}\n");
    assertEquals(
        "error[E0106]: function `secret` is private to module `geo::shapes`",
        r.renderDiagnostics().lines().findFirst().orElseThrow());
  }

  @Test
  void unknownModuleIsE0104AtThePath() throws Exception {
    CompileResult r = compile("use geo::circles::area\nfn main() {}\n");
    List<String> lines = r.renderDiagnostics().lines().toList();
    assertEquals("error[E0104]: unresolved module `geo::circles::area`", lines.get(0));
    assertTrue(lines.get(1).endsWith("main.sx:1:5"), lines.get(1));
  }

  @Test
  void mismatchedModuleLineIsE0104AtItsPathInThatFile() throws Exception {
    Files.createDirectories(root.resolve("util"));
    Files.writeString(
        root.resolve("util/text.sx"), "module util::strings\npub fn f() -> i64 { 1 }\n");
    CompileResult r = compile("use util::text\nfn main() { println(text::f()) }\n");
    List<String> lines = r.renderDiagnostics().lines().toList();
    assertEquals(
        "error[E0104]: module line says `util::strings` but the file is module `util::text`",
        lines.get(0));
    assertEquals(" --> util/text.sx:1:8", lines.get(1));
  }

  @Test
  void errorsInAModuleFileNameThatFileRelativeToTheRoot() throws Exception {
    Files.createDirectories(root.resolve("m"));
    Files.writeString(root.resolve("m/bad.sx"), "pub fn f() -> i64 { \"no\" }\n");
    CompileResult r = compile("use m::bad\nfn main() { println(bad::f()) }\n");
    assertTrue(r.renderDiagnostics().contains(" --> m/bad.sx:1:21"), r.renderDiagnostics());
  }

  @Test
  void aDirectoryCompilesItsMainFile() throws Exception {
    compile("use geo::shapes::area\nfn main() { println(area(&geo::shapes::unit())) }\n");
    CompileResult r = Compiler.compile(root, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
  }
}
