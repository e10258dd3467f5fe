package dev.simplex.peer.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code simplex swarm}: look at a running swarm through one peer's admin endpoint. Each subcommand
 * takes {@code --peer ADDR:PORT} (default 127.0.0.1:7070) and {@code --json}; an unreachable peer
 * is a one-line error and exit code 1.
 */
@Command(
    name = "swarm",
    mixinStandardHelpOptions = true,
    description = "Inspect a running swarm through a peer's admin endpoint.",
    subcommands = {
      SwarmStatusCommand.class,
      SwarmActorsCommand.class,
      SwarmLogsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SwarmCommand implements Runnable {
  /** Exit code when the peer cannot be reached or answers with an error. */
  static final int UNREACHABLE = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public SwarmCommand() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
