package dev.simplex.peer.cli;

import dev.simplex.checkpoint.CheckpointInfo;
import dev.simplex.checkpoint.Corruption;
import dev.simplex.checkpoint.LocalDirectoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simplex checkpoint list|export|import|verify}: operating a peer's checkpoint store. */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    description = "Inspect, back up and restore a peer's checkpoint store.",
    subcommands = {
      CheckpointCommand.ListStore.class,
      CheckpointCommand.Export.class,
      CheckpointCommand.Import.class,
      CheckpointCommand.Verify.class
    })
final class CheckpointCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** A subcommand that works on the store of an existing data directory. */
  abstract static class OnStore implements Callable<Integer>, StreamsAware {
    @Option(names = "--data", paramLabel = "DIR", description = "the peer's data directory")
    Path data;

    final Streams streams;

    OnStore(Streams streams) {
      this.streams = streams;
    }

    abstract int run(LocalDirectoryStore store) throws IOException;

    @Override
    public Integer call() throws IOException {
      Path home = DataDir.resolve(data);
      Path dir = DataDir.checkpoints(home);
      if (!Files.isDirectory(dir)) {
        streams.err().println("error: no checkpoint store in " + home + " (expected " + dir + ")");
        return ExitCodes.BAD_INPUT;
      }
      try (LocalDirectoryStore store = LocalDirectoryStore.open(dir)) {
        return run(store);
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List checkpoints: actor, sequence, size, time.")
  static final class ListStore extends OnStore {
    ListStore(Streams streams) {
      super(streams);
    }

    @Override
    int run(LocalDirectoryStore store) throws IOException {
      List<CheckpointInfo> infos = store.list();
      Table table = new Table("ACTOR", "SEQUENCE", "SIZE", "CHUNKS", "TIME (UTC)");
      for (CheckpointInfo info : infos) {
        table.row(
            info.actorId(),
            Long.toString(info.sequence()),
            Table.bytes(info.size()),
            Integer.toString(info.chunks()),
            TIME.format(info.wallTime()));
      }
      streams.out().print(table.render());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write the whole store to a .tar.zst archive.")
  static final class Export extends OnStore {
    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "ARCHIVE",
        description = "e.g. backup.tar.zst")
    Path output;

    Export(Streams streams) {
      super(streams);
    }

    @Override
    int run(LocalDirectoryStore store) throws IOException {
      store.exportArchive(output);
      streams.err().println("exported " + store.list().size() + " checkpoints to " + output);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check every checkpoint's checksums; list damaged ones.")
  static final class Verify extends OnStore {
    Verify(Streams streams) {
      super(streams);
    }

    @Override
    int run(LocalDirectoryStore store) throws IOException {
      List<Corruption> damaged = store.verify();
      damaged.forEach(c -> streams.out().println("damaged: " + c));
      streams
          .err()
          .println(damaged.isEmpty() ? "all checkpoints verify" : damaged.size() + " damaged");
      return damaged.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Restore an archive into an empty store, verifying every checksum.")
  static final class Import implements Callable<Integer>, StreamsAware {
    @Parameters(
        index = "0",
        paramLabel = "ARCHIVE",
        description = "an archive written by `simplex checkpoint export`")
    Path archive;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "the data directory to restore into")
    Path data;

    private final Streams streams;

    Import(Streams streams) {
      this.streams = streams;
    }

    @Override
    public Integer call() {
      Path target = DataDir.checkpoints(DataDir.resolve(data));
      try {
        LocalDirectoryStore.importArchive(archive, target);
      } catch (IOException e) {
        streams.err().println("error: cannot import " + archive + ": " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      streams.err().println("imported " + archive + " into " + target);
      return ExitCodes.OK;
    }
  }
}
