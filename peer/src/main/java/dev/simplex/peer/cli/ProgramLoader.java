package dev.simplex.peer.cli;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.compiler.CompileResult;
import dev.simplex.compiler.Compiler;
import dev.simplex.sbc.SbcFormatException;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns what the user named (a .sx file, a directory of them, or a .sbc file) into a loaded module.
 */
final class ProgramLoader {
  /** The module, or the exit code to stop with after the problem has been reported on stderr. */
  record Loaded(SbcModule module, int exitCode) {
    boolean ok() {
      return module != null;
    }
  }

  private final Streams streams;

  ProgramLoader(Streams streams) {
    this.streams = streams;
  }

  Loaded load(Path path, CompileOptions options) {
    if (!Files.exists(path)) {
      streams.err().println("error: " + path + ": no such file or directory");
      return new Loaded(null, ExitCodes.BAD_INPUT);
    }
    if (path.getFileName() != null && path.getFileName().toString().endsWith(".sbc")) {
      return readBytecode(path);
    }
    return compile(path, options);
  }

  Loaded compile(Path path, CompileOptions options) {
    CompileResult result = Compiler.compile(path, options);
    String diagnostics = result.renderDiagnostics();
    if (!diagnostics.isEmpty()) {
      streams.err().print(diagnostics);
      if (!diagnostics.endsWith("\n")) {
        streams.err().println();
      }
    }
    if (!result.success()) {
      return new Loaded(null, ExitCodes.USAGE);
    }
    return new Loaded(result.module(), ExitCodes.OK);
  }

  private Loaded readBytecode(Path path) {
    try {
      return new Loaded(SbcReader.read(Files.readAllBytes(path)), ExitCodes.OK);
    } catch (SbcFormatException e) {
      streams.err().println("error: " + path + " is not valid Simplex bytecode: " + e.getMessage());
      return new Loaded(null, ExitCodes.BAD_INPUT);
    } catch (IOException e) {
      streams.err().println("error: cannot read " + path + ": " + e.getMessage());
      return new Loaded(null, ExitCodes.BAD_INPUT);
    }
  }
}
