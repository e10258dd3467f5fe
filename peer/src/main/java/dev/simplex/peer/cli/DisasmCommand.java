package dev.simplex.peer.cli;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.sbc.Disassembler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code simplex disasm FILE.sbc}: print functions, their hashes and their instructions. */
@Command(
    name = "disasm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Print the functions of a .sbc file (or of a compiled .sx) with hashes and instructions.")
final class DisasmCommand implements Callable<Integer>, StreamsAware {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "a .sbc file (a .sx file is compiled first)")
  Path file;

  private final Streams streams;

  DisasmCommand(Streams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    ProgramLoader.Loaded loaded = new ProgramLoader(streams).load(file, CompileOptions.defaults());
    if (!loaded.ok()) {
      return loaded.exitCode();
    }
    streams.out().print(Disassembler.disassemble(loaded.module()));
    return ExitCodes.OK;
  }
}
