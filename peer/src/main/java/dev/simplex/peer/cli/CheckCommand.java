package dev.simplex.peer.cli;

import dev.simplex.compiler.CompileOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code simplex check FILE.sx}: report diagnostics, produce nothing. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Report a program's diagnostics without building or running it.")
final class CheckCommand implements Callable<Integer>, StreamsAware {
  @Parameters(index = "0", paramLabel = "FILE", description = "a .sx source file or a directory")
  Path file;

  private final Streams streams;

  CheckCommand(Streams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    return new ProgramLoader(streams).compile(file, CompileOptions.defaults()).exitCode();
  }
}
