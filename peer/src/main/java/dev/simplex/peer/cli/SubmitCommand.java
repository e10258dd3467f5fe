package dev.simplex.peer.cli;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.gossip.HostPort;
import dev.simplex.peer.admin.AdminClient;
import dev.simplex.sbc.SbcWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simplex submit FILE --peer ADDR:PORT [args]}: compile here, run {@code main} on a swarm
 * peer.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description =
        "Compile a program and run it on a swarm peer, printing its output like `simplex run`.")
final class SubmitCommand implements Callable<Integer>, StreamsAware {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "a .sx source file, a directory, or a .sbc file")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "ARGS",
      description = "arguments for the program's args()")
  List<String> args = List.of();

  @Option(
      names = "--peer",
      paramLabel = "ADDR:PORT",
      defaultValue = "127.0.0.1:7070",
      description = "the admin endpoint of any peer (default: ${DEFAULT-VALUE})")
  String peer;

  private final Streams streams;

  SubmitCommand(Streams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    HostPort target;
    try {
      target = HostPort.parse(peer, "--peer");
    } catch (IllegalArgumentException e) {
      streams.err().println("simplex submit: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    ProgramLoader.Loaded loaded = new ProgramLoader(streams).load(file, CompileOptions.defaults());
    if (!loaded.ok()) {
      return loaded.exitCode();
    }
    try {
      return new AdminClient(target, Duration.ofSeconds(5))
          .submit(SbcWriter.write(loaded.module()), args, streams.out(), streams.err());
    } catch (AdminClient.AdminException e) {
      streams.err().println("simplex submit: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
  }
}
