package dev.simplex.peer.cli;

import dev.simplex.peer.admin.SwarmCommand;
import dev.simplex.peer.migrate.MigrateCommand;
import dev.simplex.peer.swarm.GossipRouterCommand;
import dev.simplex.peer.swarm.PeerCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code simplex} command: a dispatcher over the subcommands. */
@Command(
    name = "simplex",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compile and run Simplex programs; with no command, start a swarm peer (same as `simplex peer`)."
    },
    subcommands = {
      RunCommand.class,
      BuildCommand.class,
      CheckCommand.class,
      DisasmCommand.class,
      CheckpointCommand.class,
      SubmitCommand.class,
      PeerCommand.class,
      SwarmCommand.class,
      GossipRouterCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SimplexCommand implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Reached only through picocli's API without {@link #execute}: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** Parses and runs {@code args}; usage errors exit 2, like compile errors. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    args = peerByDefault(args);
    Streams streams = new Streams(out, err);
    CommandLine cli = new CommandLine(new SimplexCommand(), new Factory(streams));
    // `swarm migrate` lives with the router it drives; registered here so admin and migrate stay
    // acyclic.
    cli.getSubcommands().get("swarm").addSubcommand("migrate", new MigrateCommand());
    cli.getSubcommands()
        .get("swarm")
        .addSubcommand("drain", new dev.simplex.peer.migrate.DrainCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.INTERNAL);
    cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    VersionProvider version = new VersionProvider();
    forEachCommand(
        cli,
        c -> {
          c.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
          // --version everywhere, also on commands declared outside this package
          if (c.getCommandSpec().versionProvider() == null) {
            c.getCommandSpec().versionProvider(version);
          }
        });
    // Everything after `run FILE` belongs to the program's args(), options included.
    cli.getSubcommands().get("run").setStopAtPositional(true);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * {@code simplex-peer.jar [--swarm NAME ...]}: without a command, the arguments are the peer's
   * options, so the jar started on a LAN machine with only flags runs a peer.
   */
  static String[] peerByDefault(String[] args) {
    boolean startsWithOption = args.length > 0 && args[0].startsWith("-");
    boolean helpOrVersion =
        args.length > 0 && java.util.Set.of("-h", "--help", "-V", "--version").contains(args[0]);
    if (args.length == 0 || (startsWithOption && !helpOrVersion)) {
      String[] withCommand = new String[args.length + 1];
      withCommand[0] = "peer";
      System.arraycopy(args, 0, withCommand, 1, args.length);
      return withCommand;
    }
    return args;
  }

  private static void forEachCommand(
      CommandLine cli, java.util.function.Consumer<CommandLine> action) {
    action.accept(cli);
    for (CommandLine sub : cli.getSubcommands().values()) {
      forEachCommand(sub, action);
    }
  }

  /** Hands every command the streams of this invocation, so tests can run the CLI in-process. */
  private record Factory(Streams streams) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (StreamsAware.class.isAssignableFrom(cls)) {
        return cls.getDeclaredConstructor(Streams.class).newInstance(streams);
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
