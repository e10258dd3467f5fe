package dev.simplex.peer.vm;

import dev.simplex.checkpoint.Checkpoint;
import dev.simplex.checkpoint.CheckpointInfo;
import dev.simplex.checkpoint.Checkpointer;
import dev.simplex.checkpoint.CodeHash;
import dev.simplex.checkpoint.LocalDirectoryStore;
import dev.simplex.checkpoint.SnapshotValue;
import dev.simplex.checkpoint.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The single peer's durable checkpoints ({@code simplex run --data DIR}): each {@code checkpoint()}
 * is encoded at once and persisted in the background by a {@link Checkpointer} over {@code
 * DIR/checkpoints}; damaged files are reported and the previous good checkpoint is used.
 */
final class CheckpointLog implements AutoCloseable {
  private final LocalDirectoryStore store;
  private final Checkpointer checkpointer;

  /** The highest sequence each actor id has, stored or accepted: new ones continue above it. */
  private final Map<String, Long> sequences = new ConcurrentHashMap<>();

  private final Consumer<String> report;

  private CheckpointLog(LocalDirectoryStore store, Consumer<String> report) throws IOException {
    this.store = store;
    this.report = report;
    this.checkpointer = new Checkpointer(store);
    for (CheckpointInfo info : store.list())
      sequences.merge(info.actorId(), info.sequence(), Math::max);
  }

  /** Opens (creating) {@code dataDir/checkpoints}; {@code report} hears of damaged checkpoints. */
  static CheckpointLog open(Path dataDir, Consumer<String> report) throws IOException {
    Path dir = dataDir.resolve("checkpoints");
    Set<String> reported = ConcurrentHashMap.newKeySet();
    StoreOptions options =
        StoreOptions.defaults()
            .withCorruptionListener(
                c -> {
                  // listing and reading both meet the same damaged file: say it once
                  if (reported.add(c.location()))
                    report.accept(
                        "warning: checkpoint "
                            + c.sequence()
                            + " of actor `"
                            + readableId(c.actorId())
                            + "` is damaged ("
                            + dir.resolve(c.location())
                            + ": "
                            + c.problem()
                            + "); using the previous one");
                });
    return new CheckpointLog(LocalDirectoryStore.open(dir, options), report);
  }

  /** A listing names an actor by its escaped directory; every id of ours contains a slash. */
  private static String readableId(String id) {
    return id.contains("/") ? id : URLDecoder.decode(id, StandardCharsets.UTF_8);
  }

  /**
   * Captures the fields (and the handler's execution context, when there is one) now and persists
   * them in the background under the next sequence.
   */
  void save(
      String actorId,
      CodeHash type,
      SnapshotValue fields,
      java.util.Optional<dev.simplex.checkpoint.ExecutionContext> context,
      List<Checkpoint.PendingMessage> mailbox,
      List<Checkpoint.SupervisorLink> links) {
    long sequence = sequences.merge(actorId, 1L, Long::sum);
    checkpointer.checkpoint(
        new Checkpoint(
            actorId,
            type,
            sequence,
            Instant.now(),
            fields,
            context,
            mailbox,
            links,
            java.util.Map.of()));
  }

  /** Where the run reports on its checkpoints (stderr). */
  void report(String line) {
    report.accept(line);
  }

  /** Whether {@code actorId} has a checkpoint, stored before or accepted since. */
  boolean has(String actorId) {
    return sequences.containsKey(actorId);
  }

  /** Every actor id with a checkpoint, stored before or accepted since. */
  Set<String> actorIds() {
    return Set.copyOf(sequences.keySet());
  }

  /** The newest checkpoint of every actor that has one that verifies, by actor id. */
  List<Checkpoint> latestOfEach() {
    List<Checkpoint> out = new ArrayList<>();
    try {
      for (String id : sequences.keySet().stream().sorted().toList())
        store.latest(id).ifPresent(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints in " + store.directory(), e);
    }
    return out;
  }

  Optional<Checkpoint> latest(String actorId) {
    try {
      return checkpointer.latest(actorId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints in " + store.directory(), e);
    }
  }

  /** Waits for the accepted checkpoints to be durable, then releases the directory. */
  @Override
  public void close() throws IOException {
    checkpointer.close();
    store.close();
  }
}
