package dev.simplex.peer.cli;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.sbc.Disassembler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code simplex disasm FILE.sbc}: print functions, their hashes, checkpoint points and
 * instructions, with the source text beside them when the source file is at hand.
 */
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
    streams.out().print(Disassembler.disassemble(loaded.module(), sourceLines(loaded.module())));
    return ExitCodes.OK;
  }

  /**
   * The source text by line number, from the file the debug info names: as written (relative to the
   * working directory), else beside FILE; none when it cannot be read.
   */
  private java.util.function.IntFunction<String> sourceLines(dev.simplex.sbc.SbcModule module) {
    String name = module.sourceFile();
    if (name.isEmpty()) return line -> null;
    Path source = Path.of(name);
    Path besides = file.toAbsolutePath().getParent();
    if (!java.nio.file.Files.isReadable(source) && besides != null)
      source = besides.resolve(source.getFileName());
    try {
      java.util.List<String> lines = java.nio.file.Files.readAllLines(source);
      return line -> line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
    } catch (java.io.IOException | RuntimeException e) {
      return line -> null;
    }
  }
}
