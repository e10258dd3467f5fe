package dev.simplex.compiler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler's entry point: source to {@link dev.simplex.sbc.SbcModule}. Phases are separate
 * passes over immutable trees: lex and parse every module ({@link ModuleLoader}, stopping at the
 * first error), check names, types and ownership ({@link Checker}, reporting every error in source
 * order), generate code ({@link CodeGen}).
 */
public final class Compiler {
  private Compiler() {}

  /**
   * Compiles the entry file and the modules it uses; diagnostics name it as given. A directory
   * means its {@code main.sx}.
   */
  public static CompileResult compile(Path entry, CompileOptions options) {
    if (Files.isDirectory(entry)) entry = entry.resolve("main.sx");
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(entry)))
              .toString();
    } catch (CharacterCodingException e) {
      return failure(entry.toString(), "the file is not valid UTF-8");
    } catch (IOException e) {
      return failure(entry.toString(), "cannot read the file: " + e.getMessage());
    }
    Path root = entry.toAbsolutePath().getParent();
    return compileProgram(new SourceFile(entry.toString(), text), root, options);
  }

  /**
   * Compiles source text as an entry file named {@code fileName}; `use` paths resolve against the
   * working directory.
   */
  public static CompileResult compileSource(String fileName, String text, CompileOptions options) {
    return compileProgram(new SourceFile(fileName, text), Path.of("").toAbsolutePath(), options);
  }

  private static CompileResult compileProgram(SourceFile file, Path root, CompileOptions options) {
    try {
      return phases(file, root, options);
    } catch (RuntimeException e) {
      // A compiler bug must still end as a diagnostic the user can report, never a stack trace.
      Diagnostic d =
          new Diagnostic(
              Diagnostic.Severity.ERROR,
              "E9999",
              "internal compiler error: " + e,
              file.name(),
              1,
              1,
              1,
              file.lineText(1),
              "",
              "please report this with the source file");
      return new CompileResult(null, List.of(d));
    }
  }

  private static CompileResult phases(SourceFile file, Path root, CompileOptions options) {
    List<Checker.Unit> units;
    try {
      units = ModuleLoader.load(file, root);
    } catch (CompileError e) {
      return new CompileResult(null, List.of(e.diagnostic));
    }
    Checker checker = new Checker(file);
    Typing typing;
    try {
      typing = checker.check(units);
    } catch (CompileError e) {
      List<Diagnostic> all = new ArrayList<>(checker.diagnostics);
      all.add(e.diagnostic);
      return new CompileResult(null, all);
    }
    if (checker.diagnostics.stream().anyMatch(Diagnostic::isError))
      return new CompileResult(null, checker.diagnostics);
    return new CompileResult(
        new CodeGen(typing, options.optimize()).generate(file.name()), checker.diagnostics);
  }

  private static CompileResult failure(String file, String message) {
    Diagnostic d =
        new Diagnostic(
            Diagnostic.Severity.ERROR,
            "E0001",
            message,
            file,
            1,
            1,
            1,
            "",
            "",
            "check the path and encoding");
    return new CompileResult(null, List.of(d));
  }
}
