package dev.simplex.peer.cli;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.sbc.SbcWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simplex build FILE.sx -o FILE.sbc}: compile to a binary bytecode file. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Compile a program to Simplex bytecode (.sbc).")
final class BuildCommand implements Callable<Integer>, StreamsAware {
  @Parameters(index = "0", paramLabel = "FILE", description = "a .sx source file or a directory")
  Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "where to write the bytecode (default: FILE with .sbc)")
  Path output;

  @Option(
      names = "-O",
      paramLabel = "LEVEL",
      defaultValue = "1",
      description = "optimisation level: 0 turns optimisation off, 1 (default) turns it on")
  int level;

  private final Streams streams;

  BuildCommand(Streams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    ProgramLoader.Loaded loaded =
        new ProgramLoader(streams).compile(file, new CompileOptions(level > 0));
    if (!loaded.ok()) {
      return loaded.exitCode();
    }
    Path target = output != null ? output : defaultOutput(file);
    try {
      Files.write(target, SbcWriter.write(loaded.module()));
    } catch (IOException e) {
      streams.err().println("error: cannot write " + target + ": " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.OK;
  }

  static Path defaultOutput(Path source) {
    String name = source.getFileName().toString();
    String stem = name.endsWith(".sx") ? name.substring(0, name.length() - 3) : name;
    return source.resolveSibling(stem + ".sbc");
  }
}
